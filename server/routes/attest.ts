import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UserRecord } from '../../shared/domain/admin';
import { Username } from '../../shared/domain/users';
import { AttestRequest, type AttestResponse } from '../../shared/sync/protocol';
import { type HubContext, publicUser, tokenHash } from '../context';
import { HubError, parseOr400 } from '../errors';
import { HASH_FORMAT } from '../password';
import { SESSION_DAYS } from './public';

/** The workstation a request's session was opened for. */
async function sessionWorkstation(hub: HubContext, req: FastifyRequest): Promise<string | null> {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  return (await hub.store.getSession(tokenHash(token)))?.workstation ?? null;
}

/**
 * A free username for a local account whose name the hub already gives to another person: the
 * workstation code appended, else the id's tail. Both accounts stay; an administrator may merge by hand.
 */
async function freeUsername(lookup: (u: string) => Promise<UserRecord | null>, username: string, workstation: string, id: string): Promise<string> {
  for (const candidate of [`${username.slice(0, 24)}.${workstation.toLowerCase()}`, `${username.slice(0, 24)}.${id.slice(-6)}`]) {
    const ok = Username.safeParse(candidate);
    if (ok.success && !(await lookup(ok.data))) return ok.data;
  }
  throw new HubError(409, 'conflict', `no free username for the local account ${username}`);
}

/**
 * Joining (docs/sync.md, "Joining and leaving"): the administrator vouches for the workstation's local
 * users. Each keeps its id on the hub — mapped when the hub has it, created otherwise (renamed when its
 * username is another person's) — so every id in the offline mutations names a user of the hub, and
 * each user with offline work gets a session at this workstation to push it under their own client:
 * the hub judges every mutation with its real author.
 */
export function attestRoutes(app: FastifyInstance, hub: HubContext): void {
  app.post('/hub/attest', async (req) => {
    hub.requireSchema(req);
    const admin = await hub.authenticate(req);
    if (admin.role !== 'admin') throw new HubError(403, 'forbidden', 'only an administrator may attest the users of a joining workstation');
    const body = parseOr400(AttestRequest, req.body, 'attest request');
    if ((await sessionWorkstation(hub, req)) !== body.workstation)
      throw new HubError(403, 'forbidden', `this session was opened for another workstation than ${body.workstation}`);
    const now = hub.now();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
    const out: AttestResponse['users'] = [];
    const sessions: { token: string; userId: string }[] = [];
    await hub.write(async (tx) => {
      for (const u of body.users) {
        const known = await tx.getUserById(u.id);
        let hubUser: UserRecord;
        let outcome: AttestResponse['users'][number]['outcome'] = 'mapped';
        if (known) hubUser = known;
        else {
          const clash = await tx.getUserByUsername(u.username);
          const username = clash ? await freeUsername((n) => tx.getUserByUsername(n), u.username, body.workstation, u.id) : u.username;
          outcome = clash ? 'renamed' : 'created';
          // A local hash of another format cannot log in to the hub; the account still names the author.
          const passwordHash = HASH_FORMAT.test(u.passwordHash) ? u.passwordHash : '!';
          hubUser = { ...u, username, passwordHash, version: 1 };
          await tx.saveUser(hubUser);
          await tx.putRow('user', hubUser.id, publicUser(hubUser));
          req.log.info({ userId: u.id, username, outcome, workstation: body.workstation, by: admin.id }, 'local user attested');
        }
        // Only active users push under their own session; an inactive one's work goes through the administrator.
        const token = u.push && hubUser.active ? randomBytes(32).toString('base64url') : null;
        if (token) sessions.push({ token, userId: hubUser.id });
        out.push({ localId: u.id, hubId: hubUser.id, username: hubUser.username, outcome, token });
      }
    });
    for (const s of sessions)
      await hub.store.putSession(tokenHash(s.token), { userId: s.userId, workstation: body.workstation, createdAt: now.toISOString(), expiresAt });
    return { ok: true, users: out } satisfies AttestResponse & { ok: true };
  });
}
