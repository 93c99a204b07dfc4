import type Database from 'better-sqlite3-multiple-ciphers';
import { localDay, NO_OVERRIDES, startOfLocalMonth } from '../../../shared/domain/calendar';
import type { Complaint } from '../../../shared/domain/complaint';
import { complaintClocks, type DeadlineRules } from '../../../shared/domain/deadlines';
import { daysBetween, type TrackingPage, type TrackingRow, type TrackingSortField, type TrackingView } from '../../../shared/domain/tracking';
import { type Viewer, visibleComplaint } from '../../../shared/domain/visibility';
import { ApiFailure } from '../errors';
import { COMPLAINT_ROWID_BITS, COMPLAINT_ROWID_MASK, deadlineRulesOf, refreshDeadlinesIfRulesChanged } from './complaintIndex';
import { confidentialSearchCondition } from './complaints';
import { escapeLike } from './sql';
import { spacedControls } from './callIndex';
import { complaintsTable } from './tables';
import { REPLY_MET_SQL, REPLY_MISSED_SQL } from './trends';

/** The tracking sheet (annex 3): its condition, its page plans and its queries. */

export const OPEN_STATUSES = "('registered','in_handling','handled','awaiting_approval')";
/** An export is built in memory and handed to the renderer in one answer; beyond this, narrow the view. */
export const EXPORT_MAX_ROWS = 100_000;

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
const iso = (s: string) => new Date(s).toISOString();
const nullable = (col: string) => [`(${col} IS NULL)`, col];

/** Sort keys; nullable columns sort their empty cells last in both directions. */
export const SORT_SQL: Record<TrackingSortField, string[]> = {
  complaintNo: ['complaint_no'],
  receivedAt: ['received_at'],
  complainant: ['complainant'],
  phone: ['phone'],
  severity: ["CASE severity WHEN 'general' THEN 0 WHEN 'major' THEN 1 ELSE 2 END"],
  departments: ['departments'],
  handlerName: ['handler_name'],
  status: [
    "CASE status WHEN 'registered' THEN 0 WHEN 'in_handling' THEN 1 WHEN 'handled' THEN 2 WHEN 'awaiting_approval' THEN 3 WHEN 'closed' THEN 4 ELSE 5 END",
  ],
  result: ['result'],
  completedAt: nullable('completed_at'),
  callbackDueAt: nullable('callback_due_at'),
  callbackAt: nullable('callback_at'),
  callbackResult: nullable('callback_result'),
  rectification: ['rectification_dept', 'rectification_note'],
  closedAt: nullable('closed_at'),
  // The one key with a bound value (now): days open of an open complaint grow with time.
  daysOpen: ["julianday(CASE status WHEN 'voided' THEN updated_at ELSE coalesce(closed_at, ?) END) - julianday(received_at)"],
  nextDeadline: nullable('next_deadline'),
};

/** Drill-downs of the team-lead board that the filters alone cannot express. */
export type BoardList = 'escalation_overdue' | 'unreported_major' | 'callback_month';

interface Where {
  sql: string;
  args: unknown[];
  /**
   * A search term with many hits: `rest` is the condition without it. With nothing else to narrow the view
   * (`narrowed` false) the count is driven by the term's full-text index (a join, stopping at the search
   * cap); sorted by received time, so is the page (its hits come in received order, migration 006).
   */
  dense?: { table: string; match: string; rest: Where; narrowed: boolean };
  /** The view is limited to one channel: its index (channel, received_at, …) delivers received-time order. */
  channel?: boolean;
  /** A search term with many hits is part of the view: the count stops at SEARCH_COUNT_CAP. */
  searchesMany?: boolean;
}

/**
 * One search term → a condition on the complaint's rowid. Three characters or more: the trigram index.
 * One or two letters/digits: the two-character token index ("投诉" is a token, "投" a prefix). A short
 * term with punctuation (rare) falls back to LIKE.
 */
