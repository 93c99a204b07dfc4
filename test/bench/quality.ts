import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { type Core, openCore } from '../../electron/core/index';
import { attendanceHandlers } from '../../electron/core/services/attendance';
import { qualityHandlers } from '../../electron/core/services/quality';
import { createSession, resolveSession, type Session } from '../../electron/core/store/sessions';
import { userByUsername } from '../../electron/core/store/users';
import { addLocalDays, isWorkingDay } from '../../shared/domain/calendar';
import { shiftInstant } from '../../shared/domain/attendance';
import { BUILT_IN_SCORECARD } from '../../shared/domain/scorecardDefaults';
import { type Figure, nowMs, pct, round } from './lib';

/**
 * Issue 15 figures, on a bulk demo store of 1M calls over the last year taken by 200 agents:
 * (a) drawing a month's QA sample (qa.draw: every agent's calls, complaints and callbacks of an ended
 * month, 10% each, one qa.draw mutation per agent in one transaction), once per ended month of the
 * store; (b) the team's scorecards (appraisal.team) for the 200 agents over one month, with a month of
 * sign-ins and a third of the sample reviewed. Each beside its floor measured in the same run: a bare
 * SELECT of the month's calls (id, agent) on the same connection, and for (b) the same with a GROUP BY
 * agent. Targets: each ≤ 1 s (figures, not tests).
 */
