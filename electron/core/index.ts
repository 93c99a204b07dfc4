import { EventEmitter } from 'node:events';
import type { Envelope } from '../../shared/api/envelope';
import type { EventName, Events } from '../../shared/api/events';
import { normalizePhone } from '../../shared/domain/phone';
import type { CoreContext, Logger, StoreControl } from './context';
import { dispatch } from './dispatcher';
import { ApiFailure } from './errors';
import { listBackups, makeBackup } from './store/backups';
import { deferSearchIndexMerges, startIdleMerging } from './store/ftsMerge';
import { IDLE_AFTER_MS, startDailyCare } from './store/integrity';
import {
  auditStoreAction,
  checkBackup,
  manualBackup,
  moveStoreAside,
  type OpenedStore,
  openCheckedStore,
  putStoreBack,
  replaceStoreFile,
  restoredResult,
} from './storeCare';
import { damagedHubUrl, fillFromHub, planResync } from './storeResync';
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
  const log = opts.logger ?? silent;
  const now = opts.now ?? (() => new Date());
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const openOpts = {
    nativeBinding: opts.nativeBinding,
    key: opts.key,
    now,
    onProgress: (message: string) => {
      opts.logger?.info({ store: opts.dataDir }, message);
      opts.onStoreProgress?.(message);
    },
  };
  // Idle = no request running and none for ten minutes: the daily check and backup wait for that.
  let busy = 0;
  let lastRequestAt = 0;
  const idle = () => busy === 0 && Date.now() - lastRequestAt >= IDLE_AFTER_MS;

  let resyncing = false;
  const control: StoreControl = {
    dataDir: opts.dataDir,
    status: () => ({ ...live.status, ...(live.status.state === 'damaged' ? { backups: listBackups(opts.dataDir) } : {}) }),
    markDamaged(problem) {
      if (live.status.state === 'damaged') return;
      log.error({ problem }, 'SQLite reported the store damaged; nothing more is written to it');
      live.status = { ...live.status, state: 'damaged', problems: [problem] };
      live.stop();
    },
    backup: (actor) => {
      if (live.status.state !== 'ok') throw new ApiFailure('store_damaged', 'the store is damaged: a copy of it would be damaged too');
      return manualBackup(live.ctx.db, opts.dataDir, actor, now());
    },
    async restore(id, authorise) {
      const { file, actor } = await checkBackup(opts.dataDir, id, opts.key, authorise);
      const at = now();
      const old = live;
      // An undo for a restore of a sound store: the store as it was, kept like any backup.
      if (old.status.state === 'ok') makeBackup(old.ctx.db, opts.dataDir, 'before_restore', at);
      old.stop();
      old.ctx.db.close();
      const keptAs = replaceStoreFile(opts.dataDir, file, at);
      old.release();
      live = start(openCheckedStore(opts.dataDir, openOpts, log));
      if (live.status.state === 'ok') auditStoreAction(live.ctx.db, actor, 'restore', `restored ${id}; the replaced store is kept as ${keptAs ?? '(none)'}`, now());
      log.warn({ backup: id, keptAs, by: actor.displayName }, 'the store was restored from a backup');
      return restoredResult(id, keptAs);
    },
    hubUrl: () => (live.status.state === 'damaged' ? damagedHubUrl(live.ctx.db) : null),
    async resync(username, password) {
      if (live.status.state !== 'damaged') throw new ApiFailure('refused', 'the store is sound: nothing to re-sync');
      if (resyncing) throw new ApiFailure('refused', 'a re-sync is already running');
      resyncing = true;
      try {
        const old = live;
        // Read and authorised before anything moves: a refusal leaves the damaged store as it was.
        const plan = await planResync(old.ctx.db, username, password);
        if (live !== old) throw new ApiFailure('refused', 'the store was replaced meanwhile (a restore)');
        old.stop();
        old.ctx.db.close();
        const keptAs = moveStoreAside(opts.dataDir, now());
        old.release();
        // A fresh store with the same key; the engine does not start (no hub yet) until it is filled.
        live = start(openCheckedStore(opts.dataDir, openOpts, log));
        let result: Awaited<ReturnType<typeof fillFromHub>>;
        try {
          result = await fillFromHub(live.ctx, plan, password, keptAs);
        } catch (err) {
          // Nothing of value is in the fresh store yet; a store left not set up would invite a set-up over it.
          log.error({ err: String(err) }, 'the re-sync could not fill the new store; the damaged store is put back');
          live.stop();
          live.ctx.db.close();
          live.release();
          if (keptAs) putStoreBack(opts.dataDir, keptAs);
          live = start(openCheckedStore(opts.dataDir, openOpts, log));
          throw err;
        }
        if (opts.sync !== false) live.engine.start();
        log.warn({ keptAs, salvaged: result.salvaged, sync: result.sync, by: plan.login.user.displayName }, 'the damaged store was set aside and re-synced from the hub');
        return { ...result, keptAs };
      } finally {
        resyncing = false;
      }
    },
  };

  /** One store's connection, context, sync engine and timers; a restore replaces the whole of it. */
  function start(opened: OpenedStore) {
    const { db, status } = opened;
    const ctx: CoreContext = {
      db,
      now,
      log,
      emit: <E extends EventName>(event: E, payload: Events[E]) => bus.emit('event', event, payload),
      store: control,
    };
    const engine = new SyncEngine(ctx);
    ctx.sync = engine;
    const timers: { stop(): void }[] = [];
    // A damaged store gets no timers and no sync: nothing may write to it.
    if (status.state === 'ok') {
      // The call search indexes are merged between calls, not inside a save (store/ftsMerge.ts).
      deferSearchIndexMerges(db);
      timers.push(startIdleMerging(db, (err) => log.warn({ err: String(err) }, 'merging the search indexes failed')));
      timers.push(
        startDailyCare(db, {
          dataDir: opts.dataDir,
          now,
          idle,
          onDamaged: (problems) => {
            log.error({ problems }, 'the daily integrity check found the store damaged; nothing more is written to it');
            instance.status = { ...instance.status, state: 'damaged', problems };
            engine.close();
          },
          onBackup: (b) => log.info({ backup: b.id, size: b.size }, 'daily backup made'),
          onError: (err) => log.warn({ err: String(err) }, 'the daily check or backup failed'),
        }),
      );
      if (opts.sync !== false) engine.start();
    }
    const instance = {
      ctx,
      engine,
      status,
      release: opened.release,
      stop() {
        for (const t of timers) t.stop();
        engine.close();
      },
    };
    return instance;
  }

  let live = start(openCheckedStore(opts.dataDir, openOpts, log));

  return {
    get context() {
      return live.ctx;
    },
    get sync() {
      return live.engine;
    },
    async invoke(token, method, params) {
      busy++;
      lastRequestAt = Date.now();
      let envelope: Envelope<unknown>;
      try {
        ({ envelope } = await dispatch(live.ctx, token, method, params));
      } finally {
        busy--;
        lastRequestAt = Date.now();
      }
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
      live.ctx.emit('call.incoming', { phone: trimmed, rangAt: now().toISOString() });
    },
    close() {
      live.stop();
      bus.removeAllListeners();
      live.ctx.db.close();
      live.release();
    },
  };
}
