import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { UserRecord } from '../shared/domain/admin';
import type { User } from '../shared/domain/users';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../shared/sync/protocol';
import { HubError } from './errors';
import type { LoginLimiter } from './loginLimiter';
import type { StoreTx } from './store/types';
import type { HubStore } from './store';

/** Sync payload versions this hub serves. Raise max when the protocol grows; raise min to drop old consoles. */
export const SCHEMA_RANGE = { min: 1, max: SYNC_SCHEMA_VERSION } as const;

export interface PublicUser extends User {
  version: number;
}

/** Users leave the hub only like this: sync rows, /org and login answers never carry the hash. */
export function publicUser(u: UserRecord): PublicUser {
  const { passwordHash: _hash, ...rest } = u;
  return rest;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface HubContext {
  store: HubStore;
  log: FastifyBaseLogger;
  limiter: LoginLimiter;
  /** Emits 'changed' with the new highest seq after each commit that wrote sync rows. */
  events: EventEmitter;
  now(): Date;
  /** A write transaction; subscribers hear about its seq once it has committed. */
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  authenticate(req: FastifyRequest): Promise<UserRecord>;
  requireSchema(req: FastifyRequest): void;
}

export function createContext(store: HubStore, log: FastifyBaseLogger, limiter: LoginLimiter): HubContext {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const now = () => new Date();
  return {
    store,
    log,
    limiter,
    events,
    now,
    async write(fn) {
      const { result, seqAfter } = await store.write(fn);
      if (seqAfter !== null) events.emit('changed', seqAfter);
      return result;
    },
    async authenticate(req) {
      const header = req.headers.authorization ?? '';
      const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
      if (!m) throw new HubError(401, 'unauthenticated', 'missing or malformed bearer token; log in at POST /auth/login');
      const session = await store.getSession(tokenHash(m[1]!));
      if (!session) throw new HubError(401, 'unauthenticated', 'unknown token; log in again');
      if (session.expiresAt <= now().toISOString()) throw new HubError(401, 'session_expired', 'the session has expired; log in again');
      const user = await store.read((tx) => tx.getUserById(session.userId));
      if (!user?.active) throw new HubError(401, 'unauthenticated', 'this user is no longer active');
      return user;
    },
    requireSchema(req) {
      const raw = req.headers[SCHEMA_HEADER];
      const v = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
      if (v >= SCHEMA_RANGE.min && v <= SCHEMA_RANGE.max) return;
      const got = typeof raw === 'string' ? `schema ${raw}` : `no ${SCHEMA_HEADER} header`;
      throw new HubError(
        426,
        'upgrade_required',
        `this hub serves sync schema ${SCHEMA_RANGE.min}–${SCHEMA_RANGE.max} and the console sent ${got}; please upgrade Hotline Desk`,
        { min: SCHEMA_RANGE.min, max: SCHEMA_RANGE.max },
      );
    },
  };
}
