import type Database from 'better-sqlite3-multiple-ciphers';
import type { CallRecord } from '../../../shared/domain/callRecord';
import { seesCallInFull, type Viewer } from '../../../shared/domain/visibility';
import { bigramTokens } from './complaintIndex';
import { escapeLike } from './sql';
import { stmt } from './stmt';
import { callRecordsTable } from './tables';

/**
 * Full-text search over call records (migration 004), the call-record counterpart of complaintIndex:
 *  - `calls_fts` (trigram, terms of three or more characters) is kept by triggers on call_records;
 *  - `calls_grams` (two-character tokens, terms of one or two characters) is written here, by every
 *    call save: local mutations, pulled rows and rebases (ENTITY_STORES.call), and the bulk demo.
 *
 * Both index a row under its search key, not its rowid: the answered second in the high bits, the
 * rowid in the low 29. Hits therefore come out of either index newest first (FTS5 walks a doclist
 * backwards cheaply), so the call list can stop after one page even when a term is in half of a
 * million calls, and a hit maps back to its row with `rowid = key & ROWID_MASK`, no lookup table.
 * A key is unique while the table holds fewer than 2^29 rows; seconds fit until the year 2514.
 * Keys pass 2^53: JavaScript reads them as BigInt only (safeIntegers), or leaves them to SQL.
 */

export const ROWID_BITS = 29;
export const ROWID_MASK = 2 ** ROWID_BITS - 1;

/** The search key of the call_records row aliased `t` (migration 004 spells out the same expression). */
export const callKeySql = (t: string) => `((coalesce(unixepoch(${t}.answered_at), 0) << ${ROWID_BITS}) | ${t}.rowid)`;

/** What the call list shows of every record, confidential or not. */
export const SHOWN_FIELDS = ['recordNo', 'callerName', 'organisation', 'reportNo'] as const;
/** What a confidential record hides from users who may not see it (the list blanks or masks these). */
export const HIDDEN_FIELDS = ['phone', 'phoneNormalized', 'content', 'replyContent', 'suggestions'] as const;

type Indexed = Pick<CallRecord, (typeof SHOWN_FIELDS)[number] | (typeof HIDDEN_FIELDS)[number]>;

export const shownText = (r: Indexed) => SHOWN_FIELDS.map((f) => r[f]).join('\n');
export const hiddenText = (r: Indexed) => HIDDEN_FIELDS.map((f) => r[f]).join('\n');

const col = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const concatSql = (fields: readonly string[]) => fields.map(col).join(" || char(10) || ");

/** The row's key and indexed text as stored, to skip rewriting tokens that did not change. */
const STATE_SQL = `SELECT ${callKeySql('call_records')} AS k, ${concatSql(SHOWN_FIELDS)} AS shown, ${concatSql(HIDDEN_FIELDS)} AS hidden
  FROM call_records WHERE id = ?`;

interface IndexState {
  k: bigint;
  shown: string;
  hidden: string;
}

function stateOf(db: Database.Database, id: string): IndexState | undefined {
  return stmt(db, STATE_SQL).safeIntegers(true).get(id) as IndexState | undefined;
}

/** Saves a call record with its two-character tokens (the trigram index follows by trigger). */
export function saveCallRecord(db: Database.Database, r: CallRecord): void {
  const before = stateOf(db, r.id);
  callRecordsTable.upsert(db, r);
  const after = stateOf(db, r.id);
  if (!after) return;
  // Most saves (ending a call, a category, a reply date) leave the searchable text alone: no index write.
  if (before && before.k === after.k && before.shown === after.shown && before.hidden === after.hidden) return;
  if (before) stmt(db, 'DELETE FROM calls_grams WHERE rowid = ?').run(before.k);
  stmt(db, 'INSERT INTO calls_grams (rowid, shown, hidden) VALUES (?, ?, ?)').run(after.k, bigramTokens(after.shown), bigramTokens(after.hidden));
}

