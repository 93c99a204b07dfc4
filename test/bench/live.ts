import fs from 'node:fs';
import { HubClient } from '../../electron/core/sync/hubClient';
import { listenForChanges } from '../../electron/core/sync/live';
import { ORG, openTestConsole, PASSWORD, TestClock, type TestConsole } from '../helpers/core';
import { startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';
import { type Figure, nowMs, pct, pickOf, rngOf, round, seedHub, sleep } from './lib';

export interface LiveOptions {
  samples: number;
  log: (s: string) => void;
}

const TIMEOUT_MS = 15_000;
const TOPICS = ['查询报告进度', '咨询检测费用', '对检测结果有疑问', '建议增加网上查询', '询问样品寄送地址'];

/** A workstation joined to the hub with its sync engine running normally (live stream + cycles). */
async function joinedConsole(hubUrl: string, workstation: string, user: string): Promise<TestConsole> {
  const clock = new TestClock();
  clock.now = () => new Date();
  const c = openTestConsole(undefined, clock);
  await c.ok('setup.initialize', { ...ORG, workstation, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  await c.ok('sync.join', { hubUrl, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
  await c.login(user, PASSWORD);
  return c;
}

/**
 * Console A answers a call (calls.answer) and, once that has reached B, saves the form (calls.save
 * with end); console B, engine running, learns of it through the hub's SSE stream and pulls.
 * Latency: from A's calls.save returning until B's store holds the saved version (B's
 * 'records.changed' event, confirmed in B's SQLite).
 */
export async function benchLive(opts: LiveOptions): Promise<{ figures: Figure[]; notes: Record<string, unknown> }> {
  const { log } = opts;
  const hub = await startHubProcess();
  const consoles: TestConsole[] = [];
  let stopListener: (() => void) | null = null;
  try {
    await seedHub(hub.url);
    const a = await joinedConsole(hub.url, 'A01', 'agent1');
    consoles.push(a);
    const b = await joinedConsole(hub.url, 'B01', 'agent2');
    consoles.push(b);
    await sleep(500); // let both engines finish their post-join cycles and open their live streams

    // A third listener on the hub's stream, to split the latency at the hub's commit.
    const { token } = await new HubClient(hub.url).login('lead', PASSWORD, 'X01');
    const sse: { seq: number; at: number }[] = [];
    stopListener = listenForChanges(hub.url, token, { onChange: (seq) => sse.push({ seq, at: nowMs() }), onClose: () => undefined });

    const bDb = b.core.context.db;
    const versionOnB = bDb.prepare('SELECT version FROM call_records WHERE id = ?');
    let waiting: { id: string; version: number; resolve: (t: number) => void } | null = null;
    const check = () => {
      if (!waiting) return;
      const row = versionOnB.get(waiting.id) as { version: number } | undefined;
      if (row && row.version >= waiting.version) {
        const w = waiting;
        waiting = null;
        w.resolve(nowMs());
      }
    };
    const off = b.core.onEvent((name, payload) => {
      if (name === 'records.changed' && (payload as { entity: string }).entity === 'call') check();
    });

    const rng = rngOf(7);
    const pick = pickOf(rng);
    const total: number[] = [];
    const toHub: number[] = [];
    const hubToB: number[] = [];
    let timeouts = 0;
    const t0 = nowMs();
    try {
      for (let i = 0; i < opts.samples; i++) {
        const rec = await a.ok('calls.answer', { phone: `139${String(10_000_000 + i).padStart(8, '0')}` });
        // A real agent saves the form long after answering: let the answer reach B first, so that the
        // save is pushed on its own (and waits its own push delay) instead of riding along.
        const answered = new Promise<number>((resolve) => {
          waiting = { id: rec.id, version: rec.version, resolve };
        });
        check();
        if ((await Promise.race([answered, sleep(TIMEOUT_MS).then(() => -1)])) < 0) {
          timeouts++;
          waiting = null;
          continue;
        }
        const saved = await a.ok('calls.save', {
          id: rec.id,
          fields: { callerName: '孙先生', category: 'query', content: `${pick(TOPICS)} #${i}`, answeredOnSpot: true },
          end: true,
        });
        const start = nowMs();
        const sseBefore = sse.length;
        const arrived = new Promise<number>((resolve) => {
          waiting = { id: saved.id, version: saved.version, resolve };
        });
        check(); // in case B already has it
        const timer = sleep(TIMEOUT_MS).then(() => -1);
        const at = await Promise.race([arrived, timer]);
        if (at < 0) {
          timeouts++;
          waiting = null;
          continue;
        }
        total.push(at - start);
        const commit = sse.slice(sseBefore).find((e) => e.at >= start);
        if (commit) {
          toHub.push(commit.at - start);
          hubToB.push(at - commit.at);
        }
        await sleep(20 + Math.floor(rng() * 30)); // calls do not arrive in lock-step
      }
    } finally {
      off();
    }
    const seconds = (nowMs() - t0) / 1000;
    log(
      `  ${total.length} samples in ${seconds.toFixed(1)} s: p50 ${pct(total, 50)?.toFixed(1)} ms, p99 ${pct(total, 99)?.toFixed(1)} ms` +
        ` (save→hub commit p50 ${pct(toHub, 50)?.toFixed(1)} ms, commit→B stored p50 ${pct(hubToB, 50)?.toFixed(1)} ms)`,
    );
    const p99 = pct(total, 99);
    const figures: Figure[] = [
      {
        figure: 'live: A saves a call → in B’s store (SSE + pull, SQLite hub)',
        unit: 'ms',
        p50: round(pct(total, 50)),
        p99: round(p99),
        throughput: null,
        throughputUnit: '',
        target: 'p99 ≤ 250 ms',
        met: p99 !== null && timeouts === 0 && p99 <= 250,
        samples: total.length,
        notes: { timeouts },
      },
    ];
    const notes = {
      samples: total.length,
      timeouts,
      split: {
        saveToHubCommit: { p50: round(pct(toHub, 50)), p99: round(pct(toHub, 99)), max: round(pct(toHub, 100)) },
        hubCommitToB: { p50: round(pct(hubToB, 50)), p99: round(pct(hubToB, 99)), max: round(pct(hubToB, 100)) },
        total: { min: round(pct(total, 0.0001)), max: round(pct(total, 100)) },
      },
    };
    return { figures, notes };
  } finally {
    stopListener?.();
    for (const c of consoles) {
      c.close();
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
    await hub.stop();
    fs.rmSync(hub.dataDir, { recursive: true, force: true });
  }
}
