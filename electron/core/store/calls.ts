import type Database from 'better-sqlite3-multiple-ciphers';
import type { CallListRow, CallSummary, RepeatCaller } from '../../../shared/api/types';
import { type Viewer, visibleCall } from '../../../shared/domain/visibility';
import { CALL_SEARCH_COUNT_CAP, type CallSearch, callSearch, ROWID_BITS, ROWID_MASK } from './callIndex';
import { stmt } from './stmt';

const SUMMARY_COLS = 'id, record_no, answered_at, category, status, content, agent_name, voided, confidential, agent_id';

type Raw = Record<string, unknown>;

export function toSummary(r: Raw): CallSummary {
  return {
    id: r.id as string,
    recordNo: r.record_no as string,
    answeredAt: r.answered_at as string,
    category: (r.category as CallSummary['category']) ?? null,
    status: r.status as CallSummary['status'],
    content: r.content as string,
    agentName: r.agent_name as string,
    voided: r.voided === 1,
    confidential: r.confidential === 1,
  };
}

/** A summary as this viewer may see it (the shared rule): another agent's confidential call loses its content. */
function visibleSummary(r: Raw, viewer: Viewer): CallSummary {
  const { agentId: _agent, ...summary } = visibleCall<CallSummary & { confidential: boolean; agentId: string }>(
    { ...toSummary(r), confidential: r.confidential === 1, agentId: r.agent_id as string },
    viewer,
  );
  return summary;
}

/** The screen pop's recent calls from a number, as the agent taking the next call may see them. */
export function recentCallsByPhone(db: Database.Database, normalized: string, viewer: Viewer, limit = 10): CallSummary[] {
  const sql = `SELECT ${SUMMARY_COLS} FROM call_records WHERE phone_normalized = ? ORDER BY answered_at DESC LIMIT ?`;
  return (stmt(db, sql).all(normalized, limit) as Raw[]).map((r) => visibleSummary(r, viewer));
}

export function recentCallsByCustomer(db: Database.Database, customerId: string, viewer: Viewer, limit = 10): CallSummary[] {
  const sql = `SELECT ${SUMMARY_COLS} FROM call_records WHERE customer_id = ? ORDER BY answered_at DESC LIMIT ?`;
  return (stmt(db, sql).all(customerId, limit) as Raw[]).map((r) => visibleSummary(r, viewer));
}

export function repeatCaller(db: Database.Database, normalized: string, now: Date, excludeId?: string): RepeatCaller {
  const h24 = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const h48 = new Date(now.getTime() - 48 * 3600_000).toISOString();
  const row = stmt(
    db,
    `SELECT sum(answered_at >= ?) AS d1, count(*) AS d2, max(answered_at) AS last FROM call_records
     WHERE phone_normalized = ? AND answered_at >= ? AND voided = 0 AND id != ?`,
  ).get(h24, normalized, h48, excludeId ?? '') as { d1: number | null; d2: number; last: string | null };
  return { within24h: row.d1 ?? 0, within48h: row.d2, lastCallAt: row.last };
}

export interface ListFilter {
  q?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  agentId?: string | undefined;
  includeVoided?: boolean | undefined;
  answeredLate?: boolean | undefined;
  rated?: boolean | undefined;
  limit: number;
  offset: number;
}


/** The call list's own columns; a confidential record's content and phone are blanked and masked for others (visibleCall). */
const LIST_COLS = ['id', 'record_no', 'answered_at', 'category', 'status', 'content', 'agent_name', 'voided', 'phone', 'caller_name', 'organisation',
  'answered_late', 'duration_sec', 'promised_reply_by', 'confidential', 'agent_id'].map((c) => `r.${c}`).join(', ');

export interface CallPage {
  rows: CallListRow[];
  total: number;
  /** The search matched more than `total` records; counting them all would cost more than the page. */
  capped?: boolean;
}

/**
 * The call list: every condition is a bound parameter; only fixed SQL fragments are joined. A search
 * goes through the full-text indexes (callIndex.ts); without one, the answered-time index drives.
 */
