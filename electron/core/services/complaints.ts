import { v7 as uuidv7 } from 'uuid';
import type { ComplaintRow } from '../../../shared/api/types';
import { calendarCovers, localDay } from '../../../shared/domain/calendar';
import { type Complaint, type ComplaintActionName, type ComplaintFields, complaintNo } from '../../../shared/domain/complaint';
import { ACTION_RULES, availableActions } from '../../../shared/domain/complaintWorkflow';
import { type Calendar, complaintClocks, nextDeadline } from '../../../shared/domain/deadlines';
import { type Actor, changedFields } from '../../../shared/domain/mutation';
import { normalizePhone } from '../../../shared/domain/phone';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap, sessionOf } from '../handler';
import { complaintsInProgress, listComplaints, repeatIndex } from '../store/complaints';
import { openConflicts, readHistory } from '../store/journal';
import { getMeta, nextSerial, requireSettings } from '../store/settings';
import { complaintsTable } from '../store/tables';
import { userDirectory } from '../store/users';
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

function toRow(c: Complaint, actor: Actor | null, calendar: Calendar, now: Date): ComplaintRow {
  const clocks = complaintClocks(c, calendar, now);
  const actions = actor ? availableActions(c, actor) : [];
  return {
    id: c.id,
    complaintNo: c.complaintNo,
    receivedAt: c.receivedAt,
    complainant: c.complainant,
    organisation: c.organisation,
    phone: c.phone,
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
    const { callId, ...fields } = params;
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

  'complaints.get': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const complaint = load(ctx, params.id);
    return {
      complaint,
      history: readHistory(ctx.db, 'complaint', complaint.id),
      clocks: complaintClocks(complaint, calendarOf(ctx), ctx.now()),
      actions: availableActions(complaint, actor),
      conflicts: openConflicts(ctx.db, 'complaint', complaint.id),
    };
  },

  'complaints.edit': ({ ctx, session, params }) => {
    const prev = load(ctx, params.id);
    const fields = changedFields<ComplaintFields>(prev, params.fields);
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
    const page = listComplaints(ctx.db, { ...params, limit: params.limit ?? 50, offset: params.offset ?? 0 });
    return { total: page.total, rows: page.rows.map((c) => toRow(c, actor, calendar, now)) };
  },

  'complaints.mine': ({ ctx, session }) => {
    const actor = actorOf(session);
    const calendar = calendarOf(ctx);
    const now = ctx.now();
    return complaintsInProgress(ctx.db)
      .map((c) => toRow(c, actor, calendar, now))
      .filter((r) => r.nextAction !== null)
      .sort((a, b) => (a.nextDeadline ?? '9999').localeCompare(b.nextDeadline ?? '9999'));
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
