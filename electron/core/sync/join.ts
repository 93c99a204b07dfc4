import type { HubLoginResponse } from '../../../shared/sync/protocol';
import type { OrganisationSettings } from '../../../shared/domain/settings';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { hashPassword } from '../../../shared/node/password';
import { clientIdFor } from '../store/journal';
import { getMeta, readSettings, setMeta, writeSettings } from '../store/settings';
import { usersTable } from '../store/tables';
import { HubClient, HubError } from './hubClient';

type HubUser = HubLoginResponse['user'];

export function hubErrorToFailure(e: unknown): ApiFailure {
  if (!(e instanceof HubError)) return new ApiFailure('internal', (e as Error).message);
  if (e.kind === 'offline') return new ApiFailure('refused', `the hub cannot be reached: ${e.message}`);
  if (e.kind === 'unauthorized') return new ApiFailure('invalid_credentials', 'the hub refused the username or password');
  if (e.kind === 'rate_limited') return new ApiFailure('refused', e.message);
  if (e.kind === 'upgrade_required') return new ApiFailure('refused', `the hub needs a newer Hotline Desk: ${e.message}`);
  return new ApiFailure('refused', `the hub refused: ${e.message}`);
}

/** Caches what an online login proved: the hub's user row, a local verifier for offline logins, the hub token. */
export async function rememberHubLogin(ctx: CoreContext, res: HubLoginResponse, password: string): Promise<void> {
  const verifier = await hashPassword(password);
  ctx.db.transaction(() => {
    upsertHubUser(ctx, res.user, verifier);
    const clientId = clientIdFor(ctx.db, res.user.id);
    ctx.db.prepare('UPDATE sync_clients SET hub_token = ? WHERE client_id = ?').run(res.token, clientId);
  })();
}

function upsertHubUser(ctx: CoreContext, u: HubUser, verifier?: string): void {
  // A standalone account with the same username but another id yields to the hub's; it is kept, renamed and inactive.
  ctx.db
    .prepare("UPDATE users SET username = username || '~' || substr(id, -6), active = 0 WHERE username = ? AND id != ?")
    .run(u.username, u.id);
  const local = usersTable.get(ctx.db, u.id);
  usersTable.upsert(ctx.db, {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as 'agent',
    active: u.active,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    passwordHash: verifier ?? local?.passwordHash ?? '',
    version: (local?.version ?? 0) + 1,
  });
}

/**
 * Joins this workstation to a hub (docs/sync.md "Joining and leaving"). An empty hub is seeded with
 * this workstation's settings and users; otherwise the hub's replace ours. Pending standalone records
 * move to the joining administrator's client so that they are pushed, not lost.
 */
export async function joinHub(ctx: CoreContext, hubUrl: string, username: string, password: string): Promise<void> {
  if (getMeta(ctx.db, 'hub_url')) throw new ApiFailure('refused', 'this workstation is already joined to a hub; leave it first');
  const workstation = getMeta(ctx.db, 'workstation') ?? '';
  const anon = new HubClient(hubUrl);
  try {
    const health = await anon.health();
    if (!health.initialized) {
      const users = (ctx.db.prepare('SELECT * FROM users').all() as Record<string, unknown>[]).map((r) => {
        const { version: _v, ...u } = usersTable.fromRow(r);
        return u;
      });
      await anon.request('POST', '/hub/setup', { organisation: readSettings(ctx.db), users });
    }
    const login = await anon.login(username, password, workstation);
    if (login.user.role !== 'admin') throw new ApiFailure('forbidden', 'only a hub administrator can join a workstation');
    const org = await anon.withToken(login.token).request<{ settings: OrganisationSettings; users: HubUser[] }>('GET', '/org');
    await rememberHubLogin(ctx, login, password);
    ctx.db.transaction(() => {
      writeSettings(ctx.db, org.settings, ctx.now().toISOString());
      const hubIds = new Set(org.users.map((u) => u.id));
      for (const u of org.users) upsertHubUser(ctx, u);
      // Local accounts the hub does not know stop working here; their records stay.
      ctx.db.prepare(`UPDATE users SET active = 0 WHERE id NOT IN (${org.users.map(() => '?').join(',') || "''"})`).run(...hubIds);
      reassignStandaloneOutbox(ctx, login.user.id);
      setMeta(ctx.db, 'hub_url', hubUrl);
      setMeta(ctx.db, 'sync_cursor', '0');
    })();
  } catch (e) {
    throw e instanceof ApiFailure ? e : hubErrorToFailure(e);
  }
}

function reassignStandaloneOutbox(ctx: CoreContext, adminId: string): void {
  const target = clientIdFor(ctx.db, adminId);
  const rows = ctx.db
    .prepare(
      `SELECT o.client_id, o.mutation_id FROM outbox o JOIN sync_clients c ON c.client_id = o.client_id
       WHERE o.state = 'pending' AND c.hub_token IS NULL ORDER BY o.created_at, o.mutation_id`,
    )
    .all() as { client_id: string; mutation_id: number }[];
  let { n } = ctx.db.prepare('SELECT coalesce(max(mutation_id), 0) AS n FROM outbox WHERE client_id = ?').get(target) as { n: number };
  const withAgent = ctx.db.prepare(
    "UPDATE outbox SET args = json_set(args, '$.agent', json_object('id', ?, 'name', ?)) WHERE client_id = ? AND mutation_id = ? AND name = 'call.create'",
  );
  for (const r of rows) {
    n++;
    const owner = ctx.db.prepare('SELECT u.id, u.display_name FROM outbox o JOIN users u ON u.id = o.actor_id WHERE o.client_id = ? AND o.mutation_id = ?').get(r.client_id, r.mutation_id) as
      | { id: string; display_name: string }
      | undefined;
    if (owner && owner.id !== adminId) withAgent.run(owner.id, owner.display_name, r.client_id, r.mutation_id);
    ctx.db.prepare('UPDATE outbox SET client_id = ?, mutation_id = ? WHERE client_id = ? AND mutation_id = ?').run(target, n, r.client_id, r.mutation_id);
    ctx.db.prepare('UPDATE history SET id = ? WHERE id = ?').run(`${target}:${n}`, `${r.client_id}:${r.mutation_id}`);
  }
}

export function leaveHub(ctx: CoreContext): void {
  ctx.db.transaction(() => {
    ctx.db.prepare("DELETE FROM meta WHERE key IN ('hub_url', 'sync_cursor', 'last_sync_at')").run();
    ctx.db.prepare('UPDATE sync_clients SET hub_token = NULL').run();
  })();
}
