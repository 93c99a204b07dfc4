import { v7 as uuidv7 } from 'uuid';
import type { CustomerMatch } from '../../../shared/api/types';
import type { Customer } from '../../../shared/domain/customer';
import type { Actor } from '../../../shared/domain/mutation';
import { normalizePhone } from '../../../shared/domain/phone';
import type { CoreContext } from '../context';
import { runSyncMutation } from '../mutate';
import { ApiFailure } from '../errors';
import { recentCallsByCustomer, recentCallsByPhone, repeatCaller } from '../store/calls';
import { audit } from '../store/journal';
import { customersTable } from '../store/tables';
import { settingsOf } from './admin';
import { withCallbacks } from './callbackAuto';
import { actorOf, type HandlerMap } from '../handler';
import { escapeLike } from '../store/sql';
import { stmt } from '../store/stmt';

/**
 * Customers whose number matches in full, or by the local part when the caller's area code is missing.
 * Each alternative is its own index seek: written as one OR, SQLite scanned every customer (a second
 * for a million of them).
 */
export function customersByPhone(ctx: CoreContext, raw: string, areaCode = settingsOf(ctx).areaCode): Customer[] {
  const n = normalizePhone(raw, areaCode);
  if (!n.normalized) return [];
  const byLocal = n.local.length >= 7;
  const phones = byLocal
    ? 'SELECT customer_id FROM customer_phones WHERE normalized IN (?, ?) UNION ALL SELECT customer_id FROM customer_phones WHERE local = ?'
    : 'SELECT customer_id FROM customer_phones WHERE normalized = ?';
  const rows = stmt(ctx.db, `SELECT * FROM customers WHERE id IN (${phones}) ORDER BY updated_at DESC LIMIT 20`).all(
    ...(byLocal ? [n.normalized, n.local, n.local] : [n.normalized]),
  ) as Record<string, unknown>[];
  return rows.map((r) => customersTable.fromRow(r));
}

/**
 * "The number ends in 1234": a walk of the last-four-digits index (migration 004), not a scan of every
 * number. A suffix is shared by about 130 customers in a million; they come newest customer file first
 * (ids are time-ordered), the order the index already has, so that only the customers shown are read.
 */
function customersByLastFour(ctx: CoreContext, digits: string, limit: number): Customer[] {
  const rows = stmt(
    ctx.db,
    `SELECT c.* FROM (SELECT DISTINCT customer_id FROM customer_phones WHERE substr(normalized, -4) = ? ORDER BY customer_id DESC LIMIT ?) p
     JOIN customers c ON c.id = p.customer_id ORDER BY c.id DESC`,
  ).all(digits, limit) as Record<string, unknown>[];
  return rows.map((r) => customersTable.fromRow(r));
}

/**
 * The screen pop's read audit (PRODUCT §8): one row per customer shown, written in one transaction that
 * does not wait for the disk. A power cut can lose only the last such rows, and any later save (which
 * does wait) makes them durable; waiting here would add a disk flush to every incoming call.
 */
function auditScreenPop(ctx: CoreContext, actor: Actor, customerIds: string[]): void {
  if (!customerIds.length) return;
  stmt(ctx.db, 'PRAGMA synchronous = NORMAL').run();
  try {
    ctx.db.transaction(() => {
      for (const id of customerIds) audit(ctx.db, actor, 'view', 'customer', id, 'screen pop');
    })();
  } finally {
    stmt(ctx.db, 'PRAGMA synchronous = FULL').run();
  }
}

export const customerHandlers: HandlerMap<'customers.lookup' | 'customers.search' | 'customers.get' | 'customers.create' | 'customers.update'> = {
  'customers.lookup': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const areaCode = settingsOf(ctx).areaCode;
    const n = normalizePhone(params.phone, areaCode);
    const matches: CustomerMatch[] = customersByPhone(ctx, params.phone, areaCode).map((customer) => ({
      customer,
      recentCalls: recentCallsByCustomer(ctx.db, customer.id, 5),
    }));
    auditScreenPop(ctx, actor, matches.map((m) => m.customer.id));
    return {
      phone: params.phone,
      normalized: n.normalized,
      valid: n.valid,
      matches,
      repeat: repeatCaller(ctx.db, n.normalized, ctx.now()),
      recentCalls: recentCallsByPhone(ctx.db, n.normalized, 10),
    };
  },

  'customers.search': ({ ctx, params }) => {
    const limit = params.limit ?? 30;
    const q = params.q.trim();
    if (/^\d{4}$/.test(q)) return customersByLastFour(ctx, q, limit);
    const like = `%${escapeLike(params.q)}%`;
    const digits = params.q.replace(/\D/g, '');
    const rows = ctx.db
      .prepare(
        `SELECT * FROM customers WHERE id IN (
           SELECT id FROM customers WHERE name LIKE @like ESCAPE '\\' OR organisation LIKE @like ESCAPE '\\'
           UNION SELECT customer_id FROM customer_phones WHERE length(@digits) >= 4 AND normalized LIKE '%' || @digits || '%'
           UNION SELECT customer_id FROM call_records WHERE customer_id IS NOT NULL AND (record_no = @exact OR report_no = @exact)
         ) ORDER BY updated_at DESC LIMIT @limit`,
      )
      .all({ like, digits, exact: q.toUpperCase(), limit }) as Record<string, unknown>[];
    return rows.map((r) => customersTable.fromRow(r));
  },

  'customers.get': ({ ctx, session, params }) => {
    const c = customersTable.get(ctx.db, params.id);
    if (!c) throw new ApiFailure('not_found', `customer ${params.id} does not exist`);
    audit(ctx.db, actorOf(session), 'view', 'customer', c.id);
    return c;
  },

  'customers.create': ({ ctx, session, params }) => {
    const at = ctx.now().toISOString();
    const args = { ...params, id: uuidv7(), at };
    const actor = actorOf(session);
    const c = withCallbacks(ctx, actor, { entity: 'customer', id: args.id }, () => runSyncMutation(ctx, 'customer.create', args, actor));
    ctx.emit('records.changed', { entity: 'customer', ids: [c.id] });
    return c;
  },

  'customers.update': ({ ctx, session, params }) => {
    const at = ctx.now().toISOString();
    const actor = actorOf(session);
    const c = withCallbacks(ctx, actor, { entity: 'customer', id: params.id }, () => runSyncMutation(ctx, 'customer.update', { ...params, at }, actor));
    ctx.emit('records.changed', { entity: 'customer', ids: [c.id] });
    return c;
  },
};
