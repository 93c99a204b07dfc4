import fs from 'node:fs';
import path from 'node:path';
import { type Core, openCore } from '../../electron/core/index';
import { computeBulletinFigures } from '../../electron/core/store/bulletins';
import { createSession } from '../../electron/core/store/sessions';
import { userByUsername } from '../../electron/core/store/users';
import { periodBounds, previousPeriod, samePeriodLastYear } from '../../shared/domain/bulletinPeriods';
import type { BulletinKind } from '../../shared/domain/bulletin';
import { type Figure, nowMs, pct, round } from './lib';
import { type QualityBenchOptions, workingCopy } from './quality';

/**
 * Issue 16: the monthly bulletin's figures (bulletin.get through the dispatcher: every figure of the month,
 * the month before and the same month last year, the chart's days, key accounts, the audit row) over the
 * quality bench's bulk store (1M calls over a year, 200k complaints; its cache is shared), and the
 * quarter's. The bulk store has no callbacks, so a copy gets one callback for every eighth call, written
 * here by plain SQL (due three days after the call, in every state), so that their figures cost what they
 * would. Beside it, in the same run, the floor: a bare read of the three periods' calls and complaints
 * (id and one column of each row). Target: ≤ 1 s (a figure, not a test).
 */
const NOW = Date.parse('2026-12-08T02:00:00.000Z');
const MONTH = '2026-11';
const QUARTER = '2026-Q3';

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

/** One callback per eighth call: due 3 days after it; done on time, done late, unreachable, open or cancelled by turns. */
function addCallbacks(core: Core): number {
  const db = core.context.db;
  db.pragma('synchronous = OFF');
  const due = "strftime('%Y-%m-%dT%H:%M:%fZ', answered_at, '+3 days')";
  const info = db
    .prepare(
      `INSERT INTO callbacks (id, kind, status, due_at, customer_id, name, organisation, phone, phone_normalized, subject, source, source_id, call_id,
         complaint_id, complaint_round, assignee_id, assignee_name, attempts, last_attempt_at, next_attempt_at, satisfaction, score, accuracy, timeliness,
         attitude, unsatisfactory, remaining_problems, suggestions, evaluation, note, script_version_id, done_at, done_by, cancel_reason, import_batch,
         created_at, created_by, updated_at, version)
       SELECT 'cb-' || id, 'satisfaction',
         CASE rowid % 10 WHEN 0 THEN 'open' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'unreachable' ELSE 'done' END,
         ${due}, customer_id, caller_name, organisation, phone, phone_normalized, '满意度回访', 'call', id, id,
         NULL, NULL, NULL, '', 1, NULL, NULL,
         CASE WHEN rowid % 10 >= 3 THEN CASE rowid % 7 WHEN 0 THEN 'unsatisfied' WHEN 1 THEN 'fairly_satisfied' ELSE 'satisfied' END END,
         NULL, NULL, NULL, NULL, '', '', '', '', '', NULL,
         CASE WHEN rowid % 10 >= 2 THEN strftime('%Y-%m-%dT%H:%M:%fZ', answered_at, CASE WHEN rowid % 10 = 9 THEN '+4 days' ELSE '+2 days' END) END,
         '', '', NULL, answered_at, agent_name, answered_at, 1
       FROM call_records WHERE rowid % 8 = 0`,
    )
    .run();
  db.pragma('synchronous = FULL');
  return info.changes;
}

/** A bare read of the three periods' calls and complaints (id and one column of each row, as the quality bench's floor). */
function floorOf(core: Core, kind: BulletinKind, key: string): () => void {
  const db = core.context.db;
  const calls = db.prepare('SELECT id, category FROM call_records WHERE answered_at >= ? AND answered_at < ?');
  const complaints = db.prepare('SELECT id, severity FROM complaints WHERE received_at >= ? AND received_at < ?');
  const periods = [key, previousPeriod(kind, key), samePeriodLastYear(key)].map((k) => periodBounds(kind, k));
  return () => {
    for (const p of periods) {
      calls.all(p.from, p.to);
      complaints.all(p.from, p.to);
    }
  };
}

