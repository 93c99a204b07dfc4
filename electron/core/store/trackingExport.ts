import type Database from 'better-sqlite3-multiple-ciphers';
import type { TrackingRow, TrackingView } from '../../../shared/domain/tracking';
import { type Viewer, visibleComplaint } from '../../../shared/domain/visibility';
import { deadlineRulesOf, refreshDeadlinesIfRulesChanged } from './complaintIndex';
import { SteppedSort } from './steppedSort';
import { complaintsTable } from './tables';
import { type BoardList, SHEET_COLUMNS, SORT_IN_MEMORY_MAX, SORT_SQL, toTrackingRow, whereOf } from './tracking';

/**
 * Annex 3 in full (the export job of services/tracking.ts): every row of the view, in the sheet's order,
 * found and read a little at a time between other requests.
 *
 * First the view's complaints are selected: a view of a few thousand at most is read at once by its
 * filter's index; a larger one by scanning the table in rowid ranges, keeping each match's rowid and sort
 * keys. Either way they are sorted here. One ORDER BY over the whole view would hold the core for
 * seconds at 200k (the rows are large and an index walk reads each one out of order: 2–4 s for the
 * default sort, measured); a range of the table is a short sequential read. The order is then fixed: each
 * chunk of the file reads its rows by rowid. A save between two chunks neither moves a row into a chunk
 * already written nor out of one still to come: no row is missed or written twice, and each row is written
 * as it stood when its chunk was read. (OFFSET pages would walk the skipped rows again every chunk; keyset
 * pages on the sheet's sorts would repeat its planner for every sort.)
 */

type SortValue = string | number | null;

/**
 * Text as JavaScript compares it (UTF-16 code units) in the order SQLite sorts it (code points, the BINARY
 * collation): the two differ only where a character past U+FFFF (a surrogate pair) meets one in
 * U+E000–U+FFFF. Such text (rare: some names and emoji) is remapped once, so that the sort can use the
 * engine's own comparison (a character-by-character comparison in script took over a second at 200k).
 */
const PAST_D800 = /[\ud800-\uffff]/;
function inCodePointOrder(v: SortValue): SortValue {
  if (typeof v !== 'string' || !PAST_D800.test(v)) return v;
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    out += String.fromCharCode(c < 0xd800 ? c : c < 0xe000 ? c + 0x2000 : c - 0x800);
  }
  return out;
}

/** SQLite's order of values: NULL, then numbers, then text (remapped above). */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}

/** The view's complaints, selected a range of the table at a time (`step`), then in the sheet's order (`keys`). */
export class TrackingExportSelection {
  /** The highest rowid when the selection began: complaints added later are not in the file. */
  readonly end: number;
  /** Rowids scanned so far, of `end`. */
  scanned = 0;
  private found: SortValue[][] = [];
  private readonly sql: string;
  private readonly head: unknown[];
  private readonly tail: unknown[];
  private readonly desc: boolean[];

  constructor(
    private readonly db: Database.Database,
    view: TrackingView,
    now: Date,
    list?: BoardList,
    viewer?: Viewer,
  ) {
    refreshDeadlinesIfRulesChanged(db);
    const where = whereOf(db, view, now, list, viewer);
    const desc = (view.dir ?? 'desc') !== 'asc';
    const sort = view.sort ?? 'receivedAt';
    // The same keys as queryTracking's ORDER BY: an empty-cell flag always ascends; the id breaks ties.
    const terms = SORT_SQL[sort];
    this.desc = [...terms.map((k) => !k.endsWith('IS NULL)') && desc), desc];
    const select = `SELECT complaints.rowid, ${terms.map((k) => `(${k})`).join(', ')}, id FROM complaints`;
    this.head = sort === 'daysOpen' ? [now.toISOString()] : [];
    this.tail = where.args;
    this.end = (db.prepare('SELECT max(rowid) FROM complaints').pluck().get() as number | null) ?? 0;
    // NOT INDEXED: the range of rowids drives each step (another index would walk all its matches every step).
    this.sql = `${select} NOT INDEXED WHERE complaints.rowid > ? AND complaints.rowid <= ? AND (${where.sql})`;
    const few = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM complaints WHERE ${where.sql} LIMIT ${SORT_IN_MEMORY_MAX + 1})`).pluck().get(...where.args) as number;
    if (few <= SORT_IN_MEMORY_MAX) {
      this.found = (db.prepare(`${select} WHERE ${where.sql}`).raw().all(...this.head, ...where.args) as SortValue[][]).map((r) => r.map(inCodePointOrder));
      this.scanned = this.end;
    }
  }

  private sorting: SteppedSort<SortValue[]> | null = null;

  /**
   * Scans the next `span` rowids; once the table is scanned, sorts about `span` × 20 matches a step.
   * True when the matches are in order (then `keys`).
   */
  step(span: number): boolean {
    if (this.scanned < this.end) {
      const to = Math.min(this.end, this.scanned + span);
      const rows = this.db.prepare(this.sql).raw().all(...this.head, this.scanned, to, ...this.tail) as SortValue[][];
      for (const r of rows) this.found.push(r.map(inCodePointOrder));
      this.scanned = to;
      return false;
    }
    const { desc } = this;
    this.sorting ??= new SteppedSort(this.found, (a, b) => {
      for (let i = 0; i < desc.length; i++) {
        const c = compareValues(a[i + 1]!, b[i + 1]!);
        if (c) return desc[i] ? -c : c;
      }
      return 0;
    });
    return this.sorting.step(span * 20);
  }

  /** The matches' rowids in the sheet's order, once `step` has said so. */
  keys(): number[] {
    if (!this.sorting) throw new Error('the selection is not sorted yet');
    const keys = this.sorting.sorted.map((r) => r[0] as number);
    this.found = [];
    this.sorting = null;
    return keys;
  }
}

/**
 * The view's rowids in the sheet's order, in one go: the selection above without the steps, for a single
 * request (the full print's keys). At 200k complaints this holds the thread for the whole scan (about a
 * second); a job steps a TrackingExportSelection instead.
 */
export function trackingExportKeys(db: Database.Database, view: TrackingView, now: Date, list?: BoardList, viewer?: Viewer): number[] {
  const selection = new TrackingExportSelection(db, view, now, list, viewer);
  while (!selection.step(Number.MAX_SAFE_INTEGER));
  return selection.keys();
}

/** The sheet's rows of these complaints, in the order given (a confidential one blanked for a viewer who may not see it). */
export function trackingRowsByKeys(db: Database.Database, keys: readonly number[], now: Date, viewer?: Viewer): TrackingRow[] {
  if (!keys.length) return [];
  const found = db
    .prepare(`SELECT rowid AS row_key, ${SHEET_COLUMNS} FROM complaints WHERE rowid IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(keys)) as Record<string, unknown>[];
  const byKey = new Map(found.map((r) => [r.row_key as number, r]));
  const rules = deadlineRulesOf(db);
  const out: TrackingRow[] = [];
  for (const k of keys) {
    const r = byKey.get(k);
    if (!r) continue;
    const c = complaintsTable.fromRow(r);
    out.push(toTrackingRow(viewer ? visibleComplaint(c, viewer) : c, rules, now));
  }
  return out;
}
