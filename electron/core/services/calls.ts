import { v7 as uuidv7 } from 'uuid';
import { MAX_DRAFT_BYTES } from '../../../shared/api/contract';
import type { CallCreateArgs, CallRecord } from '../../../shared/domain/callRecord';
import { isSupervisor } from '../../../shared/domain/roles';
import { callRecordNo, serialCounterKey } from '../../../shared/domain/serial';
import type { CoreContext } from '../context';
import { runSyncMutation } from '../mutate';
import { ApiFailure } from '../errors';
import { listCalls } from '../store/calls';
import { openConflicts, readHistory } from '../store/journal';
import { getMeta, nextSerial } from '../store/settings';
import { stmt } from '../store/stmt';
import { callRecordsTable, customersTable } from '../store/tables';
import { withCallbacks } from './callbackAuto';
import { customersByPhone } from './customers';
import { activeScript } from './scripts';
import { actorOf, type HandlerMap, sessionOf } from '../handler';
import { changedFields } from '../../../shared/domain/mutation';

/** A ring reported more than this long ago is a stale CTI event, not the call being answered. */
const MAX_RING_MS = 10 * 60_000;

function getRecord(ctx: CoreContext, id: string): CallRecord {
  const r = callRecordsTable.get(ctx.db, id);
  if (!r) throw new ApiFailure('not_found', `call record ${id} does not exist`);
  return r;
}


function readDraft(ctx: CoreContext, userId: string, key: string) {
  const row = ctx.db.prepare('SELECT key, payload, saved_at FROM drafts WHERE user_id = ? AND key = ?').get(userId, key) as
    | { key: string; payload: string; saved_at: string }
    | undefined;
  return row ? { key: row.key, payload: JSON.parse(row.payload) as unknown, savedAt: row.saved_at } : null;
}

export const callHandlers: HandlerMap<
  'calls.answer' | 'calls.get' | 'calls.save' | 'calls.void' | 'calls.list' | 'drafts.save' | 'drafts.get' | 'drafts.discard'
> = {
  'calls.answer': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const now = ctx.now();
    const at = now.toISOString();
    const rang = params.rangAt ? Date.parse(params.rangAt) : now.getTime();
    // Client clocks only inform the ring time; it can be neither in the future nor long stale.
    const rangAt = new Date(Math.min(now.getTime(), Math.max(rang, now.getTime() - MAX_RING_MS))).toISOString();
    const workstation = getMeta(ctx.db, 'workstation') ?? 'WS';
    let customerId = params.customerId ?? null;
    if (params.customerId === undefined) {
      const matches = customersByPhone(ctx, params.phone);
      customerId = matches.length === 1 ? matches[0]!.id : null;
    }
    const customer = customerId ? customersTable.get(ctx.db, customerId) : null;
    if (customerId && !customer) throw new ApiFailure('not_found', `customer ${customerId} does not exist`, [
      { field: 'customerId', code: 'invalid_value', message: 'unknown customer' },
    ]);
    const record = ctx.db.transaction(() => {
      const seq = nextSerial(ctx.db, serialCounterKey('LD', workstation, at));
      const args: CallCreateArgs = {
        id: uuidv7(),
        recordNo: callRecordNo(workstation, at, seq),
        workstation,
        phone: params.phone,
        rangAt,
        answeredAt: at,
        customerId,
        callerName: customer?.name ?? '',
        organisation: customer?.organisation ?? '',
        address: customer?.address ?? '',
        // The panel shows the active call script; the record keeps which version that was.
        scriptVersionId: activeScript(ctx, 'call').id,
      };
      return runSyncMutation(ctx, 'call.create', args, actor);
    })();
    ctx.emit('records.changed', { entity: 'call', ids: [record.id] });
    return record;
  },

  'calls.get': ({ ctx, session, params }) => {
    const s = sessionOf(session);
    const record = getRecord(ctx, params.id);
    const draft = readDraft(ctx, s.user.id, `call:${record.id}`);
    return { record, history: readHistory(ctx.db, 'call', record.id), draft, conflicts: openConflicts(ctx.db, 'call', record.id) };
  },

  'calls.save': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    // One transaction, one read of the record: the save, the callbacks it calls for and dropping the
    // form's draft commit together (one fsync, not a second one for the draft).
    const record = withCallbacks(ctx, actor, { entity: 'call', id: params.id }, (prev) => {
      if (!prev) throw new ApiFailure('not_found', `call record ${params.id} does not exist`);
      // Only what the user changed travels: descriptive fields are last-writer-wins per field on the hub.
      const fields = changedFields(prev, params.fields);
      const saved = runSyncMutation(ctx, 'call.update', { ...params, fields, at }, actor, { prev });
      stmt(ctx.db, 'DELETE FROM drafts WHERE user_id = ? AND key = ?').run(actor.userId, `call:${saved.id}`);
      return saved;
    });
    ctx.emit('records.changed', { entity: 'call', ids: [record.id] });
    return record;
  },

  'calls.void': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    const record = runSyncMutation(ctx, 'call.void', { ...params, at }, actor);
    ctx.emit('records.changed', { entity: 'call', ids: [record.id] });
    return record;
  },

  'calls.list': ({ ctx, session, params }) => {
    const s = sessionOf(session);
    return listCalls(
      ctx.db,
      {
        q: params.q,
        category: params.category,
        status: params.status,
        from: params.from,
        to: params.to,
        agentId: params.mine ? s.user.id : undefined,
        includeVoided: params.includeVoided,
        answeredLate: params.answeredLate,
        rated: params.rated,
        limit: params.limit ?? 50,
        offset: params.offset ?? 0,
      },
      (agentId) => agentId === s.user.id || isSupervisor(s.user.role),
    );
  },

  'drafts.save': ({ ctx, session, params }) => {
    const s = sessionOf(session);
    const payload = JSON.stringify(params.payload);
    if (Buffer.byteLength(payload) > MAX_DRAFT_BYTES)
      throw new ApiFailure('invalid_params', `draft is larger than ${MAX_DRAFT_BYTES} bytes`, [
        { field: 'payload', code: 'too_long', message: 'draft too large', params: { maximum: MAX_DRAFT_BYTES } },
      ]);
    const savedAt = ctx.now().toISOString();
    ctx.db
      .prepare(
        `INSERT INTO drafts (key, user_id, payload, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(user_id, key) DO UPDATE SET payload = excluded.payload, saved_at = excluded.saved_at`,
      )
      .run(params.key, s.user.id, payload, savedAt);
    return { savedAt };
  },

  'drafts.get': ({ ctx, session, params }) => readDraft(ctx, sessionOf(session).user.id, params.key),

  'drafts.discard': ({ ctx, session, params }) => {
    const info = ctx.db.prepare('DELETE FROM drafts WHERE user_id = ? AND key = ?').run(sessionOf(session).user.id, params.key);
    return { discarded: info.changes > 0 };
  },
};