export async function benchBulletin(o: QualityBenchOptions): Promise<{ figures: Figure[]; notes: Record<string, unknown> }> {
  const figures: Figure[] = [];
  const notes: Record<string, unknown> = {};
  const st = await workingCopy(o, 'bulletin-run');
  o.log(`  ${st.seeded ? 'seeded' : 'store from'} ${path.relative(process.cwd(), st.base)}; working copy in ${st.seconds.toFixed(0)} s`);
  notes.store = { base: path.relative(process.cwd(), st.base), seededThisRun: st.seeded, preparedSeconds: round(st.seconds, 0) };
  const core = openCore({ dataDir: st.dir, sync: false, now: () => new Date(NOW) });
  try {
    const db = core.context.db;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const added = addCallbacks(core);
    notes.rows = {
      calls: count('SELECT count(*) FROM call_records'),
      complaints: count('SELECT count(*) FROM complaints'),
      callbacks: added,
      keyAccounts: count('SELECT count(*) FROM customers WHERE key_account = 1'),
    };
    o.log(`  ${JSON.stringify(notes.rows)}`);
    const lead = userByUsername(db, 'lead');
    if (!lead) throw new Error('no lead in the bulk store');
    const { token } = createSession(core.context, lead);

    for (const [kind, key] of [
      ['monthly', MONTH],
      ['quarterly', QUARTER],
    ] as const) {
      const floor = floorOf(core, kind, key);
      const bare: number[] = [];
      const got: number[] = [];
      const direct: number[] = [];
      const runs = o.samples + 2;
      let summary: Record<string, unknown> = {};
      for (let i = 0; i < runs; i++) {
        let s = nowMs();
        floor();
        const b = nowMs() - s;
        s = nowMs();
        const out = await core.invoke(token, 'bulletin.get', { kind, periodKey: key });
        const g = nowMs() - s;
        if (!out.envelope.ok) throw new Error(`bulletin.get: ${JSON.stringify(out.envelope.error)}`);
        s = nowMs();
        const f = computeBulletinFigures(db, kind, key, new Date(NOW));
        const d = nowMs() - s;
        summary = {
          calls: f.current.calls.total,
          complaints: f.current.complaints.total,
          repliesDue: f.current.complaints.completion.due,
          callbacksDue: f.current.callbacks.due,
          previousCalls: f.previous.calls.total,
          lastYearCalls: f.lastYear.calls.total,
          keyAccountEntries: f.keyAccountsTotal,
        };
        // The first two runs warm the page cache.
        if (i < 2) continue;
        bare.push(b);
        got.push(g);
        direct.push(d);
      }
      const label = kind === 'monthly' ? `the month ${MONTH}` : `the quarter ${QUARTER}`;
      const bareT = ms(bare);
      const getT = ms(got);
      const directT = ms(direct);
      figures.push(figure(`floor: bare read of ${label}'s, the period before's and last year's calls and complaints`, bareT, 'reference', null));
      figures.push(figure(`bulletin figures of ${label} (computeBulletinFigures, store only)`, directT, 'reference', null));
      figures.push(
        figure(`bulletin.get ${kind} (${summary.calls} calls, ${summary.complaints} complaints this period; 3 periods)`, getT, '≤ 1 s', 1000, {
          ratioP50: getT.p50 && bareT.p50 ? round(getT.p50 / bareT.p50, 1) : null,
          ...summary,
        }),
      );
      o.log(`  bulletin.get ${kind} ${key}: p50 ${getT.p50} / p99 ${getT.p99} ms (store only p50 ${directT.p50}); floor p50 ${bareT.p50} ms; ${JSON.stringify(summary)}`);
    }
  } finally {
    core.close();
    fs.rmSync(st.dir, { recursive: true, force: true });
  }
  return { figures, notes };
}
