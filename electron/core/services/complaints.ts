import { v7 as uuidv7 } from 'uuid';
import type { ComplaintRow } from '../../../shared/api/types';
import { calendarCovers, localDay } from '../../../shared/domain/calendar';
import { type Complaint, type ComplaintActionName, type ComplaintFields, complaintNo } from '../../../shared/domain/complaint';
import { ACTION_RULES, availableActions } from '../../../shared/domain/complaintWorkflow';
import { type Calendar, complaintClocks, nextDeadline } from '../../../shared/domain/deadlines';
import { type Actor, changedFields } from '../../../shared/domain/mutation';
import { maskPhone, normalizePhone } from '../../../shared/domain/phone';
import {
  COMPLAINT_HIDDEN_FIELDS,
  contactView,
  inheritsConfidential,
  maskAddress,
  maskContact,
  maskedFields,
  type MaskingRules,
  seesComplaintInFull,
  visibleComplaint,
  visibleHistory,
  withoutEchoedMasks,
} from '../../../shared/domain/visibility';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap, sessionOf } from '../handler';
import { complaintsInProgress, listComplaints, repeatIndex } from '../store/complaints';
import { openConflicts, readHistory } from '../store/journal';
import { getMeta, nextSerial, requireSettings } from '../store/settings';
import { callRecordsTable, complaintsTable } from '../store/tables';
import { userDirectory } from '../store/users';
import { auditedRead } from '../write/audit';
import { FETCHED_FROM_HUB, fullCopyOf } from '../sync/fetchFull';
import { mutationEnv } from '../write/env';
import { runSyncMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

/** The steps that move a complaint on; "my complaints" lists what waits for one of them from this user. */
const NEXT_STEPS: ComplaintActionName[] = ['approveClose', 'recordResult', 'recordCallback', 'assign', 'report'];

function load(ctx: CoreContext, id: string): Complaint {
  const c = complaintsTable.get(ctx.db, id);
  if (!c) throw new ApiFailure('not_found', `complaint ${id} does not exist`);
  return c;
}

const calendarOf = (ctx: CoreContext): Calendar => mutationEnv(ctx).complaints.calendar;

/** A list row as this user may see it: the visibility rule, then the number masked by role. */
function toRow(stored: Complaint, actor: Actor, calendar: Calendar, now: Date, rules: MaskingRules): ComplaintRow {
  const clocks = complaintClocks(stored, calendar, now);
  const actions = availableActions(stored, actor);
  const c = visibleComplaint(stored, actor);
  return {
    id: c.id,
    complaintNo: c.complaintNo,
    receivedAt: c.receivedAt,
    complainant: c.complainant,
    organisation: c.organisation,
    phone: maskContact('phone', c.phone, actor, rules),
    severity: c.severity,
    status: c.status,
    type: c.type,
    handlerName: c.handlerName,
    departments: c.departments,
    round: c.round,
    repeatIndex: c.repeatIndex,
    problem: c.problem.length > 120 ? `${c.problem.slice(0, 120)}…` : c.problem,
    nextDeadline: nextDeadline(clocks),
    breached: clocks.filter((k) => k.state === 'breached' || k.state === 'met_late').map((k) => k.kind),
    warning: clocks.filter((k) => k.state === 'warning').map((k) => k.kind),
    nextAction: NEXT_STEPS.find((a) => actions.includes(a)) ?? null,
    confidential: c.confidential,
  };
}

export const complaintHandlers: HandlerMap<
  | 'complaints.register'
  | 'complaints.get'
  | 'complaints.edit'
  | 'complaints.transition'
  | 'complaints.list'
  | 'complaints.mine'
  | 'calendar.status'
  | 'users.directory'
> = {
  'complaints.register': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    const workstation = getMeta(ctx.db, 'workstation') ?? 'WS';
    const { callId, ...asked } = params;
    const call = callId ? callRecordsTable.get(ctx.db, callId) : null;
    if (callId && !call) throw new ApiFailure('not_found', `call record ${callId} does not exist`, [{ field: 'callId', code: 'invalid_value', message: 'unknown call' }]);
    const fields = { ...asked };
    if (call) {
      // The form was filled from the call as this user saw it: a masked number or address is the call's own.
      if (fields.phone && fields.phone === maskPhone(call.phone)) fields.phone = call.phone;
      if (fields.address && fields.address === maskAddress(call.address)) fields.address = call.address;
    }
    // A complaint from a confidential call is confidential: the customer asked for it on that call.
    fields.confidential = inheritsConfidential(call, asked.confidential);
    const phoneNormalized = fields.phone ? normalizePhone(fields.phone, requireSettings(ctx.db).areaCode).normalized : '';
    return writeTx(ctx, () => {
      const year = Number(localDay(at).slice(0, 4));
      const seq = nextSerial(ctx.db, `TS-${year}-${workstation}`);
      return runSyncMutation(
        ctx,
        'complaint.register',
        {
          ...fields,
          id: uuidv7(),
          complaintNo: complaintNo(year, workstation, seq),
          workstation,
          callId: callId ?? null,
          repeatIndex: repeatIndex(ctx.db, fields.customerId ?? null, phoneNormalized),
          receivedAt: at,
          at,
        },
        actor,
      );
    });
  },

  // Also what the print view prints (complaint sheet), so the print is audited and follows the same rule.
  'complaints.get': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const rules = requireSettings(ctx.db).masking;
    // Stored here partial and this user may see it in full: from the hub, online, not stored (docs/sync.md).
    const local = load(ctx, params.id);
    const hub = await fullCopyOf(ctx, actor, 'complaint', local, seesComplaintInFull(local, actor));
    const detail = auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'complaint', ...(hub?.hubCopy === 'fetched' ? { detail: FETCHED_FROM_HUB } : {}) },
      () => {
        const stored = hub?.record ?? load(ctx, params.id);
        const inFull = seesComplaintInFull(stored, actor);
        const { record: complaint, masked } = contactView(visibleComplaint(stored, actor), inFull, actor, rules);
        return {
          complaint,
          history: visibleHistory(hub?.history ?? readHistory(ctx.db, 'complaint', stored.id), inFull ? [] : COMPLAINT_HIDDEN_FIELDS, maskedFields(actor, rules)),
          clocks: complaintClocks(stored, calendarOf(ctx), ctx.now()),
          actions: availableActions(stored, actor),
          conflicts: inFull ? openConflicts(ctx.db, 'complaint', stored.id) : [],
          masked,
        };
      },
      (d) => [d.complaint.id],
    );
    return hub ? { ...detail, hubCopy: hub.hubCopy } : detail;
  },

  'complaints.edit': ({ ctx, session, params }) => {
    const prev = load(ctx, params.id);
    // A masked number or address sent back as it was shown is not an edit.
    const fields = changedFields<ComplaintFields>({ ...prev, confidential: prev.confidential ?? false }, withoutEchoedMasks(prev as unknown as Record<string, unknown>, params.fields));
    return runSyncMutation(ctx, 'complaint.edit', { id: params.id, fields, at: ctx.now().toISOString() }, actorOf(session));
  },

  'complaints.transition': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    // The role table is checked here too, so a forbidden step is refused before anything is loaded or written.
    if (!ACTION_RULES[params.step.action].roles.includes(actor.role))
      throw new ApiFailure('forbidden', `role ${actor.role} may not ${params.step.action} a complaint`);
    load(ctx, params.id);
    return runSyncMutation(ctx, 'complaint.transition', { id: params.id, step: params.step, at: ctx.now().toISOString() }, actor);
  },

  'complaints.list': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const calendar = calendarOf(ctx);
    const now = ctx.now();
    const rules = requireSettings(ctx.db).masking;
    return auditedRead(
      ctx,
      actor,
      { action: params.q?.trim() ? 'search' : 'list', entity: 'complaint' },
      () => {
        const page = listComplaints(ctx.db, { ...params, limit: params.limit ?? 50, offset: params.offset ?? 0 }, actor);
        return { total: page.total, rows: page.rows.map((c) => toRow(c, actor, calendar, now, rules)) };
      },
      (p) => p.rows.map((r) => r.id),
    );
  },

  'complaints.mine': ({ ctx, session }) => {
    const actor = actorOf(session);
    const calendar = calendarOf(ctx);
    const now = ctx.now();
    const rules = requireSettings(ctx.db).masking;
    return auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'complaint', detail: 'mine' },
      () =>
        complaintsInProgress(ctx.db)
          .map((c) => toRow(c, actor, calendar, now, rules))
          .filter((r) => r.nextAction !== null)
          .sort((a, b) => (a.nextDeadline ?? '9999').localeCompare(b.nextDeadline ?? '9999')),
      (rows) => rows.map((r) => r.id),
    );
  },

  'calendar.status': ({ ctx }) => {
    const overrides = calendarOf(ctx).overrides;
    const year = Number(localDay(ctx.now().toISOString()).slice(0, 4));
    return { year, coversThisYear: calendarCovers(year, overrides), coversNextYear: calendarCovers(year + 1, overrides), overrides };
  },

  'users.directory': ({ ctx, session }) => {
    sessionOf(session);
    return userDirectory(ctx.db);
  },
};
