import type Database from 'better-sqlite3-multiple-ciphers';
import type { BulletinFigures, BulletinListRow, BulletinVersionSummary, CarriedPlan, PeriodFigures } from '../../../shared/api/bulletinTypes';
import { type Bulletin, type BulletinKind, type BulletinVersion, bulletinIdOf } from '../../../shared/domain/bulletin';
import { type PeriodBounds, periodBounds, previousPeriod, samePeriodLastYear } from '../../../shared/domain/bulletinPeriods';
import { localDay } from '../../../shared/domain/calendar';
import { ATTENDING_ROLES, attendanceSummaries, usersOfRoles } from './attendance';
import { emptyDaily, keyAccountEntries, periodFigures } from './bulletinFigures';
import { deadlineRulesOf } from './complaintIndex';
import { requireSettings } from './settings';
import { stmt } from './stmt';
import { bulletinsTable, bulletinVersionsTable } from './tables';

/** Bulletin drafts (one per period), their frozen versions, and the figures a version freezes (docs/reports.md). */

export const bulletinDraft = (db: Database.Database, id: string): Bulletin | null => bulletinsTable.get(db, id);
export const bulletinVersion = (db: Database.Database, id: string): BulletinVersion | null => bulletinVersionsTable.get(db, id);

const SUMMARY = 'SELECT id, number, published_at AS publishedAt, published_by AS publishedBy FROM bulletin_versions';

/** A bulletin's versions, oldest first. */
export function versionSummaries(db: Database.Database, bulletinId: string): BulletinVersionSummary[] {
  return stmt(db, `${SUMMARY} WHERE bulletin_id = ? ORDER BY number`).all(bulletinId) as BulletinVersionSummary[];
}

export function highestVersionNumber(db: Database.Database, bulletinId: string): number {
  return (stmt(db, 'SELECT max(number) AS n FROM bulletin_versions WHERE bulletin_id = ?').get(bulletinId) as { n: number | null }).n ?? 0;
}

export function latestVersion(db: Database.Database, bulletinId: string): BulletinVersion | null {
  const row = stmt(db, 'SELECT * FROM bulletin_versions WHERE bulletin_id = ? ORDER BY number DESC LIMIT 1').get(bulletinId) as Record<string, unknown> | undefined;
  return row ? bulletinVersionsTable.fromRow(row) : null;
}

/** Each period with a published version, and (withDrafts) each with a saved draft; newest period first. */
export function listBulletins(db: Database.Database, kind: BulletinKind | null, withDrafts: boolean): BulletinListRow[] {
  const published = stmt(
    db,
    `SELECT v.bulletin_id AS bulletinId, v.kind, v.period_key AS periodKey, v.id, v.number, v.published_at AS publishedAt, v.published_by AS publishedBy, n.versions
     FROM bulletin_versions v JOIN (SELECT bulletin_id, max(number) AS top, count(*) AS versions FROM bulletin_versions GROUP BY bulletin_id) n
       ON n.bulletin_id = v.bulletin_id AND n.top = v.number
     WHERE (? IS NULL OR v.kind = ?)`,
  ).all(kind, kind) as (BulletinVersionSummary & { bulletinId: string; kind: BulletinKind; periodKey: string; versions: number })[];
  const rows = new Map<string, BulletinListRow>();
  for (const v of published) {
    rows.set(v.bulletinId, {
      bulletinId: v.bulletinId,
      kind: v.kind,
      periodKey: v.periodKey,
      latest: { id: v.id, number: v.number, publishedAt: v.publishedAt, publishedBy: v.publishedBy },
      versions: v.versions,
      draft: null,
    });
  }
  if (withDrafts) {
    const drafts = stmt(
      db,
      `SELECT id, kind, period_key AS periodKey, dirty, edited_by AS editedBy, updated_at AS updatedAt, version FROM bulletins WHERE (? IS NULL OR kind = ?)`,
    ).all(kind, kind) as { id: string; kind: BulletinKind; periodKey: string; dirty: number; editedBy: string; updatedAt: string; version: number }[];
    for (const d of drafts) {
      const draft = { dirty: d.dirty === 1, editedBy: d.editedBy, updatedAt: d.updatedAt, version: d.version };
      const row = rows.get(d.id);
      if (row) row.draft = draft;
      else rows.set(d.id, { bulletinId: d.id, kind: d.kind, periodKey: d.periodKey, latest: null, versions: 0, draft });
    }
  }
  return [...rows.values()].sort((a, b) => b.periodKey.localeCompare(a.periodKey) || a.kind.localeCompare(b.kind));
}

/**
 * Attendance over a period as 考勤 reckons it (store/attendance.ts): the active accounts of the attending
 * roles with a working day due; the average of their rates; how many fall below the flag line or reach
 * the commendation line.
 */
function attendanceFigures(db: Database.Database, p: PeriodBounds, now: Date): PeriodFigures['attendance'] {
  const s = requireSettings(db);
  const users = usersOfRoles(db, ATTENDING_ROLES, true);
  const months = attendanceSummaries(db, users, { from: p.firstDay, to: p.lastDay, today: localDay(now.toISOString()), rules: s.attendance, overrides: s.calendar }, p.key);
  const rated = months.filter((m) => m.dueDays > 0 && m.rate !== null);
  const average = rated.length ? Math.round((rated.reduce((sum, m) => sum + (m.rate ?? 0), 0) / rated.length) * 10) / 10 : null;
  return {
    people: rated.length,
    averageRatePercent: average,
    flagged: rated.filter((m) => m.flag === 'low').length,
    commended: rated.filter((m) => m.flag === 'commended').length,
  };
}

/** The previous quarter's improvement plan: from its newest published version, or its draft when none was published. */
function carriedPlan(db: Database.Database, key: string): CarriedPlan | null {
  const from = previousPeriod('quarterly', key);
  const id = bulletinIdOf('quarterly', from);
  const published = latestVersion(db, id);
  if (published) return { fromPeriod: from, fromVersion: published.number, items: published.narrative.improvementPlan };
  const draft = bulletinDraft(db, id);
  return draft ? { fromPeriod: from, fromVersion: null, items: draft.narrative.improvementPlan } : null;
}

/** Every figure of a bulletin, computed now: the period, the one before, the same one last year, the chart's days, key accounts. */
export function computeBulletinFigures(db: Database.Database, kind: BulletinKind, key: string, now: Date): BulletinFigures {
  const rules = deadlineRulesOf(db);
  const one = (k: string, withDaily: boolean) => {
    const period = periodBounds(kind, k);
    const daily = withDaily ? emptyDaily(period) : null;
    return { figures: periodFigures(db, { period, rules, now, daily, attendance: attendanceFigures(db, period, now) }), daily };
  };
  const current = one(key, true);
  const keyAccounts = keyAccountEntries(db, periodBounds(kind, key));
  return {
    kind,
    periodKey: key,
    current: current.figures,
    previous: one(previousPeriod(kind, key), false).figures,
    lastYear: one(samePeriodLastYear(key), false).figures,
    daily: current.daily ?? [],
    keyAccounts: keyAccounts.entries,
    keyAccountsTotal: keyAccounts.total,
    carriedPlan: kind === 'quarterly' ? carriedPlan(db, key) : null,
    computedAt: now.toISOString(),
  };
}
