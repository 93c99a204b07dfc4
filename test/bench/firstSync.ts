import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { callRecordsTable, customersTable } from '../../electron/core/store/tables';
import type { CallRecord } from '../../shared/domain/callRecord';
import type { Customer } from '../../shared/domain/customer';
import { applyChanges } from '../../electron/core/sync/apply';
import { mutationEnv } from '../../electron/core/write/env';
import { setMeta } from '../../electron/core/store/settings';
import { HubClient } from '../../electron/core/sync/hubClient';
import { MAX_PUSH_BATCH, type PullResponse, SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol';
import { ORG, openTestConsole, PASSWORD, rowCounts, TestClock, type TestConsole } from '../helpers/core';
import { type HubProcess, startHubProcess } from '../helpers/hub';
import { openStore } from '../../server/store';
import { HUB_DB_FILE } from '../../server/store/sqlite';
import { mutationDef, type MutationEnv, mutationEnvFrom, type SyncMutationName } from '../../shared/domain/mutations';
import type { Actor } from '../../shared/domain/mutation';
import type { OrganisationSettings } from '../../shared/domain/settings';
import { CALL_TAKERS, type Figure, loginAll, type Mut, nowMs, pct, RecordMaker, round, seedHub } from './lib';
import { type ProfileSummary, profiled } from './profile';

export interface FirstSyncOptions {
  records: number;
  /** Reuse a store-seeded hub database from an earlier run (bench-results/cache). */
  cache: boolean;
  /** Rows of the breakdown passes (a prefix of the snapshot; per-row costs are what it measures). */
  breakdownRows: number;
  seed: SeedPath;
  runs: number;
  log: (s: string) => void;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGE = 1000; // what SyncEngine.pullAll asks for (HubClient.pull's default)
/** Mutations per write transaction when seeding through the store API (fewer commits, same rows). */
const STORE_BATCH = 5000;
const DAY_MS = 86_400_000;

/** A console whose clock is the real one (a TestClock would stamp every record with the same time). */
function realClockConsole(dir?: string): TestConsole {
  const clock = new TestClock();
  clock.now = () => new Date();
  return openTestConsole(dir, clock);
}

async function freshConsole(workstation: string): Promise<TestConsole> {
  const c = realClockConsole();
  c.core.sync.stop();
  await c.ok('setup.initialize', { ...ORG, workstation, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  return c;
}

export type SeedPath = 'store' | 'push';

/**
 * The records, as the mutations consoles would push: 80 % call records (call.create + a call.update
 * that fills in and ends the form, as calls.answer + calls.save do), 20 % customers (customer.create),
 * spread over four clients (one per call-taking user), in batches of ≤ batchSize.
 */
function* seedBatches(records: number, clients: number, batchSize: number): Generator<{ client: number; maker: RecordMaker; batch: Mut[] }> {
  const customers = Math.round(records * 0.2);
  const calls = records - customers;
  const now = Date.now();
  const makers = Array.from({ length: clients }, (_, i) => new RecordMaker(`S0${i + 1}`, 1000 + i));
  const left = makers.map((_, i) => ({
    calls: Math.floor(calls / clients) + (i < calls % clients ? 1 : 0),
    customers: Math.floor(customers / clients) + (i < customers % clients ? 1 : 0),
    customerIds: [] as string[],
  }));
  for (let more = true; more; ) {
    more = false;
    for (let i = 0; i < clients; i++) {
      const maker = makers[i]!;
      const l = left[i]!;
      const batch: Mut[] = [];
      while (batch.length < batchSize - 1 && (l.calls > 0 || l.customers > 0)) {
        const at = new Date(now - Math.floor(maker.random() * 90 * DAY_MS));
        if (l.customers > 0 && (l.calls === 0 || maker.random() < customers / records)) {
          const m = maker.customerCreate(at);
          l.customerIds.push(m.customerId);
          batch.push(m.mut);
          l.customers--;
        } else {
          const cust = l.customerIds.length && maker.random() < 0.3 ? l.customerIds[Math.floor(maker.random() * l.customerIds.length)]! : null;
          const create = maker.callCreate(at, cust);
          batch.push(create.mut, maker.callUpdate(create.callId, new Date(at.getTime() + 120_000), true));
          l.calls--;
        }
      }
      if (batch.length) yield { client: i, maker, batch };
      if (l.calls > 0 || l.customers > 0) more = true;
    }
  }
}

/** Through the hub's real POST /sync/push: four clients pushing their batches concurrently. */
async function seedByPush(hubUrl: string, records: number) {
  const clients = await loginAll(hubUrl, 'S01');
  const queues: Mut[][][] = clients.map(() => []);
  const makers: RecordMaker[] = [];
  for (const { client, maker, batch } of seedBatches(records, clients.length, MAX_PUSH_BATCH)) {
    queues[client]!.push(batch);
    makers[client] = maker;
  }
  const batchMs: number[] = [];
  await Promise.all(
    clients.map(async (hub, i) => {
      for (const batch of queues[i]!) {
        const t = nowMs();
        const res = await hub.push({ clientId: makers[i]!.clientId, workstation: makers[i]!.workstation, mutations: batch });
        batchMs.push(nowMs() - t);
        const bad = res.acks.filter((a) => a.status !== 'applied');
        if (bad.length) throw new Error(`seeding: ${bad.length} mutations not applied, first: ${JSON.stringify(bad[0])}`);
      }
    }),
  );
  return batchMs;
}

/**
 * Through the hub's store API while the hub process is stopped: every mutation is applied with the
 * registry's domain function (createCallRecord / updateCallRecord / createCustomer) and written with
 * tx.putRow + tx.appendHistory in one write transaction per batch, the calls push makes for an
 * applied mutation (no HTTP, request validation, client binding or acks).
 */
async function seedByStore(dataDir: string, records: number) {
  const store = await openStore({ dataDir });
  const batchMs: number[] = [];
  try {
    const users = await store.read(async (tx) => Promise.all(CALL_TAKERS.map((u) => tx.getUserByUsername(u))));
    const actors: Actor[] = users.map((u) => ({ userId: u!.id, role: u!.role, displayName: u!.displayName }));
    const settings = (await store.read((tx) => tx.getRow('settings', 'organisation')))!.data as OrganisationSettings;
    const env: MutationEnv = mutationEnvFrom(settings);
    for (const { client, maker, batch } of seedBatches(records, actors.length, STORE_BATCH)) {
      const actor = actors[client]!;
      const t = nowMs();
      await store.write(async (tx) => {
        const state = new Map<string, unknown>();
        const now = new Date().toISOString();
        for (const m of batch) {
          const def = mutationDef(m.name as SyncMutationName);
          const id = def.idOf(m.args);
          const res = def.apply(state.get(id) ?? null, m.args, actor, env);
          if (!res.ok) throw new Error(`seeding: ${m.name} refused: ${res.reason}`);
          state.set(id, res.next);
          await tx.putRow(def.entity, id, res.next);
          const h = { id: `${maker.clientId}:${m.id}`, entity: def.entity, entityId: id, at: now, actorId: actor.userId, actorName: actor.displayName, action: m.name, changes: res.changes };
          await tx.appendHistory(h);
        }
      });
      batchMs.push(nowMs() - t);
    }
  } finally {
    await store.close();
  }
  return batchMs;
}

/** Bump when the seeding below changes what it writes. */
const SEED_VERSION = 1;

/**
 * Where a store-seeded hub database is kept between runs (bench-results/ is not committed). The key
 * covers the record count, SEED_VERSION and the sources that decide what the rows look like (the
 * domain, the hub's SQLite schema, the record maker), so a change to any of them seeds afresh.
 */
function cacheFile(records: number): string {
  const h = createHash('sha256').update(`seed-v${SEED_VERSION}:${records}`);
  const files = ['shared/domain', 'server/store/sqlite'].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => path.join(dir, f)),
  );
  for (const f of [...files, 'test/bench/lib.ts']) h.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  return path.join(ROOT, 'bench-results', 'cache', `hub-${records}-${h.digest('hex').slice(0, 12)}.sqlite`);
}

async function seedRecords(hub: HubProcess, records: number, seedPath: SeedPath, useCache: boolean, log: (s: string) => void) {
  const customers = Math.round(records * 0.2);
  const calls = records - customers;
  const mutations = calls * 2 + customers;
  const t0 = nowMs();
  let batchMs: number[] = [];
  let cached = false;
  const cache = cacheFile(records);
  const dbFile = path.join(hub.dataDir, HUB_DB_FILE);
  if (seedPath === 'push') batchMs = await seedByPush(hub.url, records);
  else {
    await hub.stop();
    if (useCache && fs.existsSync(cache)) {
      for (const ext of ['', '-wal', '-shm']) fs.rmSync(dbFile + ext, { force: true });
      fs.copyFileSync(cache, dbFile);
      cached = true;
    } else {
      batchMs = await seedByStore(hub.dataDir, records);
      if (useCache) {
        // The store was closed cleanly, so the file holds everything (no WAL).
        fs.mkdirSync(path.dirname(cache), { recursive: true });
        fs.copyFileSync(dbFile, `${cache}.tmp`);
        fs.renameSync(`${cache}.tmp`, cache);
      }
    }
    await hub.restart();
  }
  const seconds = (nowMs() - t0) / 1000;
  log(
    cached
      ? `  hub database with ${records} records taken from ${path.relative(ROOT, cache)} (BENCH_CACHE=0 seeds afresh)`
      : `  seeded ${records} records (${calls} calls, ${customers} customers) = ${mutations} mutations via ${seedPath} in ${seconds.toFixed(1)} s`,
  );
  return { calls, customers, mutations, seconds, batchMs, cached };
}

/** Frames whose inclusive time the console profile reports (sqliteTransaction: better-sqlite3's wrapper, i.e. BEGIN … COMMIT). */
const JOIN_FRAMES = ['pullAll', 'sqliteTransaction', 'applyChanges', 'rebase', 'upsert', 'toRow', 'prepare', 'run', 'get', 'all', 'mutationEnv', 'saveCustomer', 'request'];

/** Per pull request of the engine: hub time (request → response headers) and console time (→ next request). */
function splitPages(pages: { start: number; headers: number }[]) {
  let hubMs = 0;
  let consoleMs = 0;
  const work: number[] = [];
  for (let i = 0; i < pages.length; i++) {
    hubMs += pages[i]!.headers - pages[i]!.start;
    if (i + 1 < pages.length) {
      const w = pages[i + 1]!.start - pages[i]!.headers;
      consoleMs += w;
      work.push(w);
    }
  }
  const tenth = Math.max(1, Math.floor(work.length / 10));
  const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 1) : null);
  return {
    hubMs: Math.round(hubMs),
    consoleMs: Math.round(consoleMs),
    hubMsPerPage: { p50: round(pct(pages.map((p) => p.headers - p.start), 50)), p99: round(pct(pages.map((p) => p.headers - p.start), 99)) },
    consoleMsPerPage: { p50: round(pct(work, 50)), p99: round(pct(work, 99)), first10pct: mean(work.slice(0, tenth)), last10pct: mean(work.slice(-tenth)) },
  };
}

