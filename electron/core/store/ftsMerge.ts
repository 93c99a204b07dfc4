import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from './stmt';

/**
 * The call search indexes (FTS5, migration 004). Every save adds a small segment to each; by default
 * FTS5 merges segments inside the writing transaction once four of a level exist ("automerge"), and at a
 * million calls that merge wrote ~600 pages into one save in ~40 (35–90 ms instead of ~2 ms, the save's
 * p99). Here automerge is off and the merging runs between calls instead: a timer merges a bounded
 * number of pages at a time while nothing else is running. FTS5's crisis merge (16 segments of a level)
 * still bounds the segment count if the timer never gets a turn, e.g. during a long import.
 */
export const CALL_SEARCH_INDEXES = ['calls_fts', 'calls_grams'] as const;
const IDLE_MERGE_EVERY_MS = 2_000;
/** Pages per merge step: about 5 ms of work, so a call arriving meanwhile waits little. */
const MERGE_STEP_PAGES = 64;
const MERGE_BUDGET_MS = 20;

const exists = (db: Database.Database, t: string) => !!stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t);

/** Turns the in-transaction automerge off (a persistent FTS5 setting; written once per store). */
export function deferSearchIndexMerges(db: Database.Database): void {
  for (const t of CALL_SEARCH_INDEXES) {
    if (!exists(db, t)) continue;
    const v = stmt(db, `SELECT v FROM ${t}_config WHERE k = 'automerge'`).pluck().get();
    if (v !== 0) db.prepare(`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', 0)`).run();
  }
}

/** One bounded merge step on each index; true while any merge work remains. */
export function mergeSearchIndexes(db: Database.Database, pages = MERGE_STEP_PAGES): boolean {
  let more = false;
  for (const t of CALL_SEARCH_INDEXES) {
    if (!exists(db, t)) continue;
    const before = stmt(db, 'SELECT total_changes()').pluck().get() as number;
    stmt(db, `INSERT INTO ${t} (${t}, rank) VALUES ('merge', ?)`).run(pages);
    // FTS5: fewer than two changes means there was nothing left to merge.
    if ((stmt(db, 'SELECT total_changes()').pluck().get() as number) - before >= 2) more = true;
  }
  return more;
}

/** Merges the search indexes between calls; stop() before the database closes. */
export function startIdleMerging(db: Database.Database, onError: (err: unknown) => void): { stop(): void } {
  const timer = setInterval(() => {
    if (!db.open || db.inTransaction) return;
    try {
      const until = performance.now() + MERGE_BUDGET_MS;
      while (mergeSearchIndexes(db) && performance.now() < until);
    } catch (err) {
      onError(err);
    }
  }, IDLE_MERGE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
