import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from './stmt';

type Kind = 'text' | 'int' | 'bool' | 'json';
type Row = Record<string, unknown>;

/** camelCase field → snake_case column; every column of a record table follows this rule. */
const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Maps a domain record to its STRICT table and back. Values are always bound, never spliced into
 * SQL; only the (fixed) column names are.
 */
export class Table<T extends { id: string }> {
  private readonly fields: string[];
  /** The column of each field, worked out once: mapping a page of rows must not run a regex per cell. */
  private readonly columns: string[];
  private readonly upsertSql: string;
  private readonly getSql: string;

  /**
   * `defaults` fill fields a record lacks: rows pulled from a hub, or rebased from a base, that were
   * written before the field existed.
   */
  constructor(
    readonly name: string,
    private readonly kinds: { [K in keyof T & string]: Kind },
    private readonly defaults: Partial<T> = {},
  ) {
    this.fields = Object.keys(kinds);
    const cols = this.fields.map(column);
    this.columns = cols;
    const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
    this.upsertSql = `INSERT INTO ${name} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})
      ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')}`;
    this.getSql = `SELECT * FROM ${name} WHERE id = ?`;
  }

  toRow(record: T): Row {
    const row: Row = {};
    this.fields.forEach((f, i) => {
      const given = (record as Record<string, unknown>)[f];
      const v = given === undefined ? (this.defaults as Record<string, unknown>)[f] : given;
      const kind = this.kinds[f as keyof T & string];
      row[this.columns[i]!] = v === null || v === undefined ? null : kind === 'bool' ? (v ? 1 : 0) : kind === 'json' ? JSON.stringify(v) : v;
    });
    return row;
  }

  fromRow(row: Row): T {
    const out: Record<string, unknown> = {};
    this.fields.forEach((f, i) => {
      const v = row[this.columns[i]!];
      const kind = this.kinds[f as keyof T & string];
      out[f] = v === null || v === undefined ? null : kind === 'bool' ? v === 1 : kind === 'json' ? JSON.parse(v as string) : v;
    });
    return out as T;
  }

  upsert(db: Database.Database, record: T): void {
    stmt(db, this.upsertSql).run(this.toRow(record));
  }

  get(db: Database.Database, id: string): T | null {
    const row = stmt(db, this.getSql).get(id) as Row | undefined;
    return row ? this.fromRow(row) : null;
  }
}
