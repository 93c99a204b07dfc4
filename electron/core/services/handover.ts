import { v7 as uuidv7 } from 'uuid';
import type { HandoverDraft } from '../../../shared/api/handoverTypes';
import { attendanceIdOf } from '../../../shared/domain/attendance';
import { addLocalDays, localDay } from '../../../shared/domain/calendar';
import type { Callback } from '../../../shared/domain/callback';
import type { CallRecord } from '../../../shared/domain/callRecord';
import type { Complaint } from '../../../shared/domain/complaint';
import { complaintClocks, nextDeadline } from '../../../shared/domain/deadlines';
import { HANDOVER_ITEM_KINDS, type HandoverItem, type HandoverItemKind, MAX_HANDOVER_ITEMS } from '../../../shared/domain/handover';
import { currentShift, nextShift, type ShiftSpan, spanOf } from '../../../shared/domain/handoverShift';
import type { Actor, FieldIssue } from '../../../shared/domain/mutation';
import { HANDOVER_ROLES, LEAD_ROLES } from '../../../shared/domain/roles';
import { seesCallbackInFull, seesCallInFull, seesComplaintInFull, type Viewer } from '../../../shared/domain/visibility';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import {
  type CallbackLinks,
  callbackLinks,
  callbacksDueBy,
  callsAwaitingReply,
  complaintsInHandling,
  complaintsToEscalate,
  handoverPage,
  recordsByIds,
} from '../store/handover';
import { openConflicts } from '../store/journal';
import { requireSettings } from '../store/settings';
import { attendanceTable, handoversTable } from '../store/tables';
import { auditedRead } from '../write/audit';
import { runSyncMutation } from '../write/mutation';

/**
 * Shift handover (交接班, docs/reports.md). A handover is read by whoever takes over and goes to every
 * workstation, so each item is summarised as a reader with no rights on the record would see it: a
 * confidential record by its number alone, whoever wrote the handover. The next shift opens the record
 * itself, as its own rights allow.
 */

const NEXT_SHIFT: Viewer = { userId: '', role: 'agent' };
const SUMMARY_CHARS = 200;
const clip = (s: string, n: number) => (Array.from(s).length > n ? `${Array.from(s).slice(0, n - 1).join('')}…` : s);
const summaryOf = (...parts: string[]) => clip(parts.map((p) => p.trim().replace(/\s+/g, ' ')).filter(Boolean).join(' · '), SUMMARY_CHARS);

function callItem(c: CallRecord): HandoverItem {
  const shown = seesCallInFull(c, NEXT_SHIFT);
  return { kind: 'call', recordId: c.id, recordNo: c.recordNo, summary: shown ? summaryOf(c.callerName, c.organisation, c.content) : '', dueAt: c.promisedReplyBy, note: '' };
}

type Clocks = Parameters<typeof complaintClocks>[1];
function complaintItem(kind: 'complaint' | 'escalation', c: Complaint, cal: Clocks, now: Date): HandoverItem {
  const shown = seesComplaintInFull(c, NEXT_SHIFT);
  // Whom it went to says where an escalation stands; a name is not hidden text.
  const to = kind === 'escalation' && c.escalatedTo ? `→ ${c.escalatedTo}` : '';
  return {
    kind,
    recordId: c.id,
    recordNo: c.complaintNo,
    summary: shown ? summaryOf(c.complainant, c.organisation, c.problem, to) : '',
    dueAt: nextDeadline(complaintClocks(c, cal, now)),
    note: '',
  };
}

function callbackItem(cb: Callback, links: CallbackLinks): HandoverItem {
  const call = cb.callId ? links.calls.get(cb.callId) : undefined;
  const complaint = cb.complaintId ? links.complaints.get(cb.complaintId) : undefined;
  const shown = seesCallbackInFull({ assigneeId: null }, { call: call ?? null, complaint: complaint ?? null }, NEXT_SHIFT);
  // A callback has no number of its own: it goes by the complaint's or call's, else by the customer's name.
  const recordNo = clip(complaint?.complaintNo ?? call?.recordNo ?? cb.name, 40);
  return { kind: 'callback', recordId: cb.id, recordNo, summary: shown ? summaryOf(cb.name, cb.organisation, cb.subject) : '', dueAt: cb.dueAt, note: '' };
}

const KIND_ORDER = new Map(HANDOVER_ITEM_KINDS.map((k, i) => [k, i]));
const byKindThenClock = (a: HandoverItem, b: HandoverItem) =>
  KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff');

function calendarOf(ctx: CoreContext): Clocks {
  const s = requireSettings(ctx.db);
  return { rules: s.deadlineRules, overrides: s.calendar };
}

/** The shift handed over (the one signed into, today's or last night's) and the one that takes over. */
function shiftsOf(ctx: CoreContext, actor: Actor, now: Date): { current: ShiftSpan; next: ShiftSpan } {
  const s = requireSettings(ctx.db);
  const today = localDay(now.toISOString());
  const signedIn = [today, addLocalDays(today, -1)]
    .map((d) => attendanceTable.get(ctx.db, attendanceIdOf(actor.userId, d)))
    .filter((a) => a !== null && a !== undefined)
    .map((a) => spanOf(a.shift, a.day));
  const current = currentShift(s.attendance.shifts, now.getTime(), signedIn);
  return { current, next: nextShift(s.attendance.shifts, current, s.calendar) };
}

