import { v7 as uuidv7 } from 'uuid';
import type { ComplaintRow } from '../../../shared/api/types';
import { calendarCovers, localDay } from '../../../shared/domain/calendar';
import type { Complaint, ComplaintActionName } from '../../../shared/domain/complaint';
import { complaintNo } from '../../../shared/domain/complaint';
import { ACTION_RULES, availableActions } from '../../../shared/domain/complaintWorkflow';
import { complaintClocks, nextDeadline } from '../../../shared/domain/deadlines';
import type { Actor } from '../../../shared/domain/mutation';
import { normalizePhone } from '../../../shared/domain/phone';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { mutationEnv, runSyncMutation } from '../mutate';
import { openConflicts, readHistory } from '../store/journal';
import { getMeta, nextSerial } from '../store/settings';
import { complaintsTable } from '../store/tables';
import { settingsOf } from './admin';
import { withCallbacks } from './callbackAuto';
import { actorOf, type HandlerMap, sessionOf } from '../handler';
import { escapeLike } from '../store/sql';
import { changedFields } from '../../../shared/domain/mutation';
import type { ComplaintFields } from '../../../shared/domain/complaint';

/** The steps that move a complaint on; "my complaints" lists what waits for one of them from this user. */
const NEXT_STEPS: ComplaintActionName[] = ['approveClose', 'recordResult', 'recordCallback', 'assign', 'report'];

function load(ctx: CoreContext, id: string): Complaint {
  const c = complaintsTable.get(ctx.db, id);
  if (!c) throw new ApiFailure('not_found', `complaint ${id} does not exist`);
  return c;
}

function calendarOf(ctx: CoreContext) {
  return mutationEnv(ctx).complaints.calendar;
}

function toRow(ctx: CoreContext, c: Complaint, actor: Actor | null): ComplaintRow {
  const clocks = complaintClocks(c, calendarOf(ctx), ctx.now());
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

/** 第N次投诉: earlier complaints (not voided) from the same customer, or the same number when unlinked. */
function repeatIndex(ctx: CoreContext, customerId: string | null, phoneNormalized: string): number {
  if (!customerId && !phoneNormalized) return 1;
  const row = ctx.db
    .prepare(
      `SELECT count(*) AS n FROM complaints WHERE status != 'voided' AND
       ((? IS NOT NULL AND customer_id = ?) OR (? != '' AND phone_normalized = ?))`,
    )
    .get(customerId, customerId, phoneNormalized, phoneNormalized) as { n: number };
  return row.n + 1;
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
    const phoneNormalized = fields.phone ? normalizePhone(fields.phone, settingsOf(ctx).areaCode).normalized : '';
    const c = ctx.db.transaction(() => {
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
          repeatIndex: repeatIndex(ctx, fields.customerId ?? null, phoneNormalized),
          receivedAt: at,
          at,
        },
        actor,
      );
    })();
    ctx.emit('records.changed', { entity: 'complaint', ids: [c.id] });
    return c;
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
    const c = runSyncMutation(ctx, 'complaint.edit', { id: params.id, fields, at: ctx.now().toISOString() }, actorOf(session));
    ctx.emit('records.changed', { entity: 'complaint', ids: [c.id] });
    return c;
  },

  'complaints.transition': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    // The role table is checked here too, so a forbidden step is refused before anything is loaded or written.
    if (!ACTION_RULES[params.step.action].roles.includes(actor.role))
      throw new ApiFailure('forbidden', `role ${actor.role} may not ${params.step.action} a complaint`);
    load(ctx, params.id);
    const c = withCallbacks(ctx, actor, { entity: 'complaint', id: params.id, step: params.step }, () =>
      runSyncMutation(ctx, 'complaint.transition', { id: params.id, step: params.step, at: ctx.now().toISOString() }, actor),
    );
    ctx.emit('records.changed', { entity: 'complaint', ids: [c.id] });
    return c;
  },

  'complaints.list': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const where: string[] = [];
    const args: unknown[] = [];
    if (params.status) where.push('status = ?') && args.push(params.status);
    else where.push("status != 'voided'");
    if (params.severity) where.push('severity = ?') && args.push(params.severity);
    if (params.handlerId) where.push('handler_id = ?') && args.push(params.handlerId);
    if (params.q?.trim()) {
      const like = `%${escapeLike(params.q.trim())}%`;
      where.push("(complaint_no LIKE ? ESCAPE '\\' OR complainant LIKE ? ESCAPE '\\' OR organisation LIKE ? ESCAPE '\\' OR problem LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\')");
      args.push(like, like, like, like, like);
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const total = (ctx.db.prepare(`SELECT count(*) AS n FROM complaints ${clause}`).get(...args) as { n: number }).n;
    const rows = ctx.db
      .prepare(`SELECT * FROM complaints ${clause} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...args, params.limit ?? 50, params.offset ?? 0) as Record<string, unknown>[];
    return { total, rows: rows.map((r) => toRow(ctx, complaintsTable.fromRow(r), actor)) };
  },

  'complaints.mine': ({ ctx, session }) => {
    const actor = actorOf(session);
    const rows = ctx.db
      .prepare("SELECT * FROM complaints WHERE status IN ('registered','in_handling','handled','awaiting_approval') ORDER BY received_at LIMIT 2000")
      .all() as Record<string, unknown>[];
    return rows
      .map((r) => toRow(ctx, complaintsTable.fromRow(r), actor))
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
    return ctx.db.prepare('SELECT id, display_name AS displayName, role FROM users WHERE active = 1 ORDER BY role, display_name').all() as {
      id: string;
      displayName: string;
      role: 'agent';
    }[];
  },
};
