import type { Actor } from '../../../shared/domain/mutation';
import type { z } from 'zod';
import type { MUTATIONS, SyncEntity, SyncMutationName } from '../../../shared/domain/mutations';
import type { CoreContext } from '../context';
import { CALLBACK_TRIGGERS } from './callbackTriggers';

/**
 * Which handler caused a mutation. The callback screen records a complaint callback and then moves
 * the complaint; the complaint's trigger must not settle that callback a second time.
 */
export type MutationOrigin = 'callback';

/** What a trigger is told: one local mutation that changed a record, inside its open transaction. */
export interface MutationEvent {
  name: SyncMutationName;
  entity: SyncEntity;
  id: string;
  args: unknown;
  actor: Actor;
  prev: unknown;
  next: unknown;
  origin: MutationOrigin | undefined;
}

/**
 * A follow-up of a local mutation, run in the same transaction: it may run further mutations (which
 * fire their own triggers). Pulled changes fire none: the workstation that made the change ran them,
 * and their records arrive by sync like any other.
 */
export type Trigger = (ctx: CoreContext, e: MutationEvent, run: RunSync) => void;

/** runSyncMutation, handed to triggers so that the registry does not import the write path back. */
export type RunSync = <N extends SyncMutationName>(name: N, args: z.output<(typeof MUTATIONS)[N]['args']>, actor: Actor) => unknown;

/**
 * The registry: every follow-up the core makes after a write, per entity. A new record type that
 * calls for follow-up records adds its triggers here; no handler wraps its own.
 */
export const TRIGGERS: { readonly [E in SyncEntity]?: readonly Trigger[] } = {
  call: CALLBACK_TRIGGERS.call,
  customer: CALLBACK_TRIGGERS.customer,
  complaint: CALLBACK_TRIGGERS.complaint,
  callback: CALLBACK_TRIGGERS.callback,
};

export function fireTriggers(ctx: CoreContext, e: MutationEvent, run: RunSync): void {
  for (const t of TRIGGERS[e.entity] ?? []) t(ctx, e, run);
}
