import fs from 'node:fs';
import { HubClient, HubError } from '../../electron/core/sync/hubClient';
import { PASSWORD } from '../helpers/core';
import { startHubProcess } from '../helpers/hub';
import { CALL_TAKERS, type Figure, type Mut, nowMs, pct, RecordMaker, round, seedHub, sleep } from './lib';

export interface LoadOptions {
  store: 'sqlite' | 'postgres';
  /** PostgreSQL only: the hub's DATABASE_URL (its own schema). */
  databaseUrl?: string;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  /** 'drain': after every push, pull until caught up (what SyncEngine's cycle does); 'none': push only. */
  pull: 'drain' | 'none';
  log: (s: string) => void;
}

export interface LoadResult {
  pushesPerSecond: number;
  mutationsPerSecond: number;
  pushMs: number[];
  pullMs: number[];
  rowsPulledPerSecond: number;
  errors: Record<string, number>;
  /** Pushes begun in the window and still unanswered at its end (counted in pushMs with a lower bound). */
  unfinished: number;
  seconds: number;
}

/** One simulated workstation: its own clientId and workstation code, a token of one of the shared users. */
class Workstation {
  readonly maker: RecordMaker;
  private open: string[] = [];
  cursor = 0;

  constructor(
    readonly hub: HubClient,
    index: number,
  ) {
    this.maker = new RecordMaker(`L${String(index).padStart(3, '0')}`, 5000 + index);
  }

  /** 1–5 mutations: a new call (calls.answer) or saves of this workstation's open calls (calls.save). */
  nextBatch(): Mut[] {
    const n = 1 + Math.floor(this.maker.random() * 5);
    const out: Mut[] = [];
    for (let i = 0; i < n; i++) {
      const at = new Date();
      if (!this.open.length || this.maker.random() < 0.3) {
        const c = this.maker.callCreate(at);
        this.open.push(c.callId);
        out.push(c.mut);
      } else {
        const k = Math.floor(this.maker.random() * this.open.length);
        const end = this.maker.random() < 0.3;
        out.push(this.maker.callUpdate(this.open[k]!, at, end));
        if (end) this.open.splice(k, 1);
      }
    }
    return out;
  }
}

