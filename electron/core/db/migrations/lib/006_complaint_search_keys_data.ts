import type Database from 'better-sqlite3-multiple-ciphers';
import { bigramTokens } from './bigramTokens';

/**
 * FROZEN: the data step of migration 006, as it ran when released (store/complaintIndex.ts
 * `reindexComplaintSearch` and `rebuildComplaintTrigrams`, their SQL written out). The live complaint index
 * may change; this copy must not, so that an old store upgraded today gets exactly what it got then.
 * Never edit it.
 */

/** A complaint's search key: received second in the high bits, rowid in the low 29. */
const KEY = '((coalesce(unixepoch(complaints.received_at), 0) << 29) | complaints.rowid)';
/** The searchable fields, in order, joined by line breaks (a term never spans two). */
const TRIGRAM_TEXT =
  'complaints.complaint_no || char(10) || complaints.complainant || char(10) || complaints.organisation || char(10) || complaints.phone || char(10) || complaints.problem || char(10) || complaints.result';

interface PageRow {
  _at: string;
  _rowid: bigint;
  _k: bigint;
  complaintNo: string;
  complainant: string;
  organisation: string;
  phone: string;
  problem: string;
  result: string;
}
const searchText = (r: PageRow) => [r.complaintNo, r.complainant, r.organisation, r.phone, r.problem, r.result].map((v) => v ?? '').join('\n');

/**
 * Both text indexes of every complaint under its search key. The trigram index in one statement, in key
 * order; the tokens in pages along the received-time index, each page in key order.
 */
export function reindexComplaintSearch006(db: Database.Database): void {
  db.exec("INSERT INTO complaints_fts (complaints_fts) VALUES ('delete-all')");
  db.exec(`INSERT INTO complaints_fts (rowid, searchable) SELECT ${KEY} AS k, ${TRIGRAM_TEXT} FROM complaints ORDER BY k`);
  db.exec("INSERT INTO complaints_grams (complaints_grams) VALUES ('delete-all')");
  const ins = db.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)');
  const page = db
    .prepare(
      `SELECT received_at AS _at, rowid AS _rowid, ${KEY} AS _k,
         complaint_no AS complaintNo, complainant, organisation, phone, problem, result FROM complaints
       WHERE (received_at, rowid) > (?, ?) ORDER BY received_at, rowid LIMIT 2000`,
    )
    .safeIntegers(true);
  let after: [string, bigint] = ['', -1n];
  for (;;) {
    const rows = page.all(...after) as PageRow[];
    if (rows.length === 0) break;
    for (const r of [...rows].sort((a, b) => (a._k < b._k ? -1 : 1))) ins.run(r._k, bigramTokens(searchText(r)));
    const last = rows[rows.length - 1]!;
    after = [last._at, last._rowid];
  }
}