function draftOf(ctx: CoreContext, actor: Actor): HandoverDraft & { customerIds: string[] } {
  const now = ctx.now();
  const { current, next } = shiftsOf(ctx, actor, now);
  const team = LEAD_ROLES.includes(actor.role);
  const who = team ? null : actor.userId;
  const cal = calendarOf(ctx);
  // One over the cap per kind tells whether anything was left out.
  const cap = MAX_HANDOVER_ITEMS + 1;
  const calls = callsAwaitingReply(ctx.db, who, cap);
  const escalations = complaintsToEscalate(ctx.db, who, cap);
  const handling = complaintsInHandling(ctx.db, who, cap);
  const callbacks = callbacksDueBy(ctx.db, who, new Date(next.endsAt).toISOString(), cap);
  const links = callbackLinks(ctx.db, callbacks);
  const all = [
    ...calls.map(callItem),
    ...handling.map((c) => complaintItem('complaint', c, cal, now)),
    ...callbacks.map((cb) => callbackItem(cb, links)),
    ...escalations.map((c) => complaintItem('escalation', c, cal, now)),
  ];
  // Over the cap, the soonest clocks are kept.
  const kept = all.length > MAX_HANDOVER_ITEMS ? [...all].sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff')).slice(0, MAX_HANDOVER_ITEMS) : all;
  return {
    day: current.day,
    shift: current.shift,
    nextShift: next.shift,
    nextShiftEndsAt: new Date(next.endsAt).toISOString(),
    scope: team ? 'team' : 'mine',
    items: kept.sort(byKindThenClock),
    truncated: all.length > MAX_HANDOVER_ITEMS,
    customerIds: [...calls, ...escalations, ...handling, ...callbacks].map((r) => r.customerId).filter((x): x is string => !!x),
  };
}

const tableOf = (k: HandoverItemKind) => (k === 'call' ? 'calls' : k === 'callback' ? 'callbacks' : 'complaints');

/** Each item rebuilt from its record: the client names records and writes notes, nothing else. */
function itemsFrom(ctx: CoreContext, wanted: { kind: HandoverItemKind; recordId: string; note: string }[]): HandoverItem[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  wanted.forEach((w, i) => {
    if (seen.has(w.recordId)) issues.push({ field: `items.${i}.recordId`, code: 'duplicate', message: 'the record is in the handover twice' });
    seen.add(w.recordId);
  });
  const ids = { calls: [] as string[], complaints: [] as string[], callbacks: [] as string[] };
  for (const w of wanted) ids[tableOf(w.kind)].push(w.recordId);
  const found = recordsByIds(ctx.db, ids);
  const links = callbackLinks(ctx.db, [...found.callbacks.values()]);
  const cal = calendarOf(ctx);
  const now = ctx.now();
  const items: HandoverItem[] = [];
  wanted.forEach((w, i) => {
    let item: HandoverItem | null = null;
    if (w.kind === 'call') {
      const c = found.calls.get(w.recordId);
      if (c) item = callItem(c);
    } else if (w.kind === 'callback') {
      const cb = found.callbacks.get(w.recordId);
      if (cb) item = callbackItem(cb, links);
    } else {
      const c = found.complaints.get(w.recordId);
      if (c) item = complaintItem(w.kind, c, cal, now);
    }
    if (item) items.push({ ...item, note: w.note });
    else issues.push({ field: `items.${i}.recordId`, code: 'invalid_value', message: `no ${w.kind === 'escalation' ? 'complaint' : w.kind} with this id` });
  });
  if (issues.length) throw new ApiFailure('invalid_params', 'the handover names records it cannot hold', issues);
  return items;
}

export const handoverHandlers: HandlerMap<'handover.draft' | 'handover.create' | 'handover.note' | 'handover.acknowledge' | 'handover.list' | 'handover.get'> = {
  'handover.draft': ({ ctx, session }) => {
    const actor = actorOf(session);
    const { customerIds: _c, ...draft } = auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'handover', detail: 'draft', customersOf: (d) => d.customerIds },
      () => draftOf(ctx, actor),
      (d) => d.items.map((i) => i.recordId),
    );
    return draft;
  },

  'handover.create': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const now = ctx.now();
    const { current } = shiftsOf(ctx, actor, now);
    const items = itemsFrom(ctx, params.items);
    return runSyncMutation(
      ctx,
      'handover.create',
      { id: uuidv7(), day: current.day, shiftId: current.shift.id, shiftName: current.shift.name, items, note: params.note, at: now.toISOString() },
      actor,
    );
  },

  // The domain rule refuses anybody but the author, notes after the acknowledgement, and records not in it.
  'handover.note': ({ ctx, session, params }) =>
    runSyncMutation(ctx, 'handover.note', { id: params.id, note: params.note, itemNotes: params.itemNotes, at: ctx.now().toISOString() }, actorOf(session)),

  // The domain rule refuses the author and a handover already acknowledged (saying by whom).
  'handover.acknowledge': ({ ctx, session, params }) =>
    runSyncMutation(ctx, 'handover.acknowledge', { id: params.id, note: params.note, at: ctx.now().toISOString() }, actorOf(session)),

  'handover.list': ({ ctx, session, params }) =>
    auditedRead(
      ctx,
      actorOf(session),
      { action: 'list', entity: 'handover' },
      () => handoverPage(ctx.db, { status: params.status ?? null, limit: params.limit ?? 50, offset: params.offset ?? 0 }),
      (p) => p.rows.map((r) => r.id),
    ),

  'handover.get': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    return auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'handover' },
      () => {
        const handover = handoversTable.get(ctx.db, params.id);
        if (!handover) throw new ApiFailure('not_found', `handover ${params.id} does not exist`);
        const open = handover.status === 'open';
        const mine = handover.createdById === actor.userId;
        return { handover, mayNote: open && mine, mayAcknowledge: open && !mine && HANDOVER_ROLES.includes(actor.role), conflicts: openConflicts(ctx.db, 'handover', handover.id) };
      },
      // The handover and the records its items summarise.
      (d) => [d.handover.id, ...d.handover.items.map((i) => i.recordId)],
    );
  },
};
