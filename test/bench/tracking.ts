import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { makePools } from '../../electron/core/demo/data';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { startHost } from '../../electron/core/host/server';
import { type Core, openCore } from '../../electron/core/index';
import { customerHandlers } from '../../electron/core/services/customers';
import { resolveSession } from '../../electron/core/store/sessions';
import { type Figure, nowMs, pct, round } from './lib';

/**
 * Issue 6 figures: saving a call (against a bare INSERT), caller lookup, Chinese search over the call
 * records, the tracking-sheet query, and the same lookup and sheet query through the browser host's
 * /rpc bridge, all on one bulk demo store (1M customers, 1M calls, 200k complaints by default).
 */
export interface TrackingOptions {
  customers: number;
  calls: number;
  complaints: number;
  /** Timed samples per figure (after a warm-up). */
  samples: number;
  cache: boolean;
  log: (s: string) => void;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = 20261122;

/** The store depends on the schema, the demo generator and the index writers: any change seeds afresh. */
function storeKey(o: TrackingOptions): string {
  const h = createHash('sha256').update(JSON.stringify([o.customers, o.calls, o.complaints, SEED]));
  const files = [
    // Recursively: migrations/lib holds the data steps of some migrations.
    ...['electron/core/db/migrations', 'electron/core/demo'].flatMap((d) =>
      fs
        .readdirSync(path.join(ROOT, d), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name))),
    ),
    ...['callIndex.ts', 'complaintIndex.ts', 'table.ts', 'tables.ts'].map((f) => path.join('electron/core/store', f)),
  ].sort();
  for (const f of files) h.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  return h.digest('hex').slice(0, 12);
}

/**
 * The bulk demo store, kept in bench-results/cache and used in place: a run adds a few hundred calls,
 * audit rows and sessions to it, which a million-record store does not notice. BENCH_CACHE=0 seeds again.
 */
async function store(o: TrackingOptions): Promise<{ dir: string; seeded: boolean; seconds: number }> {
  const dir = path.join(ROOT, 'bench-results', 'cache', `tracking-${o.customers}-${o.calls}-${o.complaints}-${storeKey(o)}`);
  if (o.cache && fs.existsSync(path.join(dir, 'hotline.sqlite'))) return { dir, seeded: false, seconds: 0 };
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  const t = nowMs();
  await bulkDemo({ dataDir: tmp, customers: o.customers, calls: o.calls, complaints: o.complaints, seed: SEED, log: (l) => o.log(`  seed: ${l}`) });
  fs.renameSync(tmp, dir);
  return { dir, seeded: true, seconds: (nowMs() - t) / 1000 };
}

interface Timed {
  p50: number | null;
  p99: number | null;
  samples: number;
}

const ms = (xs: number[]): Timed => ({ p50: round(pct(xs, 50), 3), p99: round(pct(xs, 99), 3), samples: xs.length });

/** Times fn over the items, after a warm-up of a tenth of them (at least 10). */
async function timeEach<T>(items: T[], fn: (x: T) => Promise<unknown> | unknown): Promise<number[]> {
  for (const x of items.slice(0, Math.max(10, Math.floor(items.length / 10)))) await fn(x);
  const out: number[] = [];
  for (const x of items) {
    const t = nowMs();
    await fn(x);
    out.push(nowMs() - t);
  }
  return out;
}

function figure(name: string, t: Timed, target: string, limit: number | null, notes?: Record<string, unknown>): Figure {
  return {
    figure: name,
    unit: 'ms',
    p50: t.p50,
    p99: t.p99,
    throughput: null,
    throughputUnit: '',
    target,
    met: limit === null || t.p99 === null ? null : t.p99 <= limit,
    samples: t.samples,
    ...(notes ? { notes } : {}),
  };
}

type Invoke = (method: string, params: unknown) => Promise<unknown>;

async function login(core: Core, username: string): Promise<{ invoke: Invoke; token: string }> {
  let token: string | null = null;
  const invoke: Invoke = async (method, params) => {
    const out = await core.invoke(token, method, params);
    if (out.token !== undefined) token = out.token;
    if (!out.envelope.ok) throw new Error(`${method}: ${JSON.stringify(out.envelope.error)}`);
    return out.envelope.result;
  };
  await invoke('auth.login', { username, password: DEMO_PASSWORD });
  return { invoke, token: token! };
}

