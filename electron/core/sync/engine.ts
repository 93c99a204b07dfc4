import type { SyncStatus } from '../../../shared/api/types';
import { MAX_PULL_PAGE, MAX_PUSH_BATCH, type PullResponse, type SyncChange } from '../../../shared/sync/protocol';
import type { CoreContext } from '../context';
import { mutationEnv } from '../write/env';
import { getMeta, setMeta } from '../store/settings';
import {
  anyHubToken,
  finishErasing,
  markAppliedThrough,
  openConflictCount,
  pendingCount,
  pendingRun,
  pushableMutations,
  setLastAcked,
  takeRepull,
} from '../store/syncState';
import { AUDIT_PUSH_BATCH } from '../../../shared/sync/audit';
import { setAuditSentSeq, unsentAuditRows } from '../store/audit';
import { applyAcks, applyChanges } from './apply';
import { HubClient, HubError } from './hubClient';
import { listenForChanges } from './live';

const POLL_MS = 10_000;

export interface PendingRef {
  /** Local commit order (the outbox rowid). */
  seq: number;
  clientId: string;
  id: number;
}

/**
 * The order to push pending mutations in: each client's in mutation-id order (the hub requires it),
 * the clients interleaved by when each mutation was made here, consecutive ones of a client batched.
 * Normally that is simply commit order; after a join has renumbered standalone mutations onto the
 * administrator's client, its ids still go up.
 */
export function pushPlan(pending: readonly PendingRef[], maxBatch: number): { clientId: string; ids: number[] }[] {
  const queues = new Map<string, PendingRef[]>();
  for (const p of pending) {
    const q = queues.get(p.clientId);
    if (q) q.push(p);
    else queues.set(p.clientId, [p]);
  }
  for (const q of queues.values()) q.sort((x, y) => x.id - y.id);
  const heads = new Map([...queues.keys()].map((k) => [k, 0]));
  const runs: { clientId: string; ids: number[] }[] = [];
  for (;;) {
    let next: PendingRef | null = null;
    for (const [k, i] of heads) {
      const head = queues.get(k)![i];
      if (head && (!next || head.seq < next.seq)) next = head;
    }
    if (!next) return runs;
    const last = runs[runs.length - 1];
    if (last && last.clientId === next.clientId && last.ids.length < maxBatch) last.ids.push(next.id);
    else runs.push({ clientId: next.clientId, ids: [next.id] });
    heads.set(next.clientId, heads.get(next.clientId)! + 1);
  }
}
const MAX_BACKOFF_MS = 60_000;

/**
 * Pushes the outbox and pulls the hub's changes, one cycle at a time. Triggered by local writes,
 * by the hub's live stream, and by a poll when the stream is down.
 */
export class SyncEngine {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private stopLive: (() => void) | null = null;
  private failures = 0;
  private stopped = true;
  private closed = false;
  status: SyncStatus;

  constructor(private readonly ctx: CoreContext) {
    this.status = { joined: false, hubUrl: null, online: false, pending: 0, lastSyncAt: null, error: null, upgradeRequired: false, conflicts: 0 };
    this.refreshStatus();
  }

  hubUrl(): string | null {
    return getMeta(this.ctx.db, 'hub_url');
  }

  start(): void {
    if (!this.hubUrl()) return;
    this.stopped = false;
    this.connectLive();
    this.trigger();
  }

  /** For good: the store is closing; timers and streams still in flight must not touch it. */
  close(): void {
    this.closed = true;
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopLive?.();
    this.stopLive = null;
  }

