import type Database from 'better-sqlite3-multiple-ciphers';
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
 *
 * Since migration 006 both text indexes key a complaint by its search key, not its rowid: the received
 * second in the high bits, the rowid in the low 29 (as the call indexes, store/callIndex.ts). Hits come out
 * in received-time order, so the sheet's default sort stops after a page even for a term in a quarter of all
 * complaints; a hit maps back to its row with `rowid = key & COMPLAINT_ROWID_MASK`. Keys pass 2^53:
 * JavaScript reads them as BigInt only (safeIntegers), or leaves them to SQL.
 */

export const COMPLAINT_ROWID_BITS = 29;
export const COMPLAINT_ROWID_MASK = 2 ** COMPLAINT_ROWID_BITS - 1;
/** The search key of the complaints row aliased `t` (migration 006 spells out the same expression). */
export const complaintKeySql = (t: string) => `((coalesce(unixepoch(${t}.received_at), 0) << ${COMPLAINT_ROWID_BITS}) | ${t}.rowid)`;
/** The trigram index's one column: the searchable fields joined by line breaks (a term never spans two). */
const TRIGRAM_TEXT_SQL = ['complaint_no', 'complainant', 'organisation', 'phone', 'problem', 'result'].map((f) => `complaints.${f}`).join(' || char(10) || ');

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
  const row = db
    .prepare(`UPDATE complaints SET next_deadline = ? WHERE id = ? RETURNING ${complaintKeySql('complaints')} AS k`)
    .safeIntegers(true)
    .get(storedNextDeadline(c, rules), c.id) as { k: bigint } | undefined;
  if (!row) return;
  // A change of received time has dropped the tokens under the old key already (trigger complaints_grams_move).
  db.prepare('DELETE FROM complaints_grams WHERE rowid = ?').run(row.k);
  db.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)').run(row.k, bigramTokens(searchText(c)));
}

/** Writes the tokens of a complaint just inserted by the bulk demo (rowid from the INSERT), under its search key. */
export function complaintGramsInserter(db: Database.Database): (rowid: number | bigint, c: Complaint) => void {
  const ins = db.prepare(`INSERT INTO complaints_grams (rowid, grams) VALUES (((coalesce(unixepoch(?), 0) << ${COMPLAINT_ROWID_BITS}) | ?), ?)`);
  return (rowid, c) => ins.run(c.receivedAt, rowid, bigramTokens(searchText(c)));
}

/** Fills the trigram index from the table, in key order (migration 006, the bulk demo). */
export function rebuildComplaintTrigrams(db: Database.Database): void {
  db.exec("INSERT INTO complaints_fts (complaints_fts) VALUES ('delete-all')");
  db.exec(`INSERT INTO complaints_fts (rowid, searchable) SELECT ${complaintKeySql('complaints')} AS k, ${TRIGRAM_TEXT_SQL} FROM complaints ORDER BY k`);
}

/**
 * Both text indexes of every complaint under its search key (migration 006). Tokens are written in pages
 * along the received-time index, each page in key order.
 */
export function reindexComplaintSearch(db: Database.Database): void {
  rebuildComplaintTrigrams(db);
  db.exec("INSERT INTO complaints_grams (complaints_grams) VALUES ('delete-all')");
  const ins = db.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)');
  const page = db
    .prepare(
      `SELECT received_at AS _at, rowid AS _rowid, ${complaintKeySql('complaints')} AS _k,
         complaint_no AS complaintNo, complainant, organisation, phone, problem, result FROM complaints
       WHERE (received_at, rowid) > (?, ?) ORDER BY received_at, rowid LIMIT 2000`,
    )
    .safeIntegers(true);
  let after: [string, bigint] = ['', -1n];
  for (;;) {
    const rows = page.all(...after) as (Parameters<typeof searchText>[0] & { _at: string; _rowid: bigint; _k: bigint })[];
    if (rows.length === 0) break;
    for (const r of [...rows].sort((a, b) => (a._k < b._k ? -1 : 1))) ins.run(r._k, bigramTokens(searchText(r)));
    const last = rows[rows.length - 1]!;
    after = [last._at, last._rowid];
  }
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
