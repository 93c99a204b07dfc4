import type Database from 'better-sqlite3-multiple-ciphers';
import { bigramTokens } from './bigramTokens';

/**
 * FROZEN: the data step of migration 004, as it ran when released (store/callIndex.ts `reindexAllCalls`
 * and `rebuildCallTrigrams`, their SQL written out). The live call index may change; this copy must not,
 * so that an old store upgraded today gets exactly what it got then. Never edit it.
 */

/** A call's search key: answered second in the high bits, rowid in the low 29. */
const KEY = '((coalesce(unixepoch(call_records.answered_at), 0) << 29) | call_records.rowid)';
/** What the call list shows of every record. */
const SHOWN = 'record_no || char(10) || caller_name || char(10) || organisation || char(10) || report_no';
/** What a confidential record hides from users who may not see it. */
const HIDDEN = 'phone || char(10) || phone_normalized || char(10) || content || char(10) || reply_content || char(10) || suggestions';

/**
 * Both indexes of every call record. The trigram index in one statement, in key order; the tokens in pages
 * along the answered-time index, each page in key order (keys only step back across a page boundary:
 * same second, lower rowid).
 */
export function reindexAllCalls004(db: Database.Database): void {
  db.exec("INSERT INTO calls_fts (calls_fts) VALUES ('delete-all')");
  db.exec(`INSERT INTO calls_fts (rowid, shown, hidden)
    SELECT ${KEY} AS k, ${SHOWN}, ${HIDDEN} FROM call_records ORDER BY k`);
  db.exec("INSERT INTO calls_grams (calls_grams) VALUES ('delete-all')");
  const ins = db.prepare('INSERT INTO calls_grams (rowid, shown, hidden) VALUES (?, ?, ?)');
  const page = db
    .prepare(
      `SELECT answered_at AS at, rowid AS r, ${KEY} AS k, ${SHOWN} AS shown, ${HIDDEN} AS hidden
       FROM call_records WHERE (answered_at, rowid) > (?, ?) ORDER BY answered_at, rowid LIMIT 5000`,
    )
    .safeIntegers(true);
  let after: [string, bigint] = ['', -1n];
  for (;;) {
    const rows = page.all(...after) as { at: string; r: bigint; k: bigint; shown: string; hidden: string }[];
    if (rows.length === 0) break;
    for (const r of [...rows].sort((a, b) => (a.k < b.k ? -1 : 1))) ins.run(r.k, bigramTokens(r.shown), bigramTokens(r.hidden));
    const last = rows[rows.length - 1]!;
    after = [last.at, last.r];
  }
}
