import type Database from 'better-sqlite3';
import { NO_OVERRIDES } from '../../../shared/domain/calendar';
import type { Complaint } from '../../../shared/domain/complaint';
import { complaintClocks, DEFAULT_DEADLINE_RULES, type DeadlineRules, nextDeadline } from '../../../shared/domain/deadlines';
import { getMeta, readSettings, setMeta } from './settings';
import { complaintsTable } from './tables';

/**
 * What the tracking sheet needs beside the complaint row (migration 003):
 *  - `next_deadline`: the soonest running clock, so "sort by next deadline" and "overdue" are index scans;
 *  - `complaints_grams`: the searchable text cut into two-character tokens, for search terms of one or
 *    two characters (the trigram index `complaints_fts`, kept by triggers, serves three or more).
 * Both are written by every complaint save: local mutations, pulled rows and rebases alike.
 */

/** The fields the full-text search covers, in both indexes. */
export const SEARCH_FIELDS = ['complaintNo', 'complainant', 'organisation', 'phone', 'problem', 'result'] as const;

/** Only these two rules move a stored deadline; the others are stored on the record (callbackDueAt) or only warn. */
const rulesKey = (r: DeadlineRules) => JSON.stringify({ e: r.escalateMinutes, r: r.reportHours });
const RULES_META = 'tracking.deadline_rules';

export function deadlineRulesOf(db: Database.Database): DeadlineRules {
  return readSettings(db)?.deadlineRules ?? DEFAULT_DEADLINE_RULES;
}

/** Nothing runs on a closed or voided complaint. */
export function storedNextDeadline(c: Complaint, rules: DeadlineRules): string | null {
  if (c.status === 'closed' || c.status === 'voided') return null;
  return nextDeadline(complaintClocks(c, { rules, overrides: NO_OVERRIDES }, new Date(0)));
}

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/**
 * Text → space-separated tokens: every two-character window of each run of letters and digits, and the
 * last character of the run alone, so that a one-character term is a prefix query ("投"*) and a
 * two-character term one token ("投诉"). Lower-cased so that Latin letters match either case.
 */
export function bigramTokens(text: string): string {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(WORD_RUN)) {
    const chars = Array.from(m[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    out.add(chars[chars.length - 1]!);
  }
  return [...out].join(' ');
}

export function searchText(c: Pick<Complaint, (typeof SEARCH_FIELDS)[number]>): string {
  return SEARCH_FIELDS.map((f) => c[f] ?? '').join('\n');
}

/** Writes the derived columns of one saved complaint (its row already upserted). */
export function indexComplaint(db: Database.Database, c: Complaint, rules: DeadlineRules = deadlineRulesOf(db)): void {
  const row = db.prepare('UPDATE complaints SET next_deadline = ? WHERE id = ? RETURNING rowid').get(storedNextDeadline(c, rules), c.id) as
    | { rowid: number }
    | undefined;
  if (!row) return;
  db.prepare('DELETE FROM complaints_grams WHERE rowid = ?').run(row.rowid);
  db.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)').run(row.rowid, bigramTokens(searchText(c)));
}

/**
 * Deadline rules are settings: when an administrator changes them (here or on another workstation),
 * the stored deadlines of open complaints are recomputed once, on the next read of the sheet.
 */
export function refreshDeadlinesIfRulesChanged(db: Database.Database): boolean {
  const rules = deadlineRulesOf(db);
  const key = rulesKey(rules);
  if (getMeta(db, RULES_META) === key) return false;
  db.transaction(() => {
    const upd = db.prepare('UPDATE complaints SET next_deadline = ? WHERE rowid = ?');
    const rows = db.prepare("SELECT rowid AS _rowid, * FROM complaints WHERE status NOT IN ('closed','voided')").all() as Record<string, unknown>[];
    for (const r of rows) upd.run(storedNextDeadline(complaintsTable.fromRow(r), rules), r._rowid);
    setMeta(db, RULES_META, key);
  })();
  return true;
}

/** Fills the derived columns of every complaint (migration 003), in chunks by rowid. */
export function reindexAllComplaints(db: Database.Database): void {
  const rules = deadlineRulesOf(db);
  const upd = db.prepare('UPDATE complaints SET next_deadline = ? WHERE rowid = ?');
  const ins = db.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)');
  const page = db.prepare('SELECT rowid AS _rowid, * FROM complaints WHERE rowid > ? ORDER BY rowid LIMIT 2000');
  db.exec("INSERT INTO complaints_grams (complaints_grams) VALUES ('delete-all')");
  let after = 0;
  for (;;) {
    const rows = page.all(after) as Record<string, unknown>[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const c = complaintsTable.fromRow(r);
      upd.run(storedNextDeadline(c, rules), r._rowid);
      ins.run(r._rowid, bigramTokens(searchText(c)));
    }
    after = rows[rows.length - 1]!._rowid as number;
  }
  setMeta(db, RULES_META, rulesKey(rules));
}