/** HTTP + hub only: every page as text (what the console's fetch receives), then JSON.parse separately. */
async function fetchPages(hubUrl: string, token: string, maxRows: number) {
  const pages: string[] = [];
  let httpMs = 0;
  let parseMs = 0;
  let rows = 0;
  let bytes = 0;
  let cursor = 0;
  for (;;) {
    const t = nowMs();
    const res = await fetch(`${hubUrl}/sync/pull?cursor=${cursor}&limit=${PAGE}`, {
      headers: { authorization: `Bearer ${token}`, [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) },
    });
    const text = await res.text();
    const t2 = nowMs();
    const page = JSON.parse(text) as PullResponse;
    parseMs += nowMs() - t2;
    httpMs += t2 - t;
    pages.push(text);
    rows += page.changes.length;
    bytes += Buffer.byteLength(text);
    cursor = page.cursor;
    if (!page.hasMore || rows >= maxRows) break;
  }
  return { pages, httpMs, parseMs, rows, bytes };
}

/**
 * Lower bounds for the store side, on the same pages.
 * 'same rows': every row written as applyChanges writes it, but with statements prepared once and
 *   straight from the pulled object (no re-read of sync_base, no rebase: a fresh workstation has no
 *   pending mutations), one transaction per page.
 * 'records only': only the record tables (no sync_base copy, no history rows), with the secondary
 *   indexes of call_records / customers / customer_phones dropped first and built once at the end.
 */