function termCondition(db: Database.Database, term: string): Where & { fts?: { table: string; match: string; dense: boolean } } {
  const chars = Array.from(term);
  const lower = term.toLowerCase();
  const fts =
    chars.length >= 3
      ? { table: 'complaints_fts', match: `"${term.replace(/"/g, '""')}"` }
      : /^[\p{L}\p{N}]+$/u.test(lower)
        ? { table: 'complaints_grams', match: chars.length === 1 ? `"${lower}"*` : `"${lower}"` }
        : null;
  if (fts) {
    // A term with few hits drives the query: a lookup per hit. One with many ("退款" is in a quarter of all
    // complaints) becomes a set of rowids that rows are checked against (`+rowid`: not a lookup) while the
    // other filters' indexes or the sort index drive; a lookup of every hit would cost more than the page.
    // (Probing FTS5 row by row instead costs ~50 µs a row: worse unless nearly every row matches.)
    const hits = (db.prepare(`SELECT count(*) AS n FROM (SELECT rowid FROM ${fts.table} WHERE ${fts.table} MATCH ? LIMIT ${SORT_IN_MEMORY_MAX + 1})`).get(fts.match) as { n: number }).n;
    const dense = hits > SORT_IN_MEMORY_MAX;
    // Both indexes key a row by received second and rowid (migration 006): the low bits are the rowid.
    const sql = `${dense ? '+' : ''}complaints.rowid IN (SELECT rowid & ${COMPLAINT_ROWID_MASK} FROM ${fts.table} WHERE ${fts.table} MATCH ?)`;
    return { sql, args: [fts.match], fts: { ...fts, dense } };
  }
  const like = `%${escapeLike(term)}%`;
  const cols = ['complaint_no', 'complainant', 'organisation', 'phone', 'problem', 'result'];
  return { sql: `(${cols.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, args: cols.map(() => like) };
}

export function whereOf(db: Database.Database, view: TrackingView, now: Date, list?: BoardList, viewer?: Viewer): Where {
  const nowIso = now.toISOString();
  const parts: string[] = [];
  const args: unknown[] = [];
  const add = (w: Where) => {
    parts.push(w.sql);
    args.push(...w.args);
  };
  if (view.status?.length) add({ sql: `status IN (${view.status.map(() => '?').join(',')})`, args: view.status });
  else parts.push("status != 'voided'");
  if (view.severity?.length) add({ sql: `severity IN (${view.severity.map(() => '?').join(',')})`, args: view.severity });
  if (view.department?.trim()) add({ sql: "departments LIKE ? ESCAPE '\\'", args: [`%${escapeLike(JSON.stringify(view.department.trim()))}%`] });
  if (view.handlerId) add({ sql: 'handler_id = ?', args: [view.handlerId] });
  if (view.channel) add({ sql: 'channel = ?', args: [view.channel] });
  if (view.from) add({ sql: 'received_at >= ?', args: [iso(view.from)] });
  if (view.to) add({ sql: 'received_at < ?', args: [iso(view.to)] });
  // Written against the next-deadline index's leading expression so that the overdue range is an index range.
  if (view.overdue) add({ sql: '(next_deadline IS NULL) = 0 AND next_deadline < ?', args: [nowIso] });
  // The board's deadline-compliance trend counts with these very conditions (store/trends.ts).
  if (view.replyDueFrom) add({ sql: 'agreed_reply_by >= ?', args: [iso(view.replyDueFrom)] });
  if (view.replyDueTo) add({ sql: 'agreed_reply_by < ?', args: [iso(view.replyDueTo)] });
  if (view.replyDue === 'met') add({ sql: REPLY_MET_SQL, args: [] });
  if (view.replyDue === 'missed') add({ sql: REPLY_MISSED_SQL, args: [nowIso] });
  let dense: { table: string; match: string; at: number } | undefined;
  const terms = spacedControls(view.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const term of terms) {
    const w = termCondition(db, term);
    if (w.fts?.dense && !dense) dense = { table: w.fts.table, match: w.fts.match, at: parts.length };
    add(w);
  }
  // A confidential complaint of others matches only on its shown columns (the sheet is the leads' today,
  // who see every complaint in full: then there is no such condition).
  const hidden = viewer ? confidentialSearchCondition(viewer, terms.map((t) => `%${escapeLike(t)}%`)) : null;
  if (hidden) add(hidden);
  if (list) add(boardListCondition(db, list, now));
  const out: Where = { sql: parts.join(' AND '), args, ...(dense ? { searchesMany: true } : {}), ...(view.channel ? { channel: true } : {}) };
  // Another filter narrows the view: SQLite drives the count by that filter's index and probes the term.
  const narrowed = parts.length > (dense ? 2 : 1);
  if (dense) {
    // The same condition without the dense term (its argument sits at the same position among the placeholders).
    const before = parts.slice(0, dense.at).join(' AND ');
    const argAt = (before.match(/\?/g) ?? []).length;
    const rest = parts.filter((_, i) => i !== dense.at);
    out.dense = { table: dense.table, match: dense.match, rest: { sql: rest.join(' AND ') || '1', args: args.filter((_, i) => i !== argAt) }, narrowed };
  }
  return out;
}

/** Drill-downs of the board that are complaint lists; the board counts with the same condition. */
export function boardListCondition(db: Database.Database, list: BoardList, now: Date): Where {
  switch (list) {
    case 'escalation_overdue': {
      const cutoff = new Date(now.getTime() - deadlineRulesOf(db).escalateMinutes * 60_000).toISOString();
      return { sql: "status IN ('registered','in_handling') AND escalated_at IS NULL AND assigned_at IS NULL AND received_at < ?", args: [cutoff] };
    }
    case 'unreported_major':
      return { sql: `severity != 'general' AND reported_at IS NULL AND status IN ${OPEN_STATUSES}`, args: [] };
    case 'callback_month':
      return { sql: 'callback_at >= ?', args: [startOfLocalMonth(localDay(now.toISOString()))] };
  }
}

const visibleOf = (c: Complaint, viewer: Viewer | undefined): Complaint => (viewer ? visibleComplaint(c, viewer) : c);

export function toTrackingRow(c: Complaint, rules: DeadlineRules, now: Date): TrackingRow {
  const clocks = complaintClocks(c, { rules, overrides: NO_OVERRIDES }, now);
  const nowIso = now.toISOString();
  const end = c.status === 'voided' ? c.updatedAt : (c.closedAt ?? nowIso);
  const running = c.status !== 'closed' && c.status !== 'voided';
  return {
    id: c.id,
    complaintNo: c.complaintNo,
    receivedAt: c.receivedAt,
    channel: c.channel,
    complainant: c.complainant,
    organisation: c.organisation,
    phone: c.phone,
    problem: cut(c.problem, 80),
    severity: c.severity,
    type: c.type,
    departments: c.departments,
    handlerName: c.handlerName,
    status: c.status,
    result: cut(c.result, 80),
    completedAt: c.completedAt,
    callbackDueAt: c.callbackDueAt,
    callbackAt: c.callbackAt,
    callbackResult: c.callbackResult,
    rectificationDept: c.rectificationDept,
    rectificationNote: cut(c.rectificationNote, 80),
    closedAt: c.closedAt,
    round: c.round,
    repeatIndex: c.repeatIndex,
    daysOpen: daysBetween(c.receivedAt, end),
    nextDeadline: running ? (clocks.filter((k) => !k.doneAt).map((k) => k.dueAt).sort()[0] ?? null) : null,
    overdue: running ? clocks.filter((k) => k.state === 'breached').map((k) => k.kind) : [],
    late: clocks.filter((k) => k.state === 'met_late').map((k) => k.kind),
    warning: running ? clocks.filter((k) => k.state === 'warning').map((k) => k.kind) : [],
  };
}

export interface QueryOptions {
  limit: number;
  offset: number;
  list?: BoardList;
  count?: boolean;
  /** Who reads the sheet: a confidential complaint they may not see in full has its hidden fields blanked. */
  viewer?: Viewer;
}

/** Counts stop here: "10000+" is all the sheet shows, and an exact count of 200k rows costs more than the page. */
export const COUNT_CAP = 10_000;
/** A search term found in thousands of complaints is counted to here ("1000+"): each counted hit is a row lookup. */
export const SEARCH_COUNT_CAP = 1_000;
/** Up to this many matches the rows are found by the filter's own index and sorted; beyond it, the sort index is walked. */
export const SORT_IN_MEMORY_MAX = 2_000;

/** Sorts an index delivers in order (migrations 002–003), walked when a view matches many rows. */
const SORT_INDEX: Partial<Record<TrackingSortField, Partial<Record<'ASC' | 'DESC', string>>>> = {
  receivedAt: { ASC: 'complaints_received', DESC: 'complaints_received' },
  nextDeadline: { ASC: 'complaints_next_deadline' },
};

/**
 * How the page query is run; exported for the query-plan tests. `channel_index` walks the channel's own
 * index in received order; `search_walk` walks a common search term's hits in received order.
 */
export type PagePlan = 'filter_index' | 'sort_index' | 'channel_index' | 'search_walk' | 'planner';

/**
 * The columns a sheet row is made of (its cells and its clocks). The rest of the record (rounds, sign-offs,
 * investigation…) stays on disk: reading and parsing it for a page of 100 cost more than the query.
 */
export const SHEET_COLUMNS = [
  'id', 'complaint_no', 'received_at', 'channel', 'complainant', 'organisation', 'phone', 'problem', 'severity', 'type', 'departments',
  'handler_name', 'status', 'result', 'completed_at', 'callback_due_at', 'callback_at', 'callback_result', 'rectification_dept',
  'rectification_note', 'closed_at', 'round', 'repeat_index', 'updated_at', 'escalated_at', 'assigned_at', 'reported_at', 'agreed_reply_by',
  'confidential', 'receiving_agent_id', 'handler_id',
].join(', ');

export function pageSql(where: string, order: string[], plan: PagePlan, sort: TrackingSortField, dir: 'ASC' | 'DESC'): string {
  const index = plan === 'channel_index' ? 'complaints_channel' : SORT_INDEX[sort]?.[dir];
  if ((plan === 'sort_index' || plan === 'channel_index') && index)
    return `SELECT ${SHEET_COLUMNS} FROM complaints INDEXED BY ${index} WHERE ${where} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`;
  // A unary plus keeps the sort keys from matching an index, so SQLite finds the few matches by the filter's
  // index and sorts them, instead of walking the whole sort index for them.
  if (plan === 'filter_index') return `SELECT ${SHEET_COLUMNS} FROM complaints WHERE ${where} ORDER BY ${order.map((k) => `+${k}`).join(', ')} LIMIT ? OFFSET ?`;
  return `SELECT ${SHEET_COLUMNS} FROM complaints WHERE ${where} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`;
}

/**
 * One page of a view whose common search term drives it, sorted by received time. The term's index yields
 * hits by search key (received second, then rowid): walking it in the sort's direction finds the page's last
 * second; the page is then every match up to that second, sorted exactly. A term in 57k complaints thus
 * costs about a page of row reads instead of reading its whole hit list (the call list does the same).
 */
export function searchWalkSql(d: NonNullable<Where['dense']>, dir: 'ASC' | 'DESC'): { edge: string; page: (bounded: boolean) => string } {
  const from = `${d.table} g JOIN complaints ON complaints.rowid = (g.rowid & ${COMPLAINT_ROWID_MASK})`;
  const clause = `g.${d.table} MATCH ? AND ${d.rest.sql}`;
  const bound = dir === 'DESC' ? ` AND g.rowid >= (? << ${COMPLAINT_ROWID_BITS})` : ` AND g.rowid < ((? + 1) << ${COMPLAINT_ROWID_BITS})`;
  return {
    edge: `SELECT g.rowid >> ${COMPLAINT_ROWID_BITS} AS s FROM ${from} WHERE ${clause} ORDER BY g.rowid ${dir} LIMIT 1 OFFSET ?`,
    page: (bounded) => `SELECT ${SHEET_COLUMNS} FROM ${from} WHERE ${clause}${bounded ? bound : ''} ORDER BY received_at ${dir}, id ${dir} LIMIT ? OFFSET ?`,
  };
}

function searchWalk(db: Database.Database, d: NonNullable<Where['dense']>, dir: 'ASC' | 'DESC', limit: number, offset: number): Record<string, unknown>[] {
  const sql = searchWalkSql(d, dir);
  const args = [d.match, ...d.rest.args];
  const edge = db.prepare(sql.edge).get(...args, offset + limit - 1) as { s: number } | undefined;
  return db.prepare(sql.page(!!edge)).all(...args, ...(edge ? [edge.s] : []), limit, offset) as Record<string, unknown>[];
}

/** The page plan for a count of `n` matches (`capped`: more than the count cap). */
export function planOf(where: Where, sort: TrackingSortField, dir: 'ASC' | 'DESC', n: number, capped: boolean): PagePlan {
  if (!capped && n <= SORT_IN_MEMORY_MAX) return 'filter_index';
  if (sort === 'receivedAt' && where.dense) return 'search_walk';
  if (sort === 'receivedAt' && where.channel) return 'channel_index';
  return SORT_INDEX[sort]?.[dir] ? 'sort_index' : 'planner';
}

/**
 * The sheet: filter + sort + one page, in a few milliseconds over 200k complaints (docs/performance.md).
 * The matches are counted first, up to COUNT_CAP; that count picks the plan:
 *  - few matches: fetch them by the filter's index (severity, overdue, search, status…) and sort them;
 *  - many: walk the sort's index in order and keep the rows that match, stopping after the page
 *    (a large search result is a set of rowids checked as the index goes by); by received time, a
 *    channel's own index, or a common search term's hits, which come in received order (searchWalk);
 *  - many and no index for the sort: leave it to SQLite (a sort of every match).
 */
export function queryTracking(db: Database.Database, view: TrackingView, opts: QueryOptions, now: Date): TrackingPage {
  refreshDeadlinesIfRulesChanged(db);
  const where = whereOf(db, view, now, opts.list, opts.viewer);
  const dir = (view.dir ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
  const sort = view.sort ?? 'receivedAt';
  const keys = SORT_SQL[sort];
  const orderArgs = sort === 'daysOpen' ? [now.toISOString()] : [];
  // Empty cells last in both directions: the IS NULL flag always ascends.
  const order = [...keys.map((k) => (k.endsWith('IS NULL)') ? `${k} ASC` : `${k} ${dir}`)), `id ${dir}`];
  const countCap = where.searchesMany ? SEARCH_COUNT_CAP : COUNT_CAP;
  // An export needs no count, only the choice of plan.
  const cap = opts.count === false ? Math.min(countCap, SORT_IN_MEMORY_MAX) : countCap;
  const d = where.dense;
  const matches = (
    d && !d.narrowed
      ? db
          .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${d.table} JOIN complaints ON complaints.rowid = (${d.table}.rowid & ${COMPLAINT_ROWID_MASK}) WHERE ${d.table} MATCH ? AND ${d.rest.sql} LIMIT ${cap + 1})`)
          .get(d.match, ...d.rest.args)
      : db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM complaints WHERE ${where.sql} LIMIT ${cap + 1})`).get(...where.args)
  ) as { n: number };
  const capped = matches.n > cap;
  const plan = planOf(where, sort, dir, matches.n, capped);
  const rows =
    plan === 'search_walk' && d
      ? searchWalk(db, d, dir, opts.limit, opts.offset)
      : (db.prepare(pageSql(where.sql, order, plan, sort, dir)).all(...where.args, ...orderArgs, opts.limit, opts.offset) as Record<string, unknown>[]);
  // The rules are read once per query (a settings read per row cost more than the query itself).
  const rules = deadlineRulesOf(db);
  const page: TrackingPage = { total: -1, rows: rows.map((r) => toTrackingRow(visibleOf(complaintsTable.fromRow(r), opts.viewer), rules, now)), asOf: now.toISOString() };
  if (opts.count !== false) {
    page.total = Math.min(matches.n, cap);
    if (capped) page.capped = true;
  }
  return page;
}

/**
 * The rows of an export: the whole view, uncounted. Refused beyond EXPORT_MAX_ROWS rather than cut short,
 * so that an exported file is never silently missing rows.
 */
export function queryTrackingExport(db: Database.Database, view: TrackingView, now: Date, list?: BoardList, viewer?: Viewer): TrackingPage {
  const page = queryTracking(db, view, { limit: EXPORT_MAX_ROWS + 1, offset: 0, count: false, ...(list ? { list } : {}), ...(viewer ? { viewer } : {}) }, now);
  if (page.rows.length > EXPORT_MAX_ROWS)
    throw new ApiFailure('invalid_params', `the view has more than ${EXPORT_MAX_ROWS} rows; narrow it before exporting`, [
      { field: '(params)', code: 'out_of_range', message: 'too many rows to export', params: { maximum: EXPORT_MAX_ROWS } },
    ]);
  return page;
}
