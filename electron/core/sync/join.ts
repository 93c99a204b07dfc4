import type { AttestRequest, AttestResponse, HubLoginResponse } from '../../../shared/sync/protocol';
import type { OrganisationSettings } from '../../../shared/domain/settings';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { hashPassword } from '../../../shared/node/password';
import {
  deactivateUsersNotIn,
  forgetHub,
  lastMutationId,
  moveOutboxEntry,
  outboxAuthor,
  retireClashingAccount,
  setHubToken,
  stampCallAgent,
  standalonePendingMutations,
  usersForHubSetup,
  usersWithStandaloneWork,
} from '../store/hubMembership';
import { clientIdFor, hubTokenOf } from '../store/journal';
import { requestRepull } from '../store/syncState';
import { getMeta, readSettings, setMeta, writeSettings } from '../store/settings';
import { usersTable } from '../store/tables';
import { HubClient, HubError } from './hubClient';

type HubUser = HubLoginResponse['user'];

export function hubErrorToFailure(e: unknown): ApiFailure {
  if (!(e instanceof HubError)) return new ApiFailure('internal', (e as Error).message);
  // Shown beside the set-up code field of the join form.
  if (e.code === 'setup_code_required')
    return new ApiFailure('setup_code_required', e.message, [{ field: 'setupCode', code: 'required', message: 'the hub is empty: enter its set-up code' }]);
  if (e.code === 'setup_code_invalid')
    return new ApiFailure('setup_code_invalid', e.message, [{ field: 'setupCode', code: 'invalid_value', message: 'wrong set-up code' }]);
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
    // The hub now counts this user among the workstation's users: their confidential records, sent here
    // partial until now, come in full from a pull that starts again at 0 (docs/sync.md).
    if (hubTokenOf(ctx.db, res.user.id) === null) requestRepull(ctx.db);
    upsertHubUser(ctx, res.user, verifier);
    const clientId = clientIdFor(ctx.db, res.user.id);
    setHubToken(ctx.db, clientId, res.token);
  })();
}

function upsertHubUser(ctx: CoreContext, u: HubUser, verifier?: string): void {
  // A standalone account with the same username but another id yields to the hub's; it is kept, renamed and inactive.
  retireClashingAccount(ctx.db, u.username, u.id);
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
 * this workstation's settings and users; otherwise the hub's replace ours. The administrator then
 * attests the local users: the hub maps or creates each with its local id and gives every user with
 * offline work a session here, so each user's pending mutations are pushed under their own client and
 * judged with their real author. Only an inactive user's work goes through the administrator's client.
 */
export async function joinHub(ctx: CoreContext, hubUrl: string, username: string, password: string, setupCode?: string): Promise<void> {
  if (getMeta(ctx.db, 'hub_url')) throw new ApiFailure('refused', 'this workstation is already joined to a hub; leave it first');
  const workstation = getMeta(ctx.db, 'workstation') ?? '';
  const anon = new HubClient(hubUrl);
  try {
    const health = await anon.health();
    if (!health.initialized) {
      // An empty hub is seeded only with the one-time code it printed at start (docs/hub.md, "First start").
      if (!setupCode) throw hubErrorToFailure(new HubError('bad_request', 'this hub is empty: enter the set-up code printed when it started', 401, 'setup_code_required'));
      await anon.request('POST', '/hub/setup', { organisation: readSettings(ctx.db), users: usersForHubSetup(ctx.db), setupCode });
    }
    const login = await anon.login(username, password, workstation);
    if (login.user.role !== 'admin') throw new ApiFailure('forbidden', 'only a hub administrator can join a workstation');
    const asAdmin = anon.withToken(login.token);
    const withWork = usersWithStandaloneWork(ctx.db);
    const attest: AttestRequest = { workstation, users: usersForHubSetup(ctx.db).map((u) => ({ ...u, push: withWork.has(u.id) })) };
    const attested = await asAdmin.request<AttestResponse>('POST', '/hub/attest', attest);
    const org = await asAdmin.request<{ settings: OrganisationSettings; users: HubUser[] }>('GET', '/org');
    await rememberHubLogin(ctx, login, password);
    ctx.db.transaction(() => {
      writeSettings(ctx.db, org.settings, ctx.now().toISOString());
      for (const u of org.users) upsertHubUser(ctx, u);
      // Local accounts the hub does not know stop working here; their records stay.
      deactivateUsersNotIn(ctx.db, org.users.map((u) => u.id));
      // Each attested user pushes their own work (the hub kept their id); the joining administrator's own
      // login token is already on their client.
      for (const a of attested.users) if (a.token && a.hubId === a.localId && a.hubId !== login.user.id) setHubToken(ctx.db, clientIdFor(ctx.db, a.hubId), a.token);
      reassignStandaloneOutbox(ctx, login.user.id);
      setMeta(ctx.db, 'hub_url', hubUrl);
      setMeta(ctx.db, 'sync_cursor', '0');
    })();
  } catch (e) {
    throw e instanceof ApiFailure ? e : hubErrorToFailure(e);
  }
}

/**
 * Re-sync of a damaged store: an active administrator proves it to the hub itself (a damaged store
 * cannot hold a session). Offline, a wrong password or another role: refused before anything moves.
 */
export async function hubAdminLogin(hubUrl: string, workstation: string, username: string, password: string): Promise<HubLoginResponse> {
  try {
    const login = await new HubClient(hubUrl).login(username, password, workstation);
    if (login.user.role !== 'admin' || !login.user.active) throw new ApiFailure('forbidden', 'only an active administrator can re-sync a damaged store from the hub');
    return login;
  } catch (e) {
    throw e instanceof ApiFailure ? e : hubErrorToFailure(e);
  }
}

/** What no attested session covers (an inactive user's work) is pushed by the administrator's client. */
function reassignStandaloneOutbox(ctx: CoreContext, adminId: string): void {
  const target = clientIdFor(ctx.db, adminId);
  const rows = standalonePendingMutations(ctx.db);
  let n = lastMutationId(ctx.db, target);
  for (const r of rows) {
    n++;
    // A call an inactive user took keeps its agent, though the administrator's client pushes it; other
    // kinds are judged with the administrator as actor, and a refusal stays a conflict naming its author.
    const owner = outboxAuthor(ctx.db, r.client_id, r.mutation_id);
    if (owner && owner.id !== adminId) stampCallAgent(ctx.db, r.client_id, r.mutation_id, owner.id, owner.display_name);
    moveOutboxEntry(ctx.db, { clientId: r.client_id, mutationId: r.mutation_id }, { clientId: target, mutationId: n });
  }
}

export function leaveHub(ctx: CoreContext): void {
  ctx.db.transaction(() => {
    forgetHub(ctx.db);
  })();
}