function floorApply(db: Database.Database, pages: PullResponse[], variant: 'same rows' | 'records only'): number {
  const minimal = variant === 'records only';
  const cols = (t: { toRow(r: never): Record<string, unknown> }, sample: unknown) => Object.keys(t.toRow(sample as never));
  const upsertSql = (table: string, c: string[]) =>
    `INSERT INTO ${table} (${c.join(', ')}) VALUES (${c.map((x) => `@${x}`).join(', ')}) ON CONFLICT(id) DO UPDATE SET ${c
      .filter((x) => x !== 'id')
      .map((x) => `${x} = excluded.${x}`)
      .join(', ')}`;
  const firstOf = (entity: string) => pages.flatMap((p) => p.changes).find((ch) => ch.entity === entity)?.data;
  const call = firstOf('call');
  const cust = firstOf('customer');
  const putBase = db.prepare('INSERT INTO sync_base (entity, id, seq, data) VALUES (?, ?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET seq = excluded.seq, data = excluded.data');
  const putCall = call ? db.prepare(upsertSql('call_records', cols(callRecordsTable, call))) : null;
  const putCustomer = cust ? db.prepare(upsertSql('customers', cols(customersTable, cust))) : null;
  const delPhones = db.prepare('DELETE FROM customer_phones WHERE customer_id = ?');
  const putPhone = db.prepare('INSERT INTO customer_phones (customer_id, normalized, local) VALUES (?, ?, ?)');
  const putHistory = db.prepare('INSERT OR REPLACE INTO history (id, entity, entity_id, at, actor_id, actor_name, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const cursor = db.prepare("INSERT INTO meta (key, value) VALUES ('sync_cursor', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('call_records', 'customers', 'customer_phones')")
    .all() as { name: string; sql: string }[];
  const t = nowMs();
  if (minimal) for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  for (const page of pages) {
    db.transaction(() => {
      for (const ch of page.changes) {
        if (ch.entity === 'call') {
          if (!minimal) putBase.run(ch.entity, ch.id, ch.seq, JSON.stringify(ch.data));
          putCall!.run(callRecordsTable.toRow(ch.data as CallRecord));
        } else if (ch.entity === 'customer') {
          const c = ch.data as Customer;
          if (!minimal) putBase.run(ch.entity, ch.id, ch.seq, JSON.stringify(c));
          putCustomer!.run(customersTable.toRow(c));
          delPhones.run(c.id);
          for (const p of c.phones) putPhone.run(c.id, p.normalized, p.local);
        } else if (ch.entity === 'history' && !minimal) {
          const h = ch.data as { id: string; entity: string; entityId: string; at: string; actorId: string; actorName: string; action: string; changes: unknown };
          putHistory.run(h.id, h.entity, h.entityId, h.at, h.actorId, h.actorName, h.action, JSON.stringify(h.changes));
        }
      }
      cursor.run(String(page.cursor));
    })();
  }
  if (minimal) for (const ix of indexes) db.exec(ix.sql);
  return nowMs() - t;
}

export async function benchFirstSync(opts: FirstSyncOptions): Promise<{ figures: Figure[]; notes: Record<string, unknown> }> {
  const { log } = opts;
  const hub = await startHubProcess();
  const cleanup: TestConsole[] = [];
  try {
    await seedHub(hub.url);
    const seed = await seedRecords(hub, opts.records, opts.seed, opts.cache, log);

    // The figure: a fresh workstation joins (sync.join = login, /org, full paged pull into SQLite).
    const joins: number[] = [];
    let counts: Record<string, number> = {};
    let pages: { start: number; headers: number }[] = [];
    let joinProfile: ProfileSummary | null = null;
    for (let r = 0; r < opts.runs; r++) {
      const c = await freshConsole(`N0${r + 1}`);
      // Timestamps of the engine's pull requests (start, response headers): what is left between one
      // page's response and the next request is console work (body, JSON.parse, applyChanges, commit).
      const seen: { start: number; headers: number }[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = async (input, init) => {
        const start = nowMs();
        const res = await realFetch(input, init);
        if (String(input).includes('/sync/pull')) seen.push({ start, headers: nowMs() });
        return res;
      };
      let ms = 0;
      let status: { error: string | null };
      try {
        // The first run also samples the console's CPU (1 ms interval, a few % overhead).
        const join = async () => {
          const t = nowMs();
          const st = await c.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD });
          ms = nowMs() - t;
          return st;
        };
        if (r === 0) {
          const p = await profiled(join, JOIN_FRAMES, 1000);
          status = p.result;
          joinProfile = p.summary;
        } else status = await join();
      } finally {
        globalThis.fetch = realFetch;
      }
      c.core.sync.stop();
      if (status.error) throw new Error(`first sync failed: ${status.error}`);
      counts = rowCounts(c.core);
      if (counts.call_records !== seed.calls || counts.customers !== seed.customers)
        throw new Error(`first sync incomplete: ${counts.call_records}/${seed.calls} calls, ${counts.customers}/${seed.customers} customers`);
      joins.push(ms);
      if (r === 0) pages = seen;
      log(`  run ${r + 1}: sync.join of ${opts.records} records took ${(ms / 1000).toFixed(2)} s (${seen.length} pull requests)`);
      c.close();
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
    const pageSplit = splitPages(pages);
    log(
      `  run 1 split: waiting for the hub ${(pageSplit.hubMs / 1000).toFixed(1)} s, console work ${(pageSplit.consoleMs / 1000).toFixed(1)} s;` +
        ` console ms/page first 10 % ${pageSplit.consoleMsPerPage.first10pct}, last 10 % ${pageSplit.consoleMsPerPage.last10pct}`,
    );

    // Breakdown 1: the hub and HTTP alone (no store), pages kept as text.
    const { token } = await new HubClient(hub.url).login('admin', PASSWORD, 'P01');
    const fetched = await fetchPages(hub.url, token, opts.breakdownRows);
    log(
      `  breakdown: hub+HTTP ${(fetched.httpMs / 1000).toFixed(2)} s, JSON.parse ${(fetched.parseMs / 1000).toFixed(2)} s for ${fetched.rows} rows / ${(fetched.bytes / 1e6).toFixed(0)} MB`,
    );

    // Breakdown 2: the store alone: the engine's page transaction (applyChanges + cursor) on pages already parsed.
    const c = await freshConsole('P01');
    cleanup.push(c);
    const ctx = c.core.context;
    // What sync.join does to a local account whose username the hub's users take.
    ctx.db.prepare("UPDATE users SET username = username || '~local', active = 0").run();
    const parsed = fetched.pages.map((p) => JSON.parse(p) as PullResponse);
    fetched.pages.length = 0;
    const { result: applyMs, summary } = await profiled(async () => {
      const t = nowMs();
      for (const page of parsed) {
        ctx.db.transaction(() => {
          applyChanges(ctx.db, page.changes, () => mutationEnv(ctx));
          setMeta(ctx.db, 'sync_cursor', String(page.cursor));
        })();
      }
      return nowMs() - t;
    }, JOIN_FRAMES);
    log(`  breakdown: applyChanges into SQLite ${(applyMs / 1000).toFixed(2)} s (profiled)`);

    // Breakdown 3: the floor for the store side (statements prepared once, no re-read, no rebase).
    const f = await freshConsole('P02');
    cleanup.push(f);
    const floorMs = floorApply(f.core.context.db, parsed, 'same rows');
    const m = await freshConsole('P03');
    cleanup.push(m);
    const minimalMs = floorApply(m.core.context.db, parsed, 'records only');
    const subsetRecords = parsed.reduce((n, p) => n + p.changes.filter((ch) => ch.entity === 'call' || ch.entity === 'customer').length, 0);
    log(
      `  breakdown: floor, same rows prepared once without rebase ${(floorMs / 1000).toFixed(2)} s; records only, indexes built after ${(minimalMs / 1000).toFixed(2)} s`,
    );

    const totalRows = opts.records + seed.mutations; // one row per record + one history row per mutation (+ users, settings)
    const perRowUs = (ms: number) => round((ms * 1000) / fetched.rows, 1)!;
    const p50 = pct(joins, 50)! / 1000;
    const p99 = pct(joins, 99)! / 1000;
    const figures: Figure[] = [
      {
        figure: `first sync of ${opts.records.toLocaleString('en-US')} records (sync.join, SQLite hub)`,
        unit: 's',
        p50: round(p50, 2),
        p99: round(p99, 2),
        throughput: Math.round(opts.records / p50),
        throughputUnit: 'records/s',
        target: 'p99 ≤ 2 s',
        met: p99 <= 2,
        samples: joins.length,
        notes: { rows: totalRows, rowsPerSecond: Math.round(totalRows / p50), localRowCounts: counts },
      },
    ];
    if (!seed.cached)
      figures.push({
        figure: `seed: ${opts.seed === 'push' ? `POST /sync/push, batches of ${MAX_PUSH_BATCH}` : `hub store API, batches of ${STORE_BATCH}`} (SQLite hub)`,
        unit: 'ms',
        p50: round(pct(seed.batchMs, 50)),
        p99: round(pct(seed.batchMs, 99)),
        throughput: Math.round(seed.mutations / seed.seconds),
        throughputUnit: 'mutations/s',
        target: '–',
        met: null,
        samples: seed.batchMs.length,
      });
    const perRow = {
      hubAndHttp: perRowUs(fetched.httpMs),
      jsonParse: perRowUs(fetched.parseMs),
      applyChanges: perRowUs(applyMs),
      floorApply: perRowUs(floorMs),
    };
    const recordsOnlyUsPerRecord = round((minimalMs * 1000) / subsetRecords, 1)!;
    const notes = {
      seed: {
        calls: seed.calls,
        customers: seed.customers,
        mutations: seed.mutations,
        seconds: round(seed.seconds, 1),
        cached: seed.cached,
        path: opts.seed === 'push' ? 'POST /sync/push, 4 clients concurrently' : 'hub store API (domain apply + putRow + appendHistory), hub stopped',
      },
      joinMs: joins.map((x) => Math.round(x)),
      run1: { pullRequests: pages.length, ...pageSplit, consoleProfile: joinProfile },
      breakdown: {
        rows: fetched.rows,
        pages: parsed.length,
        bytesPerRow: Math.round(fetched.bytes / fetched.rows),
        microsecondsPerRow: perRow,
        extrapolatedSeconds: Object.fromEntries(Object.entries(perRow).map(([k, us]) => [k, round((us * totalRows) / 1e6, 1)])),
        recordsOnly: {
          records: subsetRecords,
          microsecondsPerRecord: recordsOnlyUsPerRecord,
          extrapolatedSeconds: round((recordsOnlyUsPerRecord * opts.records) / 1e6, 1),
        },
        applyProfile: summary,
      },
    };
    return { figures, notes };
  } finally {
    for (const c of cleanup) {
      c.close();
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
    await hub.stop();
    fs.rmSync(hub.dataDir, { recursive: true, force: true });
  }
}