/**
 * Writes the tokens of a row just inserted by the bulk demo (rowid from the INSERT), in ascending key
 * order: FTS5 flushes its pending data whenever a rowid is not above the last one written.
 */
export function gramsInserter(db: Database.Database): (rowid: number | bigint, r: Indexed & { answeredAt: string }) => void {
  const ins = db.prepare(`INSERT INTO calls_grams (rowid, shown, hidden) VALUES (((coalesce(unixepoch(?), 0) << ${ROWID_BITS}) | ?), ?, ?)`);
  return (rowid, r) => ins.run(r.answeredAt, rowid, bigramTokens(shownText(r)), bigramTokens(hiddenText(r)));
}

/** Fills the trigram index from the table, in key order (migration 004 on an existing store, the bulk demo). */
export function rebuildCallTrigrams(db: Database.Database): void {
  db.exec("INSERT INTO calls_fts (calls_fts) VALUES ('delete-all')");
  db.exec(`INSERT INTO calls_fts (rowid, shown, hidden)
    SELECT ${callKeySql('call_records')} AS k, ${concatSql(SHOWN_FIELDS)}, ${concatSql(HIDDEN_FIELDS)} FROM call_records ORDER BY k`);
}

/**
 * Both indexes of every call record (migration 004). Tokens are written in pages along the answered-time
 * index, each page in key order; keys only step back across a page boundary (same second, lower rowid).
 */
export function reindexAllCalls(db: Database.Database): void {
  rebuildCallTrigrams(db);
  db.exec("INSERT INTO calls_grams (calls_grams) VALUES ('delete-all')");
  const ins = db.prepare('INSERT INTO calls_grams (rowid, shown, hidden) VALUES (?, ?, ?)');
  const page = db
    .prepare(
      `SELECT answered_at AS at, rowid AS r, ${callKeySql('call_records')} AS k, ${concatSql(SHOWN_FIELDS)} AS shown, ${concatSql(HIDDEN_FIELDS)} AS hidden
       FROM call_records WHERE (answered_at, rowid) > (?, ?) ORDER BY answered_at, rowid LIMIT 5000`,
    )
    .safeIntegers(true);
  let after: [string, bigint] = ['', -1n];
  for (;;) {
    const rows = page.all(...after) as (IndexState & { at: string; r: bigint })[];
    if (rows.length === 0) break;
    for (const r of [...rows].sort((a, b) => (a.k < b.k ? -1 : 1))) ins.run(r.k, bigramTokens(r.shown), bigramTokens(r.hidden));
    const last = rows[rows.length - 1]!;
    after = [last.at, last.r];
  }
}

// ---- searching ----------------------------------------------------------------------------------

/** A search counts its matches to here ("1000+"): each counted match is a row read, and a common term is in half of all calls. */
export const CALL_SEARCH_COUNT_CAP = 1000;

const SHOWN_COLS = SHOWN_FIELDS.map(col);
const ALL_COLS = [...SHOWN_COLS, ...HIDDEN_FIELDS.map(col)];
type FtsTable = 'calls_fts' | 'calls_grams';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/**
 * No stored text holds a control character (text fields refuse them), so in a search one only
 * separates words; and a NUL inside an FTS5 phrase ends the query string early ("unterminated string").
 */
export const spacedControls = (q: string): string => q.replace(CONTROLS, ' ');

/**
 * Search words: whitespace separates terms that must all match. A phone number typed with spaces,
 * dashes or brackets ("0571-8888 1234") is one term, its digits, as the call list always matched it.
 */
export function searchTerms(q: string): string[] {
  q = spacedControls(q);
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 3 && digits.length === q.replace(/[\s\-+()]/g, '').length) return [digits];
  return q.split(/\s+/).filter(Boolean).slice(0, 8);
}