export interface QualityBenchOptions {
  customers: number;
  calls: number;
  complaints: number;
  agents: number;
  /** Timed appraisal.team runs (after a warm-up). */
  samples: number;
  cache: boolean;
  log: (s: string) => void;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = 20261122;
/** The store's present, pinned so the months it holds are the same whenever it was seeded: Tuesday 8 December 2026, 10:00 in Beijing. */
const NOW = Date.parse('2026-12-08T02:00:00.000Z');
const MONTH = '2026-11';
const DAYS = 365;

function storeKey(o: QualityBenchOptions): string {
  const h = createHash('sha256').update(JSON.stringify([o.customers, o.calls, o.complaints, o.agents, SEED, NOW, DAYS]));
  const files = [
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
 * The bulk store is seeded once and kept in bench-results/cache; each run works on a copy, because a
 * draw writes the sample and a second draw of the same month adds nothing (it would time a no-op).
 * The bulletin's bench (test/bench/bulletin.ts) works on the same store, in its own `run` folder.
 */
export async function workingCopy(o: QualityBenchOptions, run = 'quality-run'): Promise<{ dir: string; base: string; seeded: boolean; seconds: number }> {
  const base = path.join(ROOT, 'bench-results', 'cache', `quality-${o.calls}-${o.complaints}-${o.agents}-${storeKey(o)}`);
  let seeded = false;
  const t = nowMs();
  if (!o.cache || !fs.existsSync(path.join(base, 'hotline.sqlite'))) {
    const tmp = `${base}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(base, { recursive: true, force: true });
    await bulkDemo({ dataDir: tmp, customers: o.customers, calls: o.calls, complaints: o.complaints, agents: o.agents, days: DAYS, now: NOW, seed: SEED, log: (l) => o.log(`  seed: ${l}`) });
    fs.renameSync(tmp, base);
    seeded = true;
  }
  const dir = path.join(ROOT, 'bench-results', 'cache', run);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Closing the core checkpointed the WAL: the main file is the whole store.
  fs.copyFileSync(path.join(base, 'hotline.sqlite'), path.join(dir, 'hotline.sqlite'));
  return { dir, base, seeded, seconds: (nowMs() - t) / 1000 };
}

interface Timed {
  p50: number | null;
  p99: number | null;
  samples: number;
}
const ms = (xs: number[]): Timed => ({ p50: round(pct(xs, 50), 1), p99: round(pct(xs, 99), 1), samples: xs.length });

function figure(name: string, t: Timed, target: string, limitMs: number | null, notes?: Record<string, unknown>): Figure {
  return {
    figure: name,
    unit: 'ms',
    p50: t.p50,
    p99: t.p99,
    throughput: null,
    throughputUnit: '',
    target,
    met: limitMs === null || t.p99 === null ? null : t.p99 <= limitMs,
    samples: t.samples,
    ...(notes ? { notes } : {}),
  };
}

const monthRange = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(shiftInstant(`${month}-01`, '00:00')).toISOString(), to: new Date(shiftInstant(`${next}-01`, '00:00') - 1).toISOString() };
};

/** The ended months the store holds whole (its year starts part-way through a month). */
function wholeMonths(): string[] {
  const out: string[] = [];
  let month = MONTH;
  while (shiftInstant(`${month}-01`, '00:00') >= NOW - DAYS * 86_400_000) {
    out.unshift(month);
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  return out;
}

/** A session straight from the store: a login per agent would spend the preparation in scrypt. */
function sessionOf(core: Core, username: string): { session: Session; token: string } {
  const user = userByUsername(core.context.db, username);
  if (!user) throw new Error(`no user ${username}`);
  const { token } = createSession(core.context, user);
  return { session: resolveSession(core.context, token), token };
}

/** Through the dispatcher, as the screens ask (validation, the role check, the audit row of a read). */
async function invoke<T>(core: Core, token: string, method: string, params: unknown): Promise<T> {
  const out = await core.invoke(token, method, params);
  if (!out.envelope.ok) throw new Error(`${method}: ${JSON.stringify(out.envelope.error)}`);
  return out.envelope.result as T;
}

export async function benchQuality(o: QualityBenchOptions): Promise<{ figures: Figure[]; notes: Record<string, unknown> }> {
  const figures: Figure[] = [];
  const notes: Record<string, unknown> = {};
  const st = await workingCopy(o);
  o.log(`  ${st.seeded ? 'seeded' : 'store from'} ${path.relative(ROOT, st.base)}; working copy in ${st.seconds.toFixed(0)} s`);
  notes.store = { base: path.relative(ROOT, st.base), seededThisRun: st.seeded, preparedSeconds: round(st.seconds, 0) };

  let t = NOW;
  const core = openCore({ dataDir: st.dir, sync: false, now: () => new Date(t) });
  const db = core.context.db;
  try {
    const ctx = core.context;
    const count = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
    notes.rows = {
      calls: count('SELECT count(*) FROM call_records'),
      complaints: count('SELECT count(*) FROM complaints'),
      agents: count("SELECT count(*) FROM users WHERE role = 'agent'"),
    };
    const inspector = sessionOf(core, 'zhijian');
    const lead = sessionOf(core, 'lead');
    const floorStmt = db.prepare('SELECT id, agent_id FROM call_records WHERE answered_at BETWEEN ? AND ?');

    // ---- (a) the draw, once per whole month, each beside the bare read of that month's calls ----
    const draws: number[] = [];
    const floors: number[] = [];
    const perMonth: Record<string, unknown>[] = [];
    for (const month of wholeMonths()) {
      const { from, to } = monthRange(month);
      let s = nowMs();
      const calls = floorStmt.all(from, to).length;
      floors.push(nowMs() - s);
      s = nowMs();
      const r = await invoke<{ agents: number; sampled: number }>(core, inspector.token, 'qa.draw', { month });
      draws.push(nowMs() - s);
      perMonth.push({ month, calls, agents: r.agents, sampled: r.sampled, ms: round(draws[draws.length - 1]!, 1) });
      o.log(`  draw ${month}: ${calls} calls, ${r.agents} agents, ${r.sampled} sampled in ${draws[draws.length - 1]!.toFixed(0)} ms (floor ${floors[floors.length - 1]!.toFixed(0)} ms)`);
    }
    notes.draws = perMonth;
    const draw = ms(draws);
    const floor = ms(floors);
    figures.push(figure("floor: bare SELECT id, agent_id of a month's calls (same connection)", floor, 'reference', null));
    figures.push(
      figure(`draw a month's QA sample (qa.draw, ${o.agents} agents, ${round(o.calls / 12 / 1000, 0)}k calls a month)`, draw, 'each ≤ 1 s', 1000, {
        ratioP50: draw.p50 && floor.p50 ? round(draw.p50 / floor.p50, 1) : null,
        ratioP99: draw.p99 && floor.p99 ? round(draw.p99 / floor.p99, 1) : null,
      }),
    );

    // ---- (b) the team's scorecards for the month: first a month of sign-ins and a third of the sample reviewed ----
    db.pragma('synchronous = OFF');
    const prep = nowMs();
    const agents = db.prepare("SELECT username FROM users WHERE role = 'agent' ORDER BY username").pluck().all() as string[];
    const sessions = agents.map((u) => sessionOf(core, u).session);
    let signIns = 0;
    for (let day = `${MONTH}-01`; day.startsWith(MONTH); day = addLocalDays(day, 1)) {
      if (!isWorkingDay(day)) continue;
      for (const [i, session] of sessions.entries()) {
        // One agent in twenty misses the day; one in ten is late.
        if ((i + day.charCodeAt(9)) % 20 === 0) continue;
        t = shiftInstant(day, '08:30') + (i % 10 === 0 ? 12 : -10) * 60_000;
        await attendanceHandlers['attendance.signIn']({ ctx, session, params: { shiftId: 'day' } });
        t = shiftInstant(day, '17:35');
        await attendanceHandlers['attendance.signOut']({ ctx, session, params: {} });
        signIns++;
      }
    }
    t = NOW;
    const items = (await qualityHandlers['qa.month']({ ctx, session: lead.session, params: { month: MONTH } })).items;
    const full = BUILT_IN_SCORECARD.items.map((it) => ({ itemId: it.id, points: it.fatal ? 0 : it.weight, failed: false, comment: '' }));
    let reviews = 0;
    for (const [i, it] of items.entries()) {
      if (i % 3) continue;
      const scores = full.map((s, k) => (k === i % 6 ? { ...s, points: Math.floor(s.points / 2) } : s));
      await qualityHandlers['qa.review']({
        ctx,
        session: inspector.session,
        params: { month: MONTH, kind: it.kind, recordId: it.recordId, scorecardId: BUILT_IN_SCORECARD.id, scores, comment: '', findings: [] },
      });
      reviews++;
    }
    db.pragma('synchronous = FULL');
    o.log(`  prepared ${MONTH}: ${signIns} sign-ins and ${reviews} reviews in ${((nowMs() - prep) / 1000).toFixed(0)} s`);
    notes.appraisalMonth = { month: MONTH, signIns, reviews };

    const { from, to } = monthRange(MONTH);
    const groupStmt = db.prepare('SELECT agent_id, count(*) AS n, sum(answered_late) AS late FROM call_records WHERE answered_at BETWEEN ? AND ? GROUP BY agent_id');
    const team: number[] = [];
    const bare: number[] = [];
    const grouped: number[] = [];
    let rows = 0;
    const runs = o.samples + Math.max(3, Math.floor(o.samples / 10));
    for (let i = 0; i < runs; i++) {
      let s = nowMs();
      floorStmt.all(from, to);
      const b = nowMs() - s;
      s = nowMs();
      groupStmt.all(from, to);
      const g = nowMs() - s;
      s = nowMs();
      rows = (await invoke<{ rows: unknown[] }>(core, lead.token, 'appraisal.team', { period: 'month', key: MONTH })).rows.length;
      const a = nowMs() - s;
      // The first runs warm the cache.
      if (i < runs - o.samples) continue;
      bare.push(b);
      grouped.push(g);
      team.push(a);
    }
    const teamT = ms(team);
    const bareT = ms(bare);
    const groupT = ms(grouped);
    figures.push(figure("floor: bare SELECT id, agent_id of the month's calls", bareT, 'reference', null));
    figures.push(figure("floor: the month's calls counted per agent (GROUP BY agent_id)", groupT, 'reference', null));
    figures.push(
      figure(`the team's scorecards for a month (appraisal.team, ${rows} agents ranked)`, teamT, 'each ≤ 1 s', 1000, {
        ratioToBareP50: teamT.p50 && bareT.p50 ? round(teamT.p50 / bareT.p50, 1) : null,
        ratioToGroupByP50: teamT.p50 && groupT.p50 ? round(teamT.p50 / groupT.p50, 1) : null,
      }),
    );
    o.log(`  appraisal.team ${MONTH} (${rows} rows): p50 ${teamT.p50} / p99 ${teamT.p99} ms; floor ${bareT.p50} ms, GROUP BY ${groupT.p50} ms`);
  } finally {
    core.close();
    fs.rmSync(st.dir, { recursive: true, force: true });
  }
  return { figures, notes };
}