  /**
   * Coalesces bursts: one cycle runs at a time and one more is queued at most. A later request never
   * postpones an earlier one (the slow safety poll must not swallow a push a write just asked for).
   */
  trigger(delayMs = 0): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.cycle();
    }, delayMs);
  }

  async syncNow(): Promise<SyncStatus> {
    await this.cycle();
    return this.status;
  }

  /**
   * A store re-synced from the hub (index.ts, resync): everything from the hub first, each record with
   * salvaged pending mutations rebased on top as it arrives, then the usual cycle pushes them and pulls
   * what the hub made of them. A failure is left to the cycle to report in the status.
   */
  async pullThenSync(): Promise<SyncStatus> {
    try {
      await this.pullAll();
    } catch {
      // The cycle below meets the same failure and records it.
    }
    return this.syncNow();
  }

  private connectLive(): void {
    if (this.stopped || this.closed) return;
    const url = this.hubUrl();
    const token = this.anyToken();
    if (!url || !token || this.stopLive) return;
    this.stopLive = listenForChanges(url, token, {
      onChange: () => this.trigger(),
      onClose: () => {
        this.stopLive = null;
        if (!this.stopped) setTimeout(() => this.connectLive(), Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures));
      },
    });
  }

  private anyToken(): string | null {
    return anyHubToken(this.ctx.db);
  }

  private async cycle(): Promise<void> {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.pushAll();
      await this.pushAudit();
      await this.pullAll();
      this.failures = 0;
      this.status = { ...this.status, online: true, error: null, upgradeRequired: false, lastSyncAt: this.ctx.now().toISOString() };
      setMeta(this.ctx.db, 'last_sync_at', this.status.lastSyncAt!);
    } catch (err) {
      this.failures++;
      const e = err instanceof HubError ? err : new HubError('server', (err as Error).message);
      this.ctx.log.warn({ kind: e.kind, status: e.status }, `sync failed: ${e.message}`);
      this.status = { ...this.status, online: e.kind !== 'offline', error: e.message, upgradeRequired: e.kind === 'upgrade_required' };
      if (e.kind === 'upgrade_required') this.stop();
    } finally {
      this.running = false;
    }
    if (this.closed) return;
    this.refreshStatus();
    if (this.again) {
      this.again = false;
      this.trigger();
    } else if (!this.stopped) {
      // Live stream up: a slow safety poll; down or failing: poll with back-off.
      const backoff = this.failures ? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures) : POLL_MS;
      this.trigger(this.stopLive && !this.failures ? POLL_MS * 3 : backoff);
    }
  }

  /**
   * Pushes in the order things happened on this workstation, across its users: a callback the lead's
   * save created must reach the hub before the officer's completion of it. Consecutive mutations of
   * one client travel as one batch (pushPlan).
   */
  private async pushAll(): Promise<void> {
    const url = this.hubUrl();
    if (!url) return;
    const db = this.ctx.db;
    const pending = pushableMutations(db);
    const tokens = new Map(pending.map((p) => [p.clientId, p.token]));
    const workstation = getMeta(db, 'workstation') ?? '';
    for (const run of pushPlan(pending, MAX_PUSH_BATCH)) {
      const hub = new HubClient(url, tokens.get(run.clientId)!);
      const rows = pendingRun(db, run.clientId, run.ids[0]!, run.ids[run.ids.length - 1]!);
      if (!rows.length) continue;
      const res = await hub.push({
        clientId: run.clientId,
        workstation,
        mutations: rows.map((r) => ({ id: r.mutation_id, name: r.name, args: JSON.parse(r.args), base: r.base ? JSON.parse(r.base) : null })),
        // The hub measures this workstation's clock against its own by it (sign-ins, docs/sync.md "Push").
        sentAt: this.ctx.now().toISOString(),
      });
      const touched = db.transaction(() => {
        const t = applyAcks(db, run.clientId, res.acks, mutationEnv(this.ctx), this.ctx.now().toISOString());
        // Ids the hub had already seen (a retry after a lost response) count as applied.
        markAppliedThrough(db, run.clientId, res.lastMutationId);
        setLastAcked(db, run.clientId, res.lastMutationId);
        return t;
      })();
      for (const t of touched) this.ctx.emit('records.changed', { entity: t.entity, ids: [t.id] });
    }
  }

  /**
   * The audit rows the hub does not have yet, in seq order (docs/sync.md, "Audit rows"). The hub takes a
   * row once per (workstation, seq), so a batch resent after a lost answer changes nothing.
   */
  private async pushAudit(): Promise<void> {
    const url = this.hubUrl();
    const token = this.anyToken();
    if (!url || !token) return;
    const db = this.ctx.db;
    const hub = new HubClient(url, token);
    for (;;) {
      const rows = unsentAuditRows(db, AUDIT_PUSH_BATCH);
      if (!rows.length) return;
      try {
        await hub.pushAudit({ workstation: rows[0]!.workstation, rows });
      } catch (err) {
        // A refused batch (a session of another workstation, a row the hub cannot read) must not stop the
        // records syncing; it stays unsent and is tried again next cycle.
        if (err instanceof HubError && (err.kind === 'bad_request' || err.kind === 'forbidden')) {
          this.ctx.log.warn({ kind: err.kind, status: err.status }, `audit push refused: ${err.message}`);
          return;
        }
        throw err;
      }
      setAuditSentSeq(db, rows[rows.length - 1]!.seq);
      if (rows.length < AUDIT_PUSH_BATCH) return;
    }
  }

  private async pullAll(): Promise<void> {
    const url = this.hubUrl();
    const token = this.anyToken();
    if (!url || !token) return;
    const hub = new HubClient(url, token);
    // A user's first online login here widens what the hub sends this workstation in full: pull again from 0.
    takeRepull(this.ctx.db);
    const next = hub.pull(Number(getMeta(this.ctx.db, 'sync_cursor') ?? 0), MAX_PULL_PAGE);
    // A long pull (a first sync) checkpoints the WAL once at the end instead of every few megabytes.
    this.ctx.db.pragma('wal_autocheckpoint = 0');
    try {
      await this.pullPages(hub, next);
    } finally {
      this.ctx.db.pragma('wal_autocheckpoint = 1000');
      // A record that became partial here: its old text must leave the WAL's older frames too.
      this.ctx.db.pragma(finishErasing(this.ctx.db) ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
    }
  }

  private async pullPages(hub: HubClient, first: Promise<PullResponse>): Promise<void> {
    let next = first;
    for (;;) {
      const page = await next;
      // Fetch the following page while this one is written.
      if (page.hasMore) {
        next = hub.pull(page.cursor, MAX_PULL_PAGE);
        // Marked handled so that a page abandoned by a failed write is no unhandled rejection.
        next.catch(() => undefined);
      }
      const touched = this.applyPage(page.changes, page.cursor);
      for (const [entity, ids] of touched) this.ctx.emit('records.changed', { entity: entity as 'call', ids });
      if (!page.hasMore) break;
    }
  }

  /**
   * A page and its cursor commit together, so a page lost to a power cut is simply pulled again:
   * these commits need not wait for the disk the way a user's own save does.
   */
  private applyPage(changes: SyncChange[], cursor: number): Map<string, string[]> {
    const db = this.ctx.db;
    db.pragma('synchronous = NORMAL');
    // The hub sends each record once, at the position of its latest change: a customer edited after a
    // call that links to it comes after that call, possibly in a later page. The hub's state is
    // consistent; only its order is not, so pulled rows are written without checking the links between
    // records (a call's customer arrives with the same pull). Local writes keep the checks.
    db.pragma('foreign_keys = OFF');
    try {
      return db.transaction(() => {
        const t = applyChanges(db, changes, () => mutationEnv(this.ctx));
        setMeta(db, 'sync_cursor', String(cursor));
        return t;
      })();
    } finally {
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = FULL');
    }
  }

  refreshStatus(): SyncStatus {
    const db = this.ctx.db;
    const pending = pendingCount(db);
    const conflicts = openConflictCount(db);
    const hubUrl = this.hubUrl();
    this.status = {
      ...this.status,
      joined: hubUrl !== null,
      hubUrl,
      pending,
      conflicts,
      lastSyncAt: this.status.lastSyncAt ?? getMeta(db, 'last_sync_at'),
      online: hubUrl ? this.status.online : false,
    };
    this.ctx.emit('sync.status', this.status);
    return this.status;
  }
}
