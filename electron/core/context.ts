import type Database from 'better-sqlite3';
import type { EventName, Events } from '../../shared/api/events';
import type { Actor, MutationResult } from '../../shared/domain/mutation';
import { ApiFailure } from './errors';
import { enqueue, writeHistory } from './store/journal';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface CoreContext {
  db: Database.Database;
  /** Set by openCore; told after every local write so the outbox is pushed soon. */
  sync?: { trigger(delayMs?: number): void };
  now: () => Date;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  log: Logger;
}

export interface MutationSpec<T> {
  name: string;
  entity: string;
  entityId: string;
  args: unknown;
  actor: Actor;
  at: string;
  load: () => T | null;
  apply: (prev: T | null) => MutationResult<T>;
  save: (next: T, prev: T | null) => void;
  base?: (prev: T | null) => unknown;
}

/**
 * The one way the console writes: domain rule, row, history entry and outbox entry in a single
 * transaction. A refusal throws inside the transaction, so nothing is half-written.
 */
export function runMutation<T>(ctx: CoreContext, spec: MutationSpec<T>): T {
  return ctx.db.transaction(() => {
    const prev = spec.load();
    const res = spec.apply(prev);
    if (!res.ok) throw ApiFailure.from(res);
    if (res.changes.length === 0) return res.next;
    spec.save(res.next, prev);
    const { clientId, mutationId } = enqueue(ctx.db, {
      name: spec.name,
      entity: spec.entity,
      entityId: spec.entityId,
      args: spec.args,
      base: spec.base ? spec.base(prev) : null,
      actor: spec.actor,
      at: spec.at,
    });
    writeHistory(ctx.db, {
      id: `${clientId}:${mutationId}`,
      entity: spec.entity,
      entityId: spec.entityId,
      action: spec.name,
      actor: spec.actor,
      at: spec.at,
      changes: res.changes,
    });
    ctx.sync?.trigger(50);
    return res.next;
  })();
}
