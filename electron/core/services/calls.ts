import { v7 as uuidv7 } from 'uuid';
import { MAX_DRAFT_BYTES, MAX_DRAFT_TOTAL_BYTES, MAX_DRAFTS_PER_USER } from '../../../shared/api/contract';
import type { CallCreateArgs, CallRecord } from '../../../shared/domain/callRecord';
import { callRecordNo, serialCounterKey } from '../../../shared/domain/serial';
import { changedFields } from '../../../shared/domain/mutation';
import { CALL_HIDDEN_FIELDS, contactView, maskContact, maskedFields, seesCallInFull, visibleCall, visibleHistory, withoutEchoedMasks } from '../../../shared/domain/visibility';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap, sessionOf } from '../handler';
import { listCalls } from '../store/calls';
import { customersByPhone } from '../store/customers';
import { deleteDraft, draftUsage, readDraft, writeDraft } from '../store/drafts';
import { openConflicts, readHistory } from '../store/journal';
import { activeScript } from '../store/scripts';
import { getMeta, nextSerial, requireSettings } from '../store/settings';
import { callRecordsTable, customersTable } from '../store/tables';
import { FETCHED_FROM_HUB, fullCopyOf } from '../sync/fetchFull';
import { runSyncMutation } from '../write/mutation';
import { auditedRead } from '../write/audit';
import { writeTx } from '../write/unit';

/** A ring reported more than this long ago is a stale CTI event, not the call being answered. */
const MAX_RING_MS = 10 * 60_000;

function getRecord(ctx: CoreContext, id: string): CallRecord {
  const r = callRecordsTable.get(ctx.db, id);
  if (!r) throw new ApiFailure('not_found', `call record ${id} does not exist`);
  return r;
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
      const matches = customersByPhone(ctx.db, params.phone, requireSettings(ctx.db).areaCode);
      customerId = matches.length === 1 ? matches[0]!.id : null;
    }
    const customer = customerId ? customersTable.get(ctx.db, customerId) : null;
    if (customerId && !customer) throw new ApiFailure('not_found', `customer ${customerId} does not exist`, [
      { field: 'customerId', code: 'invalid_value', message: 'unknown customer' },
    ]);
    return writeTx(ctx, () => {
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
        scriptVersionId: activeScript(ctx.db, 'call').id,
      };
      return runSyncMutation(ctx, 'call.create', args, actor);
    });
  },

  // Also what the print view prints: the print shows what this user may see, and opening it is audited.
  'calls.get': async ({ ctx, session, params }) => {
    const s = sessionOf(session);
    const actor = actorOf(session);
    const rules = requireSettings(ctx.db).masking;
    // Stored here partial and this user may see it in full: from the hub, online, not stored (docs/sync.md).
    const local = getRecord(ctx, params.id);
    const hub = await fullCopyOf(ctx, actor, 'call', local, seesCallInFull(local, actor));
    const detail = auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'call', ...(hub?.hubCopy === 'fetched' ? { detail: FETCHED_FROM_HUB } : {}) },
      () => {
        const stored = hub?.record ?? getRecord(ctx, params.id);
        const inFull = seesCallInFull(stored, actor);
        const { record, masked } = contactView(visibleCall(stored, actor), inFull, actor, rules);
        const draft = readDraft(ctx.db, s.user.id, `call:${record.id}`);
        const history = visibleHistory(hub?.history ?? readHistory(ctx.db, 'call', record.id), inFull ? [] : CALL_HIDDEN_FIELDS, maskedFields(actor, rules));
        // A conflict carries the edit's values: it is shown to those who see the record in full.
        return { record, history, draft, conflicts: inFull ? openConflicts(ctx.db, 'call', record.id) : [], masked };
      },
      (d) => [d.record.id],
    );
    return hub ? { ...detail, hubCopy: hub.hubCopy } : detail;
  },

  'calls.save': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    // One transaction, one read of the record: the save, the callbacks it calls for and dropping the
    // form's draft commit together (one fsync, not a second one for the draft).
    return writeTx(ctx, () => {
      const prev = callRecordsTable.get(ctx.db, params.id);
      if (!prev) throw new ApiFailure('not_found', `call record ${params.id} does not exist`);
      // Only what the user changed travels: descriptive fields are last-writer-wins per field on the hub.
      // A masked number or address sent back as it was shown is not an edit.
      const fields = changedFields(prev, withoutEchoedMasks(prev as unknown as Record<string, unknown>, params.fields));
      const saved = runSyncMutation(ctx, 'call.update', { ...params, fields, at }, actor, { prev });
      deleteDraft(ctx.db, actor.userId, `call:${saved.id}`);
      return saved;
    });
  },

  'calls.void': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    return runSyncMutation(ctx, 'call.void', { ...params, at }, actor);
  },

  'calls.list': ({ ctx, session, params }) => {
    const s = sessionOf(session);
    const actor = actorOf(session);
    const rules = requireSettings(ctx.db).masking;
    const read = () => listCalls(
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
      actor,
    );
    const page = auditedRead(ctx, actor, { action: params.q?.trim() ? 'search' : 'list', entity: 'call' }, read, (p) => p.rows.map((r) => r.id));
    return { ...page, rows: page.rows.map((r) => ({ ...r, phone: maskContact('phone', r.phone, actor, rules) })) };
  },

  'drafts.save': ({ ctx, session, params }) => {
    const s = sessionOf(session);
    const payload = JSON.stringify(params.payload);
    if (Buffer.byteLength(payload) > MAX_DRAFT_BYTES)
      throw new ApiFailure('invalid_params', `draft is larger than ${MAX_DRAFT_BYTES} bytes`, [
        { field: 'payload', code: 'too_long', message: 'draft too large', params: { maximum: MAX_DRAFT_BYTES } },
      ]);
    // Per user, in number and in total size: an autosave loop on many keys must not grow the store without bound.
    const usage = draftUsage(ctx.db, s.user.id, params.key);
    if (usage.count >= MAX_DRAFTS_PER_USER)
      throw new ApiFailure('drafts_full', `this user already has ${usage.count} drafts (at most ${MAX_DRAFTS_PER_USER}); save or discard some first`);
    if (usage.bytes + Buffer.byteLength(payload) > MAX_DRAFT_TOTAL_BYTES)
      throw new ApiFailure('drafts_full', `this user's drafts would exceed ${MAX_DRAFT_TOTAL_BYTES} bytes; save or discard some first`);
    const savedAt = ctx.now().toISOString();
    writeDraft(ctx.db, s.user.id, params.key, payload, savedAt);
    return { savedAt };
  },

  'drafts.get': ({ ctx, session, params }) => readDraft(ctx.db, sessionOf(session).user.id, params.key),

  'drafts.discard': ({ ctx, session, params }) => {
    return { discarded: deleteDraft(ctx.db, sessionOf(session).user.id, params.key) };
  },
};