export function listCalls(db: Database.Database, f: ListFilter, viewer: Viewer): CallPage {
  const filters = filterSql(f);
  const search = f.q?.trim() ? callSearch(db, f.q.trim(), viewer) : null;
  const toRow = (r: Raw): CallListRow => {
    const { agentId: _agent, ...row } = visibleCall<CallListRow & { confidential: boolean; agentId: string }>(
      {
        ...toSummary(r),
        confidential: r.confidential === 1,
        agentId: r.agent_id as string,
        phone: r.phone as string,
        callerName: r.caller_name as string,
        organisation: r.organisation as string,
        answeredLate: r.answered_late === 1,
        durationSec: (r.duration_sec as number | null) ?? null,
        promisedReplyBy: (r.promised_reply_by as string | null) ?? null,
      },
      viewer,
    );
    return row;
  };
  if (search?.driver) {
    const page = searchPage(db, search, filters, f);
    return { ...page, rows: page.rows.map(toRow) };
  }
  const where = [...filters.sql, ...(search?.sql ?? [])];
  const args = [...filters.args, ...(search?.args ?? [])];
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (stmt(db, `SELECT count(*) AS n FROM call_records r ${clause}`).get(...args) as { n: number }).n;
  const rows = stmt(db, `SELECT ${LIST_COLS} FROM call_records r ${clause} ORDER BY r.answered_at DESC, r.id DESC LIMIT ? OFFSET ?`).all(...args, f.limit, f.offset) as Raw[];
  return { total, rows: rows.map(toRow) };
}

interface Sql {
  sql: string[];
  args: unknown[];
}

function filterSql(f: ListFilter): Sql {
  const out: Sql = { sql: [], args: [] };
  const add = (sql: string, arg?: unknown) => {
    out.sql.push(sql);
    if (arg !== undefined) out.args.push(arg);
  };
  if (!f.includeVoided) add('r.voided = 0');
  if (f.category) add('r.category = ?', f.category);
  if (f.status) add('r.status = ?', f.status);
  if (f.from) add('r.answered_at >= ?', f.from);
  if (f.to) add('r.answered_at < ?', f.to);
  if (f.agentId) add('r.agent_id = ?', f.agentId);
  if (f.answeredLate !== undefined) add('r.answered_late = ?', f.answeredLate ? 1 : 0);
  if (f.rated !== undefined) add(f.rated ? 'r.satisfaction IS NOT NULL' : 'r.satisfaction IS NULL');
  return out;
}

/**
 * One page of a full-text search, newest first. The driving index yields hits by search key, which is
 * answered second then rowid: walking it backwards finds the page's last second (A); the page is then
 * every match from that second on, sorted exactly (B). A common term thus costs about a page of row reads,
 * not one per match. The count stops at CALL_SEARCH_COUNT_CAP.
 */
function searchPage(db: Database.Database, s: CallSearch, filters: Sql, f: ListFilter): Omit<CallPage, 'rows'> & { rows: Raw[] } {
  const d = s.driver!;
  const from = `${d.table} g JOIN call_records r ON r.rowid = (g.rowid & ${ROWID_MASK})`;
  const where = [`g.${d.table} MATCH ?`, ...s.sql, ...filters.sql];
  const args = [d.match, ...s.args, ...filters.args];
  // The date filter is also a range of keys, so that the index skips what lies outside it.
  if (f.from) where.push(`g.rowid >= (coalesce(unixepoch(?), 0) << ${ROWID_BITS})`) && args.push(f.from);
  if (f.to) where.push(`g.rowid < coalesce((unixepoch(?) + 1) << ${ROWID_BITS}, 9223372036854775807)`) && args.push(f.to);
  const clause = where.join(' AND ');
  const n = (stmt(db, `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${clause} LIMIT ${CALL_SEARCH_COUNT_CAP + 1})`).get(...args) as { n: number }).n;
  const last = stmt(db, `SELECT g.rowid >> ${ROWID_BITS} AS s FROM ${from} WHERE ${clause} ORDER BY g.rowid DESC LIMIT 1 OFFSET ?`).get(
    ...args,
    f.offset + f.limit - 1,
  ) as { s: number } | undefined;
  const bound = last ? ` AND g.rowid >= (? << ${ROWID_BITS})` : '';
  const rows = stmt(db, `SELECT ${LIST_COLS} FROM ${from} WHERE ${clause}${bound} ORDER BY r.answered_at DESC, r.id DESC LIMIT ? OFFSET ?`).all(
    ...args,
    ...(last ? [last.s] : []),
    f.limit,
    f.offset,
  ) as Raw[];
  return { rows, total: Math.min(n, CALL_SEARCH_COUNT_CAP), ...(n > CALL_SEARCH_COUNT_CAP ? { capped: true } : {}) };
}
