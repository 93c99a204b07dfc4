import type { Actor } from '../../../shared/domain/mutation';
import type { CoreContext } from '../context';
import { audit } from '../store/journal';
import { stmt } from '../store/stmt';

export interface AuditedRead {
  /** What kind of read: a screen pop, opening a record, an export, … */
  action: string;
  entity: string;
  detail?: string;
  /**
   * false: the rows are committed without waiting for the disk. For reads on the agent's hot path (the
   * screen pop): a power cut can lose only the last such rows, and any later save (which does wait)
   * makes them durable; waiting would add a disk flush to every incoming call.
   */
  durable?: boolean;
}

/**
 * The one way a read of customer data leaves a trace: runs the read, then writes an audit row for each
 * record it returned (`idsOf`), who and when, in one transaction. Every read path that shows customer
 * data goes through it, so what is audited is decided here, not at each call site.
 */
export function auditedRead<T>(ctx: CoreContext, actor: Actor, what: AuditedRead, read: () => T, idsOf: (result: T) => readonly string[]): T {
  const result = read();
  const ids = idsOf(result);
  if (!ids.length) return result;
  const write = ctx.db.transaction(() => {
    for (const id of ids) audit(ctx.db, actor, what.action, what.entity, id, what.detail ?? '');
  });
  if (what.durable !== false || ctx.db.inTransaction) {
    write();
    return result;
  }
  stmt(ctx.db, 'PRAGMA synchronous = NORMAL').run();
  try {
    write();
  } finally {
    stmt(ctx.db, 'PRAGMA synchronous = FULL').run();
  }
  return result;
}
