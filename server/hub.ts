import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { checkBounds } from '../shared/api/bounds';
import { createContext, type HubContext } from './context';
import { HubError } from './errors';
import { LoginLimiter } from './loginLimiter';
import { adminRoutes } from './routes/admin';
import { attestRoutes } from './routes/attest';
import { auditRoutes } from './routes/audit';
import { publicRoutes } from './routes/public';
import { syncRoutes } from './routes/sync';
import { renewSetupCode } from './setupCode';
import { type HubStore, openStore } from './store';

export interface HubOptions {
  port: number;
  host?: string;
  /** SQLite folder; ignored when databaseUrl is set. */
  dataDir?: string;
  /** The SQLite store's 32-byte key (server/cli.ts reads it: HUB_DB_KEY or `<dataDir>.key`); without it the file is plaintext (tests). */
  key?: Uint8Array;
  /** Progress of the one-time encryption of a plaintext SQLite store. */
  onStoreProgress?: (message: string) => void;
  /** postgres://… — the hub stores in PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  logLevel?: string;
  /** Behind a reverse proxy: trust X-Forwarded-For from it so rate limits see the real client IP. */
  trustProxy?: boolean | string;
  /** A set-up code of the operator's choosing (HUB_SETUP_CODE) instead of a random one; used only while the hub is empty. */
  setupCode?: string;
}

export interface Hub {
  url: string;
  store: HubStore;
  /** The one-time code that seeding this hub needs (`POST /hub/setup`); null once it has been set up. */
  setupCode: string | null;
  close(): Promise<void>;
}

// A push is at most 500 mutations of at most a few KB each.
const BODY_LIMIT = 16 * 1024 * 1024;
/** Routes that take a form's worth of JSON (a login, a user, the set-up with every user's hash: ~250 bytes each). */
const SMALL_BODY_LIMIT = 1024 * 1024;
const SMALL_BODY_ROUTES = new Set(['/auth/login', '/hub/setup', '/admin/users']);
/**
 * Time to receive a whole request (a slow-loris client holds a socket otherwise): 16 MB over a slow
 * WAN link fits. Idle sockets close after connectionTimeout; /sync/events writes a heartbeat every 15 s.
 */
const REQUEST_TIMEOUT_MS = 120_000;
const CONNECTION_TIMEOUT_MS = 75_000;
/** Values in one body: a full push of 500 mutations is about 50,000. */
const MAX_BODY_NODES = 1_000_000;

function statusCode(code: number): string {
  if (code === 413) return 'payload_too_large';
  if (code === 429) return 'too_many_requests';
  if (code === 404) return 'not_found';
  return 'invalid_params';
}

export async function buildApp(store: HubStore, opts: Pick<HubOptions, 'logLevel' | 'trustProxy'>): Promise<{ app: FastifyInstance; hub: HubContext }> {
  const options: FastifyServerOptions = {
    logger: { level: opts.logLevel ?? 'info' },
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: BODY_LIMIT,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    forceCloseConnections: true,
  };
  const app = Fastify(options);
  const hub = createContext(store, app.log, new LoginLimiter());

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HubError) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      return reply.status(err.status).send({ ok: false, error: { code: err.code, message: err.message, ...err.extra } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status === 415 ? 400 : status).send({ ok: false, error: { code: statusCode(status), message: `invalid request: ${err.message}` } });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ ok: false, error: { code: 'internal', message: 'internal error on the hub; see its log' } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ ok: false, error: { code: 'not_found', message: `no such endpoint: ${req.method} ${req.url.split('?')[0]}` } }),
  );

  // A coarse per-IP cap on the unauthenticated endpoints; the per-username failure limit is in LoginLimiter.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new HubError(429, 'too_many_requests', `too many requests; wait ${Math.ceil(ctx.ttl / 1000)} seconds`),
  });
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      if (route.url === '/auth/login' || route.url === '/hub/setup') route.config = { ...route.config, rateLimit: { max: 120, timeWindow: '1 minute' } };
      if (SMALL_BODY_ROUTES.has(route.url)) route.bodyLimit = SMALL_BODY_LIMIT;
    });
    // Parsed JSON nested past any message's shape is refused before a handler walks (or stringifies) it.
    scope.addHook('preValidation', async (req) => {
      const refused = req.body === undefined ? null : checkBounds(req.body, { nodes: MAX_BODY_NODES, bytes: BODY_LIMIT });
      if (refused) throw new HubError(refused.code === 'too_deep' ? 400 : 413, refused.code, refused.message);
    });
    publicRoutes(scope, hub);
    adminRoutes(scope, hub);
    attestRoutes(scope, hub);
    syncRoutes(scope, hub);
    auditRoutes(scope, hub);
  });
  return { app, hub };
}

export async function startHub(opts: HubOptions): Promise<Hub> {
  const store = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, key: opts.key, onProgress: opts.onStoreProgress });
  const { app, hub } = await buildApp(store, opts).catch(async (err) => {
    await store.close();
    throw err;
  });
  let setupCode: string | null;
  try {
    // A new code at every start until the hub is seeded: a code seen in an old log stops working.
    setupCode = await renewSetupCode(store, new Date(), opts.setupCode);
  } catch (err) {
    await app.close();
    await store.close();
    throw err;
  }
  if (setupCode) app.log.warn(`this hub has not been set up yet; the first workstation to join needs the set-up code. Set-up code: ${setupCode}`);
  const sweep = setInterval(() => void store.deleteExpiredSessions(new Date().toISOString()).catch(() => undefined), 3_600_000);
  sweep.unref();
  try {
    await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
  } catch (err) {
    clearInterval(sweep);
    await store.close();
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    store,
    setupCode,
    close: () => {
      closing ??= (async () => {
        clearInterval(sweep);
        hub.events.emit('shutdown');
        await app.close();
        await store.close();
      })();
      return closing;
    },
  };
}
