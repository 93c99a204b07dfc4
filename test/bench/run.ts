/**
 * `npm run bench` — the sync figures (issue 4). Prints one table and writes bench-results/sync.json.
 *
 *   npm run bench                          all scenarios (≈ 5 min on 2 cores; the first run seeds
 *                                          the 100k-record hub, ≈ 1 min more, and caches it)
 *   npm run bench -- first-sync live       only some: first-sync, live, load-sqlite, load-pg, pgbench, tracking,
 *                                          tracking-ui, quality, bulletin, tracking-export, tracking-print
 *
 * Sizes and durations come from the environment (defaults in brackets): BENCH_RECORDS [100000],
 * BENCH_FIRST_SYNC_RUNS [1], BENCH_BREAKDOWN_ROWS [20000], BENCH_SEED [store | push], BENCH_CACHE [1]
 * (0: do not reuse the store-seeded hub database kept in bench-results/cache),
 * BENCH_LIVE_SAMPLES [200], BENCH_CLIENTS [200], BENCH_SECONDS [12], BENCH_PUSH_ONLY_SECONDS [8]
 * (0 skips the push-only runs), BENCH_PROFILE_HUB [0] (1: CPU-profile the hub processes of the load runs).
 * PostgreSQL: a throwaway cluster as in `npm run test:pg` (PG_BIN), or TEST_DATABASE_URL.
 * tracking (issue 6, test/bench/tracking.ts): BENCH_CUSTOMERS [1000000], BENCH_CALLS [1000000],
 * BENCH_COMPLAINTS [200000], BENCH_TRACKING_SAMPLES [300]; the bulk demo store is kept in bench-results/cache.
 * tracking-ui (issue 14, test/bench/trackingUi.ts): the sheet in Chromium over the end-to-end test's 200k
 * store (cached in the temp folder), BENCH_TRACKING_UI_SAMPLES [20] filters and as many searches; the login
 * page's JavaScript (gzip); BENCH_WEB_STARTS [5] starts of `npm run web` with current builds.
 * quality (issue 15, test/bench/quality.ts): qa.draw of each whole month and appraisal.team for a month on a
 * bulk store of BENCH_QUALITY_CALLS [1000000] calls over a year by BENCH_QUALITY_AGENTS [200] agents,
 * BENCH_QUALITY_COMPLAINTS [200000], BENCH_QUALITY_CUSTOMERS [200000]; BENCH_QUALITY_SAMPLES [20] appraisal
 * runs. The store is kept in bench-results/cache; each run works on a copy.
 * bulletin (issue 16, test/bench/bulletin.ts): bulletin.get for a month and a quarter on the quality bench's
 * store (the same cache and sizes) with callbacks added, beside a bare count of the periods' rows;
 * BENCH_BULLETIN_SAMPLES [10].
 * tracking-export (issue 16, test/bench/trackingExport.ts): annex 3 exported in full (every complaint) to .xlsx
 * and CSV over the end-to-end test's 200k store, each in a process of its own: time, peak RSS beside the
 * process's size before, and how long a request made every 20 ms meanwhile waits.
 * tracking-print (issue 16, test/bench/trackingPrint.ts): annex 3 printed in full (every complaint) in Chromium over
 * the end-to-end test's 200k store, a volume of 500 rows at a time: the keys (a request every 20 ms timed
 * meanwhile), each next volume's rows, and the renderer's peak RSS printing BENCH_PRINT_VOLUMES [6] volumes
 * and the last to PDF; BENCH_PRINT_ALL=1 prints every volume (the whole sheet, about 20 minutes).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PushAnatomy, pushAnatomy } from './anatomy';
import { benchFirstSync, type SeedPath } from './firstSync';
import { type Figure, fmt, nowMs, pct, round, withSchema } from './lib';
import { benchLive } from './live';
import { type LoadOptions, loadFigure, runLoad } from './load';
import { type PgCluster, pgRoundTrip, runPgbench, startPg } from './pg';
import { summarise } from './profile';
import { benchBulletin } from './bulletin';
import { benchQuality } from './quality';
import { benchTracking } from './tracking';
import { benchTrackingExport } from './trackingExport';
import { benchTrackingPrint } from './trackingPrint';
import { benchTrackingUi } from './trackingUi';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = path.join(ROOT, 'bench-results');
const SCENARIOS = ['first-sync', 'live', 'load-sqlite', 'load-pg', 'pgbench', 'tracking', 'tracking-ui', 'quality', 'bulletin', 'tracking-export', 'tracking-print'] as const;
type Scenario = (typeof SCENARIOS)[number];

const env = (name: string, dflt: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? dflt : Number(v);
};
const cfg = {
  records: env('BENCH_RECORDS', 100_000),
  firstSyncRuns: env('BENCH_FIRST_SYNC_RUNS', 1),
  breakdownRows: env('BENCH_BREAKDOWN_ROWS', 20_000),
  seed: (process.env.BENCH_SEED === 'push' ? 'push' : 'store') as SeedPath,
  cache: process.env.BENCH_CACHE !== '0',
  liveSamples: env('BENCH_LIVE_SAMPLES', 200),
  clients: env('BENCH_CLIENTS', 200),
  seconds: env('BENCH_SECONDS', 12),
  pushOnlySeconds: env('BENCH_PUSH_ONLY_SECONDS', 8),
  warmupSeconds: 2,
  pgbenchClients: 20,
  profileHub: process.env.BENCH_PROFILE_HUB === '1',
  tracking: { customers: env('BENCH_CUSTOMERS', 1_000_000), calls: env('BENCH_CALLS', 1_000_000), complaints: env('BENCH_COMPLAINTS', 200_000), samples: env('BENCH_TRACKING_SAMPLES', 300) },
  trackingUi: { samples: env('BENCH_TRACKING_UI_SAMPLES', 20), webStarts: env('BENCH_WEB_STARTS', 5) },
  trackingPrint: { volumes: env('BENCH_PRINT_VOLUMES', 6), all: process.env.BENCH_PRINT_ALL === '1' },
  quality: {
    customers: env('BENCH_QUALITY_CUSTOMERS', 200_000),
    calls: env('BENCH_QUALITY_CALLS', 1_000_000),
    complaints: env('BENCH_QUALITY_COMPLAINTS', 200_000),
    agents: env('BENCH_QUALITY_AGENTS', 200),
    samples: env('BENCH_QUALITY_SAMPLES', 20),
  },
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const a of asked) if (!SCENARIOS.includes(a as Scenario)) throw new Error(`unknown scenario "${a}"; choose from ${SCENARIOS.join(', ')}`);
const wanted = (s: Scenario) => !asked.length || asked.includes(s);

const t0 = nowMs();
const log = (s: string) => console.log(`[${((nowMs() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);

/** What the numbers were measured on. */
function machine(): Record<string, unknown> {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return null;
    }
  };
  // fdatasync of 8 KiB: what every synchronous=FULL commit pays at least.
  const probe = path.join(os.tmpdir(), `hd-fsync-${process.pid}`);
  const fd = fs.openSync(probe, 'w');
  const syncs: number[] = [];
  const buf = Buffer.alloc(8192, 1);
  for (let i = 0; i < 50; i++) {
    fs.writeSync(fd, buf, 0, buf.length, 0);
    const t = nowMs();
    fs.fdatasyncSync(fd);
    syncs.push(nowMs() - t);
  }
  fs.closeSync(fd);
  fs.rmSync(probe, { force: true });
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    fdatasync8KiBMs: { p50: round(pct(syncs, 50), 2), p99: round(pct(syncs, 99), 2) },
    git: {
      head: git('rev-parse', '--short', 'HEAD') ?? process.env.BENCH_GIT_HEAD ?? null,
      // Others edit these folders concurrently: the numbers are for the working tree as it was.
      dirty: git('status', '--porcelain', '--', 'electron/core', 'server', 'shared')?.split('\n').filter(Boolean) ?? [],
    },
  };
}

