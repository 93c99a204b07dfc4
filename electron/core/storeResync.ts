import type Database from 'better-sqlite3-multiple-ciphers';
import type { ResyncResult } from '../../shared/api/storeTypes';
import type { HubLoginResponse } from '../../shared/sync/protocol';
import type { CoreContext } from './context';
import { ApiFailure } from './errors';
import { type Salvage, salvageStore, writeSalvage } from './store/salvage';
import { getMeta } from './store/settings';
import { auditStoreAction } from './storeCare';
import { hubAdminLogin, rememberHubLogin } from './sync/join';

/**
 * Re-sync of a damaged joined store from the hub (docs/architecture.md, "Integrity and backups"), the
 * parts before and after index.ts swaps the store: read what the hub lacks and prove an administrator
 * at the hub (nothing moved yet), then fill the fresh store and sync it.
 */

/** The damaged store's hub, read without failing: a stand-in or an unreadable meta table has none. */
export function damagedHubUrl(db: Database.Database): string | null {
  try {
    return getMeta(db, 'hub_url');
  } catch {
    return null;
  }
}

export interface ResyncPlan {
  salvage: Salvage;
  login: HubLoginResponse;
  hubUrl: string;
}

/** Reads the salvage from the damaged store and logs the administrator in at the hub; refuses before anything moves. */
export async function planResync(damaged: Database.Database, username: string, password: string): Promise<ResyncPlan> {
  const salvage = salvageStore(damaged);
  const hubUrl = salvage.meta.get('hub_url');
  if (!hubUrl) throw new ApiFailure('refused', 'this workstation was not joined to a hub (or its hub address cannot be read): restore a backup instead');
  const login = await hubAdminLogin(hubUrl, salvage.meta.get('workstation') ?? '', username, password);
  return { salvage, login, hubUrl };
}

/**
 * The fresh store (the engine not started): membership, users, the salvaged outbox and audit rows, the
 * administrator's fresh hub session, a row in the audit log; then the first sync (pull, push, pull).
 */
export async function fillFromHub(ctx: CoreContext, plan: ResyncPlan, password: string, keptAs: string | null): Promise<Omit<ResyncResult, 'keptAs'>> {
  const { salvage: s, login } = plan;
  const at = ctx.now();
  ctx.db.transaction(() => writeSalvage(ctx.db, s, at.toISOString()))();
  await rememberHubLogin(ctx, login, password);
  const actor = { userId: login.user.id, role: 'admin' as const, displayName: login.user.displayName };
  const lost = s.unreadable || s.unreadableTables.length ? `; unreadable: ${s.unreadable} rows${s.unreadableTables.length ? `, tables ${s.unreadableTables.join(', ')}` : ''}` : '';
  auditStoreAction(ctx.db, actor, 'resync', `re-synced from the hub; ${s.pending} unsent changes and ${s.audit} audit rows kept${lost}; the damaged store is kept as ${keptAs ?? '(none)'}`, at);
  const status = await ctx.sync!.pullThenSync();
  return {
    restored: 'hub',
    resynced: true,
    salvaged: { pending: s.pending, audit: s.audit, unreadable: s.unreadable, unreadableTables: s.unreadableTables },
    sync: { pending: status.pending, conflicts: status.conflicts, error: status.error },
    reload: true,
  };
}