/**
 * `clients` simulated workstations against one hub process on loopback, each looping push (1–5
 * call.create / call.update) and, unless pull is 'none', pulling until caught up, for a fixed time.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const hub = await startHubProcess(opts.databaseUrl ? { env: { DATABASE_URL: opts.databaseUrl } } : {});
  try {
    await seedHub(hub.url);
    // Login is rate-limited per IP (120/min), so the workstations share one token per call-taking user.
    const tokens: string[] = [];
    for (const u of CALL_TAKERS) tokens.push((await new HubClient(hub.url).login(u, PASSWORD, 'L000')).token);
    const stations = Array.from({ length: opts.clients }, (_, i) => new Workstation(new HubClient(hub.url, tokens[i % tokens.length]!), i));
    // Everybody starts caught up, like workstations that have been running all day.
    let head = 0;
    for (;;) {
      const page = await stations[0]!.hub.pull(head, 2000);
      head = page.cursor;
      if (!page.hasMore) break;
    }
    for (const s of stations) s.cursor = head;
    // Warm the hub (JIT, lazily loaded code) before the clock starts.
    const warm = new Workstation(new HubClient(hub.url, tokens[0]!), 999);
    for (let i = 0; i < 30; i++) {
      await warm.hub.push({ clientId: warm.maker.clientId, workstation: warm.maker.workstation, mutations: warm.nextBatch() });
      await warm.hub.pull(head);
    }

    const pushMs: number[] = [];
    const pullMs: number[] = [];
    const errors: Record<string, number> = {};
    let pushes = 0;
    let mutations = 0;
    let rows = 0;
    const inflight: (number | null)[] = stations.map(() => null);
    const start = nowMs();
    const measureFrom = start + opts.warmupSeconds * 1000;
    const end = measureFrom + opts.seconds * 1000;
    const note = (err: unknown) => {
      const key = err instanceof HubError ? `${err.kind}${err.status ? ` ${err.status}` : ''}` : (err as Error).name;
      errors[key] = (errors[key] ?? 0) + 1;
    };
    const loops = Promise.all(
      stations.map(async (s, i) => {
        await sleep((i * 997) % 250); // stagger the start
        while (nowMs() < end) {
          const batch = s.nextBatch();
          const t = nowMs();
          inflight[i] = t;
          try {
            const res = await s.hub.push({ clientId: s.maker.clientId, workstation: s.maker.workstation, mutations: batch });
            const done = nowMs();
            if (done >= measureFrom && done <= end) {
              pushes++;
              mutations += batch.length;
              if (t >= measureFrom) pushMs.push(done - t);
            }
            for (const a of res.acks) if (a.status !== 'applied') errors[`ack ${a.status}`] = (errors[`ack ${a.status}`] ?? 0) + 1;
          } catch (err) {
            if (nowMs() >= measureFrom && nowMs() <= end) note(err);
            await sleep(100);
            continue;
          } finally {
            inflight[i] = null;
          }
          if (opts.pull === 'none') continue;
          try {
            for (;;) {
              const t2 = nowMs();
              const page = await s.hub.pull(s.cursor);
              const done = nowMs();
              if (done >= measureFrom && done <= end) {
                pullMs.push(done - t2);
                rows += page.changes.length;
              }
              s.cursor = page.cursor;
              if (!page.hasMore || nowMs() >= end) break;
            }
          } catch (err) {
            if (nowMs() >= measureFrom && nowMs() <= end) note(err);
          }
        }
      }),
    );
    await Promise.race([loops, sleep(end - nowMs())]);
    // A push still in flight at the end that began in the window counts with what it has waited so far
    // (a lower bound), so an overloaded hub cannot hide its tail; the hub is then stopped under it.
    let unfinished = 0;
    for (const t of inflight) {
      if (t !== null && t >= measureFrom) {
        pushMs.push(end - t);
        unfinished++;
      }
    }
    const seconds = opts.seconds;
    const r: LoadResult = {
      pushesPerSecond: pushes / seconds,
      mutationsPerSecond: mutations / seconds,
      pushMs,
      pullMs,
      rowsPulledPerSecond: rows / seconds,
      errors,
      unfinished,
      seconds,
    };
    opts.log(
      `  ${opts.store}, ${opts.clients} clients, pull ${opts.pull}: ${r.pushesPerSecond.toFixed(0)} pushes/s (${r.mutationsPerSecond.toFixed(0)} mutations/s),` +
        ` push p50 ${pct(pushMs, 50)?.toFixed(1)} ms p99 ${pct(pushMs, 99)?.toFixed(1)} ms` +
        (opts.pull === 'none' ? '' : `, ${r.rowsPulledPerSecond.toFixed(0)} rows pulled/s, pull p50 ${pct(pullMs, 50)?.toFixed(1)} ms p99 ${pct(pullMs, 99)?.toFixed(1)} ms`) +
        (unfinished ? `, ${unfinished} pushes unanswered at the end` : '') +
        (Object.keys(errors).length ? `, errors ${JSON.stringify(errors)}` : ''),
    );
    return r;
  } finally {
    await hub.stop();
    fs.rmSync(hub.dataDir, { recursive: true, force: true });
  }
}

export function loadFigure(name: string, r: LoadResult, target: { pushes: number; p99: number } | null): Figure {
  const p99 = pct(r.pushMs, 99);
  return {
    figure: name,
    unit: 'ms',
    p50: round(pct(r.pushMs, 50)),
    p99: round(p99),
    throughput: Math.round(r.pushesPerSecond),
    throughputUnit: 'pushes/s',
    target: target ? `≥ ${target.pushes} pushes/s, p99 ≤ ${target.p99} ms` : '–',
    met: target ? r.pushesPerSecond >= target.pushes && p99 !== null && p99 <= target.p99 && !Object.keys(r.errors).length : null,
    samples: r.pushMs.length,
    notes: {
      mutationsPerSecond: Math.round(r.mutationsPerSecond),
      rowsPulledPerSecond: Math.round(r.rowsPulledPerSecond),
      pull: { p50: round(pct(r.pullMs, 50)), p99: round(pct(r.pullMs, 99)), requests: r.pullMs.length },
      errors: r.errors,
      unfinishedPushes: r.unfinished,
    },
  };
}