/** Three characters or more: the trigram index. One or two letters/digits: the token index. Else (rare): LIKE. */
function termOf(term: string): { table: FtsTable; phrase: string } | { like: string } {
  const chars = Array.from(term);
  if (chars.length >= 3) return { table: 'calls_fts', phrase: `"${term.replace(/"/g, '""')}"` };
  const lower = term.toLowerCase();
  if (/^[\p{L}\p{N}]+$/u.test(lower)) return { table: 'calls_grams', phrase: chars.length === 1 ? `"${lower}"*` : `"${lower}"` };
  return { like: `%${escapeLike(term)}%` };
}

export interface CallSearch {
  /** The index that drives the query (its MATCH bound first), or none: LIKE terms only, a scan. */
  driver?: { table: FtsTable; match: string };
  /** Conditions on `r` (call_records) and `g` (the driver), with their arguments, in order. */
  sql: string[];
  args: unknown[];
}

/**
 * The agents whose confidential records this viewer sees in full, by the shared rule (seesCallInFull),
 * for the SQL condition: null when this viewer sees every one.
 */
function readersOf(db: Database.Database, viewer: Viewer): string[] | null {
  const sees = (agentId: string) => seesCallInFull({ confidential: true, agentId }, viewer);
  if (sees('')) return null;
  return (stmt(db, 'SELECT id AS reader FROM users').all() as { reader: string }[]).map((u) => u.reader).filter(sees);
}

/**
 * The search part of the call list. A confidential record that this user may not see matches only on what
 * the list shows of it (record no., caller, organisation, report no.), never on its content or number, so
 * a hit on hidden text cannot reveal it.
 */
export function callSearch(db: Database.Database, q: string, viewer: Viewer): CallSearch {
  const byTable = new Map<FtsTable, string[]>();
  const likes: string[] = [];
  for (const t of searchTerms(q).map(termOf)) {
    if ('like' in t) likes.push(t.like);
    else byTable.set(t.table, [...(byTable.get(t.table) ?? []), t.phrase]);
  }
  const groups = [...byTable].map(([table, phrases]) => ({ table, match: phrases.join(' AND '), shownMatch: `shown : (${phrases.join(' AND ')})` }));
  // Two indexes involved: the one with fewer hits drives, the other is probed per row.
  if (groups.length === 2) {
    const hits = (g: (typeof groups)[number]) =>
      (stmt(db, `SELECT count(*) AS n FROM (SELECT 1 FROM ${g.table} WHERE ${g.table} MATCH ? LIMIT 20001)`).get(g.match) as { n: number }).n;
    if (hits(groups[1]!) < hits(groups[0]!)) groups.reverse();
  }
  const out: CallSearch = { sql: [], args: [] };
  const [driver, ...probed] = groups;
  if (driver) out.driver = { table: driver.table, match: driver.match };
  const probe = (table: FtsTable, at: string) => `EXISTS (SELECT 1 FROM ${table} x WHERE x.${table} MATCH ? AND x.rowid = ${at})`;
  for (const p of probed) out.sql.push(probe(p.table, 'g.rowid')) && out.args.push(p.match);
  const likeAll = (cols: string[]) => `(${cols.map((c) => `r.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`;
  for (const l of likes) out.sql.push(likeAll(ALL_COLS)) && out.args.push(...ALL_COLS.map(() => l));
  const readers = readersOf(db, viewer);
  if (readers) {
    // Evaluated only for confidential records of others: every term must then match their shown text.
    // (Without an index term there are no groups, and the LIKE terms stand alone.)
    const shown: string[] = [];
    const shownArgs: unknown[] = [];
    for (const g of groups) shown.push(probe(g.table, 'g.rowid')) && shownArgs.push(g.shownMatch);
    for (const l of likes) shown.push(likeAll(SHOWN_COLS)) && shownArgs.push(...SHOWN_COLS.map(() => l));
    out.sql.push(`(r.confidential = 0 OR r.agent_id IN (${readers.map(() => '?').join(', ') || "''"}) OR (${shown.join(' AND ')}))`);
    out.args.push(...readers, ...shownArgs);
  }
  return out;
}