/** Common and rare search terms (the rare ones checked), with their match counts. */
function searchTerms(db: Database.Database): { label: string; q: string; hits: number }[] {
  const hits = (q: string) => {
    const table = Array.from(q).length >= 3 ? 'calls_fts' : 'calls_grams';
    return db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(`"${q}"`) as number;
  };
  const calls = db.prepare('SELECT count(*) FROM call_records').pluck().get() as number;
  // From a name of the demo's pool (faker zh_CN): a term with a few dozen hits, the hard case for an index
  // of two-character tokens. Given names (the last two characters of a three-character name) and full
  // four-character names.
  const names = makePools(SEED).names;
  const rareOf = (len: number, fallback: string) => {
    for (const name of names) {
      const chars = Array.from(name);
      if (chars.length !== len + (len === 2 ? 1 : 0)) continue;
      const q = chars.slice(-len).join('');
      const h = hits(q);
      if (h > 0 && h <= Math.max(50, calls / 5000)) return q;
    }
    return fallback;
  };
  return [
    { label: '2 chars, common', q: '检测' },
    { label: '2 chars, rare (vocabulary)', q: '英文' },
    { label: '2 chars, rare (a given name)', q: rareOf(2, '英文') },
    { label: '4 chars, common', q: '检测报告' },
    { label: '4 chars, rare (vocabulary)', q: '英文版本' },
    { label: '4 chars, rare (a full name)', q: rareOf(4, '英文版本') },
  ].map((t) => ({ ...t, hits: hits(t.q) }));
}