/** Hub CPU profiles of a load run, when BENCH_PROFILE_HUB=1 (see hubProfileHook.mjs). */
async function withHubProfile<T>(label: string, notes: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  if (!cfg.profileHub) return fn();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-hubprof-'));
  const before = { NODE_OPTIONS: process.env.NODE_OPTIONS, BENCH_HUB_PROFILE_DIR: process.env.BENCH_HUB_PROFILE_DIR };
  process.env.NODE_OPTIONS = `${before.NODE_OPTIONS ?? ''} --import ${path.join(import.meta.dirname, 'hubProfileHook.mjs')}`.trim();
  process.env.BENCH_HUB_PROFILE_DIR = dir;
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    notes[`hubProfile ${label}`] = files.map((f) =>
      summarise(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), [
        'applyPush',
        'authenticate',
        'pullRows',
        'exec',
        'prepare',
        'query',
        'stringify',
        'safeParse',
      ]),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const notes: Record<string, unknown> = {};
  const failures: Record<string, string> = {};
  const info = machine();
  log(`machine: ${info.cpus} × ${info.cpuModel}, ${info.node}, load ${JSON.stringify(info.loadAverageAtStart)}, fdatasync 8 KiB p50 ${JSON.stringify(info.fdatasync8KiBMs)} ms`);

  const attempt = async (name: string, fn: () => Promise<void>) => {
    log(`${name} …`);
    try {
      await fn();
    } catch (err) {
      failures[name] = (err as Error).stack ?? String(err);
      log(`${name} FAILED: ${(err as Error).message}`);
    }
  };

  if (wanted('first-sync'))
    await attempt('first-sync', async () => {
      const r = await benchFirstSync({ records: cfg.records, runs: cfg.firstSyncRuns, breakdownRows: cfg.breakdownRows, seed: cfg.seed, cache: cfg.cache, log });
      figures.push(...r.figures);
      notes.firstSync = r.notes;
    });

  if (wanted('live'))
    await attempt('live', async () => {
      const r = await benchLive({ samples: cfg.liveSamples, log });
      figures.push(...r.figures);
      notes.live = r.notes;
    });

  const load = (o: Pick<LoadOptions, 'store' | 'databaseUrl' | 'pull' | 'seconds'>) =>
    runLoad({ ...o, clients: cfg.clients, warmupSeconds: cfg.warmupSeconds, log });
  const target = { pushes: 1000, p99: 50 };
  const n = cfg.clients;

  const anatomyFigure = (a: PushAnatomy, name: string): Figure => ({
    figure: `push write path alone, 1 at a time (3 mutations), ${name} hub`,
    unit: 'ms',
    p50: a.writeMs.p50,
    p99: a.writeMs.p99,
    throughput: a.serialCeilingPushesPerSecond,
    throughputUnit: 'pushes/s ceiling',
    target: '–',
    met: null,
    samples: a.pushes,
    notes: { queriesPerPush: a.queriesPerPush },
  });
  const anatomy = async (store: 'sqlite' | 'postgres', name: string, url?: string) => {
    const a = await pushAnatomy(store, url);
    log(`  ${name}: store.write(applyPush) of 3 mutations p50 ${a.writeMs.p50} ms, p99 ${a.writeMs.p99} ms${a.queriesPerPush ? `, ${a.queriesPerPush} statements` : ''}`);
    figures.push(anatomyFigure(a, name));
    notes[`anatomy ${store}`] = a;
  };

  if (wanted('load-sqlite'))
    await attempt('load-sqlite', async () => {
      await anatomy('sqlite', 'SQLite');
      const mixed = await withHubProfile('sqlite push+pull', notes, () => load({ store: 'sqlite', pull: 'drain', seconds: cfg.seconds }));
      figures.push(loadFigure(`${n} workstations push+pull, SQLite hub`, mixed, null));
      if (cfg.pushOnlySeconds > 0) {
        const only = await withHubProfile('sqlite push only', notes, () => load({ store: 'sqlite', pull: 'none', seconds: cfg.pushOnlySeconds }));
        figures.push(loadFigure(`${n} workstations push only, SQLite hub`, only, null));
      }
    });

  let cluster: PgCluster | null = null;
  const stopCluster = () => cluster?.stop();
  process.once('SIGINT', () => {
    stopCluster();
    process.exit(130);
  });
  try {
    if (wanted('load-pg') || wanted('pgbench')) {
      await attempt('postgres cluster', async () => {
        cluster = await startPg();
        const rtt = await pgRoundTrip(cluster.url);
        notes.postgres = { roundTripMs: rtt, settings: 'fsync=off, synchronous_commit=off, max_connections=200 (test/pg/globalSetup.ts)' };
        log(`postgres at ${cluster.url.replace(/\/\/[^@]*@/, '//')}; SELECT 1 round trip p50 ${rtt.p50} ms, p99 ${rtt.p99} ms`);
      });
    }
    const pgc = cluster as PgCluster | null;
    if (pgc && wanted('load-pg'))
      await attempt('load-pg', async () => {
        const run = async (label: string, pull: 'drain' | 'none', seconds: number) => {
          const schema = `bench_${randomBytes(5).toString('hex')}`;
          await pgc.query(`CREATE SCHEMA ${schema}`);
          try {
            return await withHubProfile(label, notes, () => load({ store: 'postgres', databaseUrl: withSchema(pgc.url, schema), pull, seconds }));
          } finally {
            await pgc.query(`DROP SCHEMA ${schema} CASCADE`);
          }
        };
        const schema = `bench_${randomBytes(5).toString('hex')}`;
        await pgc.query(`CREATE SCHEMA ${schema}`);
        try {
          await anatomy('postgres', 'PostgreSQL', withSchema(pgc.url, schema));
        } finally {
          await pgc.query(`DROP SCHEMA ${schema} CASCADE`);
        }
        const mixed = await run('pg push+pull', 'drain', cfg.seconds);
        figures.push(loadFigure(`${n} workstations push+pull, PostgreSQL hub`, mixed, target));
        if (cfg.pushOnlySeconds > 0) {
          const only = await run('pg push only', 'none', cfg.pushOnlySeconds);
          figures.push(loadFigure(`${n} workstations push only, PostgreSQL hub`, only, null));
        }
      });
    if (pgc && wanted('pgbench'))
      await attempt('pgbench', async () => {
        const r = await runPgbench(pgc.url, { clients: cfg.pgbenchClients, seconds: cfg.seconds });
        log(`  pgbench 2-insert transaction, ${cfg.pgbenchClients} clients, ${cfg.seconds} s: ${r.tps.toFixed(0)} tps, p50 ${r.p50?.toFixed(2)} ms, p99 ${r.p99?.toFixed(2)} ms`);
        figures.push({
          figure: `pgbench, 2-INSERT transaction, ${cfg.pgbenchClients} clients (same cluster)`,
          unit: 'ms',
          p50: round(r.p50, 2),
          p99: round(r.p99, 2),
          throughput: Math.round(r.tps),
          throughputUnit: 'tps',
          target: 'reference (~6,700 tps)',
          met: null,
          samples: r.transactions,
        });
      });
  } finally {
    stopCluster();
  }

  if (wanted('tracking'))
    await attempt('tracking', async () => {
      const r = await benchTracking({ ...cfg.tracking, cache: cfg.cache, log });
      figures.push(...r.figures);
      notes.tracking = r.notes;
    });

  if (wanted('tracking-ui'))
    await attempt('tracking-ui', async () => {
      const r = await benchTrackingUi({ ...cfg.trackingUi, log });
      figures.push(...r.figures);
      notes.trackingUi = r.notes;
    });

  if (wanted('quality'))
    await attempt('quality', async () => {
      const r = await benchQuality({ ...cfg.quality, cache: cfg.cache, log });
      figures.push(...r.figures);
      notes.quality = r.notes;
    });

  if (wanted('bulletin'))
    await attempt('bulletin', async () => {
      const r = await benchBulletin({ ...cfg.quality, samples: env('BENCH_BULLETIN_SAMPLES', 10), cache: cfg.cache, log });
      figures.push(...r.figures);
      notes.bulletin = r.notes;
    });

  if (wanted('tracking-export'))
    await attempt('tracking-export', async () => {
      const r = await benchTrackingExport({ log });
      figures.push(...r.figures);
      notes.trackingExport = r.notes;
    });

  if (wanted('tracking-print'))
    await attempt('tracking-print', async () => {
      const r = await benchTrackingPrint({ ...cfg.trackingPrint, log });
      figures.push(...r.figures);
      notes.trackingPrint = r.notes;
    });

  info.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  info.totalSeconds = Math.round((nowMs() - t0) / 1000);
  printTable(figures);
  for (const [name, err] of Object.entries(failures)) console.log(`\n${name} failed:\n${err}`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const out = path.join(OUT_DIR, 'sync.json');
  fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), config: cfg, machine: info, figures, notes, failures }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), out)} (${info.totalSeconds} s)`);
  if (Object.keys(failures).length) process.exitCode = 1;
}

function printTable(figures: Figure[]): void {
  const rows = [
    ['figure', 'p50', 'p99', 'throughput', 'target', 'met?'],
    ...figures.map((f) => [
      f.figure,
      f.p50 === null ? '–' : `${fmt(f.p50, f.unit === 's' ? 2 : 1)} ${f.unit}`,
      f.p99 === null ? '–' : `${fmt(f.p99, f.unit === 's' ? 2 : 1)} ${f.unit}`,
      f.throughput === null ? '–' : `${fmt(f.throughput, 0)} ${f.throughputUnit}`,
      f.target,
      f.met === null ? '–' : f.met ? 'yes' : 'NO',
    ]),
  ];
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + ' '.repeat(width[i]! - [...c].length)).join(' | ')} |`;
  console.log(`\n${line(rows[0]!)}`);
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

await main();
