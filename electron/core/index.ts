import { EventEmitter } from 'node:events';
import type { Envelope } from '../../shared/api/envelope';
import type { EventName, Events } from '../../shared/api/events';
import { normalizePhone } from '../../shared/domain/phone';
import type { CoreContext, Logger } from './context';
import { deferSearchIndexMerges, startIdleMerging } from './store/ftsMerge';
import { openDatabase } from './db/open';
import { dispatch } from './dispatcher';
import { SyncEngine } from './sync/engine';

export interface CoreOptions {
  dataDir: string;
  nativeBinding?: string;
  /**
   * The 32-byte store key; the host reads or keeps it (docs/security-encryption.md), the core never
   * looks for one itself. Without it the store is plaintext (tests only).
   */
  key?: Uint8Array;
  /** Progress of the one-time encryption of a plaintext store from an earlier version. */
  onStoreProgress?: (message: string) => void;
  logger?: Logger;
  /** Tests move the clock; production uses the system clock. */
  now?: () => Date;
  /** false: do not start syncing on open (tests drive sync.now themselves). */
  sync?: boolean;
}

export interface InvokeOutcome {
  envelope: Envelope<unknown>;
  /** A new session token to keep (login), null to forget it (logout, expiry), undefined: unchanged. */
  token?: string | null;
}

export interface Core {
  invoke(token: string | null, method: string, params: unknown): Promise<InvokeOutcome>;
  onEvent(cb: (name: EventName, payload: unknown) => void): () => void;
  /** CTI / softphone screen pop: the caller's number, before the agent answers. */
  incomingCall(phone: string): void;
  close(): void;
  readonly context: CoreContext;
  readonly sync: SyncEngine;
}

const silent: Logger = { info() {}, warn() {}, error() {} };
const TOKEN_METHODS = new Set(['auth.login', 'setup.initialize']);

export function openCore(opts: CoreOptions): Core {
  const db = openDatabase(opts.dataDir, {
    nativeBinding: opts.nativeBinding,
    key: opts.key,
    onProgress: (message) => {
      opts.logger?.info({ store: opts.dataDir }, message);
      opts.onStoreProgress?.(message);
    },
  });
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const ctx: CoreContext = {
    db,
    now: opts.now ?? (() => new Date()),
    log: opts.logger ?? silent,
    emit: <E extends EventName>(event: E, payload: Events[E]) => bus.emit('event', event, payload),
  };

  // The call search indexes are merged between calls, not inside a save (store/ftsMerge.ts).
  deferSearchIndexMerges(db);
  const merging = startIdleMerging(db, (err) => ctx.log.warn({ err: String(err) }, 'merging the search indexes failed'));

  const engine = new SyncEngine(ctx);
  ctx.sync = engine;
  if (opts.sync !== false) engine.start();

  return {
    context: ctx,
    sync: engine,
    async invoke(token, method, params) {
      const { envelope } = await dispatch(ctx, token, method, params);
      if (envelope.ok && TOKEN_METHODS.has(method)) {
        // The token goes to the bridge, never to the renderer.
        const { token: fresh, ...result } = envelope.result as { token: string };
        return { envelope: { ok: true, result }, token: fresh };
      }
      if (envelope.ok && method === 'auth.logout') return { envelope, token: null };
      if (!envelope.ok && (envelope.error.code === 'session_expired' || envelope.error.code === 'unauthenticated') && token)
        return { envelope, token: null };
      return { envelope };
    },
    onEvent(cb) {
      const listener = (name: EventName, payload: unknown) => cb(name, payload);
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    incomingCall(phone) {
      const trimmed = phone.trim().slice(0, 40);
      if (!normalizePhone(trimmed).normalized) return;
      ctx.emit('call.incoming', { phone: trimmed, rangAt: ctx.now().toISOString() });
    },
    close() {
      merging.stop();
      engine.close();
      bus.removeAllListeners();
      db.close();
    },
  };
}
