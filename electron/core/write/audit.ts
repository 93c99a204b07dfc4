import type { Actor } from '../../../shared/domain/mutation';
import type { CoreContext } from '../context';
import { appendAudit, withoutWaitingForDisk } from '../store/audit';

export interface AuditedRead<T = unknown> {
  /** What kind of read: view, search, list, lookup, export, print, reveal, … */
  action: string;
  entity: string;
  detail?: string;
  /**
   * false: the row is committed without waiting for the disk. For reads on the agent's hot path (the
   * screen pop): a power cut can lose only the last such rows, and any later save (which does wait)
   * makes them durable; waiting would add a disk flush to every incoming call.
   */
  durable?: boolean;
  /**
   * The customers the result concerns (a call's, a complaint's customerId), so that the audit viewer
   * can filter by customer. Left out: for entity 'customer' the record ids are the customers; otherwise none.
   */
  customersOf?: (result: T) => readonly (string | null | undefined)[];
}

/**
 * The one way a read of customer data leaves a trace: runs the read, then writes ONE audit row for the
 * request (who, when, what, which records and how many, which customers), chained to the row before it
 * (store/audit.ts). A read that returned nothing showed nothing and writes no row. Every read path that
 * shows customer data goes through it, so what is audited is decided here, not at each call site.
 */
export function auditedRead<T>(ctx: CoreContext, actor: Actor, what: AuditedRead<T>, read: () => T, idsOf: (result: T) => readonly string[]): T {
  const result = read();
  const ids = idsOf(result);
  if (!ids.length) return result;
  const customers = what.customersOf ? what.customersOf(result).filter((c): c is string => !!c) : what.entity === 'customer' ? ids : [];
  const write = ctx.db.transaction(() =>
    appendAudit(ctx.db, { actor, action: what.action, entity: what.entity, recordIds: ids, customerIds: customers, detail: what.detail ?? '', at: ctx.now().toISOString() }),
  );
  if (what.durable !== false || ctx.db.inTransaction) {
    write();
    return result;
  }
  withoutWaitingForDisk(ctx.db, write);
  return result;
}