export async function benchTracking(o: TrackingOptions): Promise<{ figures: Figure[]; notes: Record<string, unknown> }> {
  const figures: Figure[] = [];
  const notes: Record<string, unknown> = {};
  const st = await store(o);
  o.log(st.seeded ? `  seeded ${path.relative(ROOT, st.dir)} in ${st.seconds.toFixed(0)} s` : `  store from ${path.relative(ROOT, st.dir)} (BENCH_CACHE=0 seeds afresh)`);
  notes.store = { dir: path.relative(ROOT, st.dir), seededSeconds: st.seeded ? round(st.seconds, 0) : null };
  const n = o.samples;

  const core = openCore({ dataDir: st.dir, sync: false });
  const db = core.context.db;
  try {
    const counts = Object.fromEntries(
      ['customers', 'customer_phones', 'call_records', 'complaints'].map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
    );
    notes.rows = counts;
    o.log(`  rows: ${JSON.stringify(counts)}; synchronous=${db.pragma('synchronous', { simple: true })}`);
    const agent = await login(core, 'agent');
    const lead = await login(core, 'lead');

    // ---- saving a call, against a bare INSERT on the same disk with the same synchronous setting ----
    const floorDb = new Database(path.join(st.dir, 'floor.sqlite'));
    floorDb.pragma('journal_mode = WAL');
    floorDb.pragma(`synchronous = ${db.pragma('synchronous', { simple: true })}`);
    floorDb.exec('DROP TABLE IF EXISTS t; CREATE TABLE t (id TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT');
    const floorIns = floorDb.prepare('INSERT INTO t (id, data) VALUES (?, ?)');
    const payload = '客户来电咨询纺织品色牢度检测的周期和费用,已告知一般五个工作日出具报告。'.repeat(8);
    const answered: string[] = [];
    for (let i = 0; i < n + Math.max(10, n / 10); i++) answered.push(((await agent.invoke('calls.answer', { phone: `1380013${String(i).padStart(4, '0')}` })) as { id: string }).id);
    const saves: number[] = [];
    const floor: number[] = [];
    let k = 0;
    // Interleaved, so that both see the same disk at the same moments.
    await timeEach(answered, async (id) => {
      const fields = { callerName: '孙先生', category: 'consultation', content: `咨询羊绒围巾起球检测的周期和费用(第${k}次)`, answeredOnSpot: true, satisfaction: 5 };
      let t = nowMs();
      await agent.invoke('calls.save', { id, fields, end: true });
      saves.push(nowMs() - t);
      t = nowMs();
      floorIns.run(`f${k++}`, payload);
      floor.push(nowMs() - t);
    });
    const warm = Math.max(10, Math.floor(answered.length / 10));
    const save = ms(saves.slice(warm));
    const bare = ms(floor.slice(warm));
    floorDb.close();
    fs.rmSync(path.join(st.dir, 'floor.sqlite'), { force: true });
    fs.rmSync(path.join(st.dir, 'floor.sqlite-wal'), { force: true });
    fs.rmSync(path.join(st.dir, 'floor.sqlite-shm'), { force: true });
    // The same save with the disk taken out (synchronous=OFF): what the save costs the CPU.
    const more: string[] = [];
    for (let i = 0; i < n + Math.max(10, n / 10); i++) more.push(((await agent.invoke('calls.answer', { phone: `1390013${String(i).padStart(4, '0')}` })) as { id: string }).id);
    db.pragma('synchronous = OFF');
    let m = 0;
    const cpu = ms(
      await timeEach(more, (id) =>
        agent.invoke('calls.save', { id, fields: { callerName: '孙先生', category: 'consultation', content: `咨询羊绒围巾起球检测的周期和费用(${m++})`, answeredOnSpot: true, satisfaction: 5 }, end: true }),
      ),
    );
    db.pragma('synchronous = FULL');
    const ratio = save.p99 !== null && bare.p99 ? round(save.p99 / bare.p99, 1) : null;
    figures.push(figure('floor: bare single-row INSERT, same synchronous (FULL), same disk', bare, 'reference', null));
    figures.push({
      ...figure('save a call (calls.save: row + history + outbox + search index, durable)', save, 'p99 ≤ 1 ms and ≤ 3× floor', null),
      met: save.p99 !== null && bare.p99 !== null ? save.p99 <= 1 && save.p99 <= 3 * bare.p99 : null,
      notes: { ratioP99: ratio, ratioP50: save.p50 !== null && bare.p50 ? round(save.p50 / bare.p50, 1) : null },
    });
    figures.push(figure('  of which CPU: the same save with synchronous=OFF', cpu, '–', null));
    o.log(`  save p50 ${save.p50} / p99 ${save.p99} ms; floor p50 ${bare.p50} / p99 ${bare.p99} ms; p99 ratio ${ratio}; CPU p50 ${cpu.p50} / p99 ${cpu.p99} ms`);

    // ---- caller lookup ----
    const phones = db
      .prepare('SELECT normalized FROM customer_phones ORDER BY random() LIMIT ?')
      .pluck()
      .all(n + Math.max(10, n / 10)) as string[];
    const full = ms(await timeEach(phones, (p) => agent.invoke('customers.lookup', { phone: p })));
    figures.push(figure('caller lookup by full number (customers.lookup, core)', full, 'p99 ≤ 0.5 ms', 0.5));
    const last4 = ms(await timeEach(phones, (p) => agent.invoke('customers.search', { q: p.slice(-4) })));
    figures.push(figure('caller lookup by last 4 digits (customers.search, core)', last4, 'p99 ≤ 0.5 ms', 0.5));
    // Where a read's time goes: the handler itself, and what every invoke adds (validation, the session
    // read; its slide is a durable write at most once a minute), measured as the cheapest method there is.
    const session = resolveSession(core.context, agent.token);
    const handler = ms(await timeEach(phones, (p) => customerHandlers['customers.lookup']({ ctx: core.context, session, params: { phone: p } })));
    figures.push(figure('  of which: the lookup handler alone (queries + audit rows)', handler, '–', null));
    const perCall = ms(await timeEach(phones, () => agent.invoke('auth.session', {})));
    figures.push(figure('  of which: any invoke (auth.session: session read; the slide is written once a minute)', perCall, '–', null));
    o.log(`  lookup full p99 ${full.p99} ms (handler ${handler.p99}), last 4 p99 ${last4.p99} ms, invoke floor p99 ${perCall.p99} ms`);

    // ---- search ----
    const terms = searchTerms(db);
    notes.searchTerms = terms;
    for (const t of terms) {
      let total = 0;
      const r = ms(
        await timeEach(Array.from({ length: n }, () => t.q), async (q) => {
          total = ((await lead.invoke('calls.list', { q, limit: 50, includeVoided: true })) as { total: number }).total;
        }),
      );
      figures.push(figure(`search "${t.q}": ${t.label}, ${t.hits.toLocaleString('en-US')} matches (calls.list, core)`, r, 'p99 ≤ 20 ms', 20, { hits: t.hits, shownTotal: total }));
      o.log(`  search ${t.label} "${t.q}" (${t.hits} hits): p50 ${r.p50} / p99 ${r.p99} ms`);
    }
    const asAgent = ms(await timeEach(Array.from({ length: n }, () => '检测'), (q) => agent.invoke('calls.list', { q, limit: 50, includeVoided: true })));
    figures.push(figure('search "检测" as an agent (confidential records of others restricted)', asAgent, 'p99 ≤ 20 ms', 20));

    // ---- tracking sheet ----
    const views: { label: string; view: Record<string, unknown> }[] = [
      { label: 'default (newest first)', view: {} },
      { label: 'open, by next deadline', view: { status: ['registered', 'in_handling', 'handled', 'awaiting_approval'], sort: 'nextDeadline', dir: 'asc' } },
      { label: 'all, latest deadline first', view: { sort: 'nextDeadline', dir: 'desc' } },
      { label: 'major + overdue', view: { severity: ['major'], overdue: true } },
      { label: 'search "退款"', view: { q: '退款' } },
      { label: 'channel = fax', view: { channel: 'fax' } },
    ];
    const sheet: Record<string, Timed> = {};
    for (const v of views) {
      const r = ms(await timeEach(Array.from({ length: n }, () => v.view), (view) => lead.invoke('tracking.query', { ...view, limit: 100 })));
      sheet[v.label] = r;
      figures.push(figure(`sheet: ${v.label} (tracking.query, first 100 + count, core)`, r, 'p99 ≤ 10 ms', 10));
      o.log(`  sheet ${v.label}: p50 ${r.p50} / p99 ${r.p99} ms`);
    }
  } finally {
    core.close();
  }

  // ---- the same through the browser host's /rpc bridge ----
  const host = await startHost({ dataDir: st.dir, port: 0, rendererDir: path.join(ROOT, 'bench-results', 'no-renderer'), logLevel: 'silent' });
  host.core.sync.stop();
  const agentHttp = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { port } = new URL(host.url);
  let cookie = '';
  const rpc = (method: string, params: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const body = JSON.stringify(params);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/rpc/${method}`,
          method: 'POST',
          agent: agentHttp,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-hotline': '1', origin: host.url, ...(cookie ? { cookie } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const set = res.headers['set-cookie']?.[0];
            if (set) cookie = set.split(';')[0]!;
            const out = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; result?: unknown; error?: unknown };
            if (out.ok) resolve(out.result);
            else reject(new Error(`${method}: ${JSON.stringify(out.error)}`));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    const hdb = host.core.context.db;
    const phones = hdb
      .prepare('SELECT normalized FROM customer_phones ORDER BY random() LIMIT ?')
      .pluck()
      .all(n + Math.max(10, n / 10)) as string[];
    await rpc('auth.login', { username: 'lead', password: DEMO_PASSWORD });
    const lookup = ms(await timeEach(phones, (p) => rpc('customers.lookup', { phone: p })));
    figures.push(figure('caller lookup by full number, through /rpc', lookup, 'p99 ≤ 5 ms', 5));
    const last4 = ms(await timeEach(phones, (p) => rpc('customers.search', { q: p.slice(-4) })));
    figures.push(figure('caller lookup by last 4 digits, through /rpc', last4, 'p99 ≤ 5 ms', 5));
    const sheetDefault = ms(await timeEach(Array.from({ length: n }, () => ({})), (v) => rpc('tracking.query', { ...v, limit: 100 })));
    figures.push(figure('sheet: default view, through /rpc', sheetDefault, 'p99 ≤ 20 ms', 20));
    const sheetDeadline = ms(
      await timeEach(Array.from({ length: n }, () => ({ status: ['registered', 'in_handling', 'handled', 'awaiting_approval'], sort: 'nextDeadline', dir: 'asc' })), (v) =>
        rpc('tracking.query', { ...v, limit: 100 }),
      ),
    );
    figures.push(figure('sheet: open, by next deadline, through /rpc', sheetDeadline, 'p99 ≤ 20 ms', 20));
    o.log(`  bridge: lookup p99 ${lookup.p99} ms, last 4 p99 ${last4.p99} ms, sheet p99 ${sheetDefault.p99} / ${sheetDeadline.p99} ms`);
  } finally {
    agentHttp.destroy();
    await host.close();
  }
  return { figures, notes };
}
