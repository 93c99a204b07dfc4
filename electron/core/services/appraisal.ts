import type { AppraisalReport, AppraisalRow } from '../../../shared/api/qualityTypes';
import { type AppraisalFigures, type AppraisalPeriod, appraisalScores, appraisalTotal, periodDays, workloadOf } from '../../../shared/domain/appraisal';
import { endOfLocalDay, localDay, startOfLocalDay } from '../../../shared/domain/calendar';
import type { Role } from '../../../shared/domain/roles';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { buildAppraisalSheet } from '../export/appraisalSheet';
import { actorOf, type HandlerMap } from '../handler';
import { appraisalFigures } from '../store/appraisal';
import { attendanceSummaries, usersOfRoles } from '../store/attendance';
import { requireSettings } from '../store/settings';
import { auditedRead } from '../write/audit';

/**
 * The agent appraisal (绩效): the figures of each agent and callback officer over a month, quarter or
 * year, each part scored 0–100, weighted by the settings, and ranked (docs/quality.md gives the formula).
 */

/** Who is appraised: the people who serve customers on the phone. */
const APPRAISED_ROLES: readonly Role[] = ['agent', 'callback_officer'];

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const [y, m] = from.split('-').map(Number) as [number, number];
  for (let i = 0; ; i++) {
    const d = new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7);
    if (d > to.slice(0, 7)) return out;
    out.push(d);
  }
}

function report(ctx: CoreContext, period: AppraisalPeriod, key: string): AppraisalReport {
  const days = periodDays(period, key);
  if (!days) throw new ApiFailure('invalid_params', `${key} is not a ${period}`, [{ field: 'key', code: 'invalid_value', message: `not a ${period}` }]);
  const settings = requireSettings(ctx.db);
  const figures = appraisalFigures(ctx.db, { fromIso: startOfLocalDay(days.from), toIso: endOfLocalDay(days.to), months: monthsBetween(days.from, days.to) });
  // Everybody active who was there during the period, and anybody (since left or moved) who served in it.
  const people = usersOfRoles(ctx.db, APPRAISED_ROLES, false).filter((u) => figures.has(u.id) || (u.active && u.since <= days.to));
  const attendance = new Map(
    attendanceSummaries(ctx.db, people, { ...days, today: localDay(ctx.now().toISOString()), rules: settings.attendance, overrides: settings.calendar }, key).map(
      (a) => [a.userId, a.rate],
    ),
  );
  const all = people.map((u) => {
    const counted = figures.get(u.id);
    const f: AppraisalFigures = {
      callsHandled: counted?.callsHandled ?? 0,
      callsLate: counted?.callsLate ?? 0,
      complaints: counted?.complaints ?? 0,
      callbacksDue: counted?.callbacksDue ?? 0,
      callbacksOnTime: counted?.callbacksOnTime ?? 0,
      qaReviews: counted?.qaReviews ?? 0,
      qaAverage: counted?.qaAverage ?? null,
      fatalErrors: counted?.fatalErrors ?? 0,
      satisfactionAverage: counted?.satisfactionAverage ?? null,
      attendanceRate: attendance.get(u.id) ?? null,
    };
    return { u, f };
  });
  // Volume is compared within a role: officers by callbacks, the others by calls (workloadOf).
  const busiest = new Map<string, number>();
  for (const { u, f } of all) busiest.set(u.role, Math.max(busiest.get(u.role) ?? 0, workloadOf(u.role, f)));
  const rows: AppraisalRow[] = all
    .map(({ u, f }) => {
      const scores = appraisalScores(f, busiest.get(u.role) ?? 0, workloadOf(u.role, f));
      return { userId: u.id, userName: u.name, role: u.role, rank: 0, figures: f, scores, total: appraisalTotal(scores, settings.appraisalWeights) };
    })
    .sort((a, b) => b.total - a.total || a.userName.localeCompare(b.userName, 'zh-CN'));
  // Equal totals share a rank (1, 2, 2, 4).
  rows.forEach((r, i) => {
    r.rank = i > 0 && rows[i - 1]!.total === r.total ? rows[i - 1]!.rank : i + 1;
  });
  return { period, key, from: days.from, to: days.to, rows };
}

export const appraisalHandlers: HandlerMap<'appraisal.team' | 'appraisal.mine' | 'appraisal.export'> = {
  'appraisal.team': ({ ctx, session, params }) =>
    auditedRead(
      ctx,
      actorOf(session),
      { action: 'list', entity: 'appraisal', detail: `${params.period} ${params.key}` },
      () => report(ctx, params.period, params.key),
      (r) => r.rows.map((x) => x.userId),
    ),

  // The caller's own row, ranked among the whole team; null for somebody who is not appraised.
  'appraisal.mine': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    return auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'appraisal', detail: `${params.period} ${params.key}` },
      () => report(ctx, params.period, params.key).rows.find((r) => r.userId === actor.userId) ?? null,
      (r) => (r ? [r.userId] : []),
    );
  },

  'appraisal.export': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const out = await buildAppraisalSheet(report(ctx, params.period, params.key));
    return auditedRead(
      ctx,
      actor,
      { action: 'export', entity: 'appraisal', detail: JSON.stringify({ period: params.period, key: params.key, rows: out.rows }) },
      () => out,
      (o) => [o.filename],
    );
  },
};
