import type { UserRecord } from '../shared/domain/admin';
import type { Actor } from '../shared/domain/mutation';
import { isSyncMutation, type MutationEnv, mutationEnvFrom, mutationDef, staleWorkflowFields } from '../shared/domain/mutations';
import type { ScorecardVersion } from '../shared/domain/qaReview';
import type { OrganisationSettings } from '../shared/domain/settings';
import type { Ack, PushMutation, PushRequest, PushResponse } from '../shared/sync/protocol';
import { type CheckContext, checkMutation, claimNumber, NUMBERED } from './checks';
import { HubError, zodMessage } from './errors';
import type { StoreTx } from './store/types';

export interface PushLog {
  error(obj: object, msg: string): void;
}

/**
 * One batch, inside the caller's write transaction (docs/sync.md, "Push"). Throws HubError(403)
 * before writing anything when the clientId belongs to somebody else, so the transaction rolls back.
 */
export async function applyPush(tx: StoreTx, req: PushRequest, user: UserRecord, now: Date, log: PushLog): Promise<PushResponse> {
  let client = await tx.getClient(req.clientId);
  if (client && (client.userId !== user.id || client.workstation !== req.workstation))
    throw new HubError(403, 'forbidden', `client ${req.clientId} belongs to another user or workstation`);

  const replayed = req.mutations.filter((m) => client && m.id <= client.lastMutationId);
  const fresh = req.mutations.filter((m) => !client || m.id > client.lastMutationId);
  const stored = client ? await tx.getAcks(req.clientId, replayed.map((m) => m.id)) : new Map<number, Ack>();
  const acks: Ack[] = replayed.flatMap((m) => stored.get(m.id) ?? []);
  if (!fresh.length) return { lastMutationId: client?.lastMutationId ?? 0, acks };

  if (!client) {
    client = { clientId: req.clientId, userId: user.id, workstation: req.workstation, lastMutationId: 0 };
    await tx.bindClient(client);
  }
  const settings = (await tx.getRow('settings', 'organisation'))?.data as OrganisationSettings | undefined;
  if (!settings) throw new HubError(409, 'setup_required', 'this hub has not been set up yet');
  // A sign-in is stamped with the hub's receipt time and how far the workstation's clock is from the hub's,
  // measured by the push's own send time (docs/sync.md, "Push"); without it, no offset is claimed.
  const sent = req.sentAt ? Date.parse(req.sentAt) : Number.NaN;
  const env: MutationEnv = mutationEnvFrom(settings, Number.isNaN(sent) ? null : { receivedAt: now.toISOString(), offsetMs: sent - now.getTime() });
  const actor: Actor = { userId: user.id, role: user.role, displayName: user.displayName };
  const users = new Map<string, Promise<UserRecord | null>>();
  const checks: CheckContext = {
    workstation: client.workstation,
    actor,
    now,
    orgStart: Date.parse((await tx.listUsers()).reduce((min, u) => (u.createdAt < min ? u.createdAt : min), now.toISOString())),
    user: (id) => {
      if (!users.has(id)) users.set(id, tx.getUserById(id));
      return users.get(id)!;
    },
    scorecard: async (id) => ((await tx.getRow('scorecard', id))?.data as ScorecardVersion | undefined) ?? null,
  };

  let last = client.lastMutationId;
  for (const m of fresh) {
    let ack: Ack;
    try {
      ack = await applyOne(tx, req.clientId, m, checks, env);
    } catch (err) {
      // A bug in one mutation must not wedge the client: it would retry this batch forever.
      log.error({ err, clientId: req.clientId, mutationId: m.id, name: m.name }, 'mutation failed on the hub');
      ack = { id: m.id, status: 'rejected', reason: 'the hub could not apply this change (internal error)' };
    }
    await tx.putAck(req.clientId, ack);
    acks.push(ack);
    last = m.id;
  }
  await tx.setLastMutationId(req.clientId, last);
  return { lastMutationId: last, acks };
}

async function applyOne(tx: StoreTx, clientId: string, m: PushMutation, checks: CheckContext, env: MutationEnv): Promise<Ack> {
  const { actor, now } = checks;
  const rejected = (reason: string, code?: Ack['code']): Ack => ({ id: m.id, status: 'rejected', reason, ...(code ? { code } : {}) });
  if (!isSyncMutation(m.name)) return rejected(`unknown mutation "${m.name}"`);
  const def = mutationDef(m.name);
  // The actor is the token's user; nothing in args can change who acts or with which role.
  if (!def.roles.includes(actor.role)) return rejected(`role ${actor.role} may not run ${m.name}`);
  const parsed = def.args.safeParse(m.args);
  if (!parsed.success) return rejected(`invalid args for ${m.name}: ${zodMessage(parsed.error)}`);
  // What only the hub knows: numbers taken, the client's workstation, who exists, the time (server/checks.ts).
  const checked = await checkMutation(m.name, parsed.data, checks);
  if (!checked.ok) return rejected(checked.reason, checked.code);
  const { args, repairs } = checked;
  const entityId = def.idOf(args);
  const current = (await tx.getRow(def.entity, entityId))?.data ?? null;

  const stale = staleWorkflowFields(def, m.base, current, args);
  if (stale.length) {
    const last = await tx.lastHistory(def.entity, entityId);
    return {
      id: m.id,
      status: 'conflict',
      reason: `${stale.join(', ')} changed on the hub since this change was made`,
      serverState: current,
      by: last ? { userId: last.actorId, displayName: last.actorName, at: last.at } : null,
    };
  }

  if (!current) await claimNumber(tx, m.name, args, repairs);
  const result = def.apply(current, args, actor, env);
  if (!result.ok) return rejected(result.reason);
  const numbered = NUMBERED[m.name];
  if (numbered && !current) await tx.numbers.claim(numbered.entity, String(args[numbered.field]), entityId);
  if (result.changes.length) {
    await tx.putRow(def.entity, entityId, result.next);
    await tx.appendHistory({
      id: `${clientId}:${m.id}`,
      entity: def.entity,
      entityId,
      at: now.toISOString(),
      actorId: actor.userId,
      actorName: actor.displayName,
      action: m.name,
      changes: result.changes,
    });
  }
  return { id: m.id, status: 'applied', ...(repairs.length ? { repairs } : {}) };
}
