import type Database from 'better-sqlite3-multiple-ciphers';
import type { Events } from '../../../shared/api/events';
import type { CoreContext } from '../context';

export type ChangedEntity = Events['records.changed']['entity'];

/**
 * One unit of work: the records a write touched, collected while its transaction is open and told to
 * the UI once it has committed. Nested units (a handler's transaction around a mutation around a
 * trigger) fold into the outermost one, so a whole request makes one `records.changed` per entity, and
 * a unit that rolls back tells nobody anything.
 */
interface Unit {
  touched: Map<ChangedEntity, Set<string>>;
  /** An outbox entry was written: the sync engine should push soon. */
  queued: boolean;
}

// Keyed by the connection: better-sqlite3 is synchronous, so one connection has at most one unit open
// at a time and nothing can interleave with it.
const open = new WeakMap<Database.Database, Unit>();

/**
 * Runs `fn` in a transaction as a unit of work; the one way a handler groups writes. After the commit
 * it emits `records.changed` for every entity touched and wakes the sync engine; on a throw it emits
 * nothing and rethrows.
 */
export function writeTx<T>(ctx: CoreContext, fn: () => T): T {
  const parent = open.get(ctx.db);
  if (!parent && ctx.db.inTransaction) {
    // A transaction opened outside the write path would commit after our events went out.
    throw new Error('writeTx: a write must not run inside a transaction opened outside the write path');
  }
  const unit: Unit = { touched: new Map(), queued: false };
  open.set(ctx.db, unit);
  let result: T;
  try {
    result = ctx.db.transaction(fn)();
  } finally {
    if (parent) open.set(ctx.db, parent);
    else open.delete(ctx.db);
  }
  if (parent) {
    // Committed only as far as a savepoint: the outer unit reports it when (and if) it commits.
    for (const [entity, ids] of unit.touched) for (const id of ids) mark(parent, entity, id);
    parent.queued ||= unit.queued;
    return result;
  }
  for (const [entity, ids] of unit.touched) ctx.emit('records.changed', { entity, ids: [...ids] });
  if (unit.queued) ctx.sync?.trigger(50);
  return result;
}

function mark(unit: Unit, entity: ChangedEntity, id: string): void {
  const ids = unit.touched.get(entity);
  if (ids) ids.add(id);
  else unit.touched.set(entity, new Set([id]));
}

function current(ctx: CoreContext): Unit {
  const unit = open.get(ctx.db);
  if (!unit) throw new Error('write path: touch() outside writeTx');
  return unit;
}

/** Records that the open unit changed a record (`queued`: it also wrote an outbox entry). */
export function touch(ctx: CoreContext, entity: ChangedEntity, id: string, queued = false): void {
  const unit = current(ctx);
  mark(unit, entity, id);
  unit.queued ||= queued;
}
