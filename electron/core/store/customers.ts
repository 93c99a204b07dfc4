import type Database from 'better-sqlite3-multiple-ciphers';
import type { Customer } from '../../../shared/domain/customer';
import { normalizePhone } from '../../../shared/domain/phone';
import { escapeLike } from './sql';
import { stmt } from './stmt';
import { customersTable } from './tables';

/**
 * Customers whose number matches in full, or by the local part when the caller's area code is missing.
 * Each alternative is its own index seek: written as one OR, SQLite scanned every customer (a second
 * for a million of them).
 */
export function customersByPhone(db: Database.Database, raw: string, areaCode: string): Customer[] {
  const n = normalizePhone(raw, areaCode);
  if (!n.normalized) return [];
  const byLocal = n.local.length >= 7;
  const phones = byLocal
    ? 'SELECT customer_id FROM customer_phones WHERE normalized IN (?, ?) UNION ALL SELECT customer_id FROM customer_phones WHERE local = ?'
    : 'SELECT customer_id FROM customer_phones WHERE normalized = ?';
  const rows = stmt(db, `SELECT * FROM customers WHERE id IN (${phones}) ORDER BY updated_at DESC LIMIT 20`).all(
    ...(byLocal ? [n.normalized, n.local, n.local] : [n.normalized]),
  ) as Record<string, unknown>[];
  return rows.map((r) => customersTable.fromRow(r));
}

/**
 * "The number ends in 1234": a walk of the last-four-digits index (migration 004), not a scan of every
 * number. A suffix is shared by about 130 customers in a million; they come newest customer file first
 * (ids are time-ordered), the order the index already has, so that only the customers shown are read.
 */
export function customersByLastFour(db: Database.Database, digits: string, limit: number): Customer[] {
  const rows = stmt(
    db,
    `SELECT c.* FROM (SELECT DISTINCT customer_id FROM customer_phones WHERE substr(normalized, -4) = ? ORDER BY customer_id DESC LIMIT ?) p
     JOIN customers c ON c.id = p.customer_id ORDER BY c.id DESC`,
  ).all(digits, limit) as Record<string, unknown>[];
  return rows.map((r) => customersTable.fromRow(r));
}

/** Name, organisation, part of a number (4+ digits), or the exact record or report number of one of their calls. */
export function searchCustomers(db: Database.Database, query: string, limit: number, keyAccountsOnly = false): Customer[] {
  const q = query.trim();
  if (/^\d{4}$/.test(q)) return customersByLastFour(db, q, limit).filter((c) => c.keyAccount || !keyAccountsOnly);
  const like = `%${escapeLike(query)}%`;
  const digits = query.replace(/\D/g, '');
  const rows = db
    .prepare(
      `SELECT * FROM customers WHERE id IN (
         SELECT id FROM customers WHERE name LIKE @like ESCAPE '\\' OR organisation LIKE @like ESCAPE '\\'
         UNION SELECT customer_id FROM customer_phones WHERE length(@digits) >= 4 AND normalized LIKE '%' || @digits || '%'
         UNION SELECT customer_id FROM call_records WHERE customer_id IS NOT NULL AND (record_no = @exact OR report_no = @exact)
       ) AND (@keyAccountsOnly = 0 OR key_account = 1) ORDER BY updated_at DESC LIMIT @limit`,
    )
    .all({ like, digits, exact: q.toUpperCase(), limit, keyAccountsOnly: keyAccountsOnly ? 1 : 0 }) as Record<string, unknown>[];
  return rows.map((r) => customersTable.fromRow(r));
}

/**
 * The customer page before anything is searched: the files touched most recently first (created or edited), optionally only key accounts. A top-N sort over the customers: milliseconds at
 * tens of thousands of files; there is no index on updated_at (a migration could add one if stores grow).
 */
export function recentCustomers(db: Database.Database, limit: number, keyAccountsOnly: boolean): Customer[] {
  const rows = stmt(db, `SELECT * FROM customers ${keyAccountsOnly ? 'WHERE key_account = 1' : ''} ORDER BY updated_at DESC, id DESC LIMIT ?`).all(
    limit,
  ) as Record<string, unknown>[];
  return rows.map((r) => customersTable.fromRow(r));
}
