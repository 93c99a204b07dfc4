import type Database from 'better-sqlite3-multiple-ciphers';
import type { ScorecardVersion } from '../../../shared/domain/qaReview';
import { BUILT_IN_SCORECARD, builtInScorecard } from '../../../shared/domain/scorecardDefaults';
import { stmt } from './stmt';
import { scorecardVersionsTable } from './tables';

/**
 * Scorecard versions, kept like script versions: the newest published one is active, else the built-in
 * one. Two leads publishing offline may both make "version 3"; the later publish wins and the id breaks a
 * tie, so every workstation agrees which is active.
 */
export function activeScorecard(db: Database.Database): ScorecardVersion {
  const row = stmt(db, 'SELECT * FROM scorecard_versions ORDER BY created_at DESC, version DESC, id DESC LIMIT 1').get() as Record<string, unknown> | undefined;
  return row ? scorecardVersionsTable.fromRow(row) : BUILT_IN_SCORECARD;
}

/** Any version ever used, built-in or published: versions are never edited, so a review's id keeps its items. */
export function scorecardById(db: Database.Database, id: string): ScorecardVersion | null {
  return builtInScorecard(id) ?? scorecardVersionsTable.get(db, id);
}

/** Every published version, newest first (the built-in one is not stored). */
export function publishedScorecards(db: Database.Database): ScorecardVersion[] {
  const rows = stmt(db, 'SELECT * FROM scorecard_versions ORDER BY created_at DESC, version DESC, id DESC').all() as Record<string, unknown>[];
  return rows.map((r) => scorecardVersionsTable.fromRow(r));
}

export function highestScorecardVersion(db: Database.Database): number | null {
  return (stmt(db, 'SELECT max(version) AS v FROM scorecard_versions').get() as { v: number | null }).v;
}
