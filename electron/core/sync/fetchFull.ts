import type { HistoryEntry } from '../../../shared/api/types';
import type { Actor } from '../../../shared/domain/mutation';
import type { FetchableEntity, RecordResponse } from '../../../shared/sync/protocol';
import type { CoreContext } from '../context';
import { hubTokenOf } from '../store/journal';
import { getMeta } from '../store/settings';
import { isPartial } from '../store/syncState';
import { HubClient, HubError } from './hubClient';

/**
 * What the detail shows of a record this workstation holds only partially (docs/sync.md, "Data minimised
 * per workstation"): 'fetched' — the record and its history came from the hub just now, in full, and
 * were not stored; 'unavailable' — the hub could not be asked (offline, no hub login for this user, or
 * it refused), so the partial copy is shown.
 */
export type HubCopy = 'fetched' | 'unavailable';

export interface FullCopy<T> {
  record: T;
  /** The hub's history of the record, in full; null when the local (redacted) history stands. */
  history: HistoryEntry[] | null;
  hubCopy: HubCopy;
}

const FETCH_TIMEOUT_MS = 5000;

/** The audit detail of a read answered from the hub's copy: the handler's one audit row of the request says so. */
export const FETCHED_FROM_HUB = 'fetched from hub';

/**
 * For a record stored here partial and a viewer the visibility rule lets see it in full (a team lead on
 * an agent's workstation): the record in full from the hub, online, and never written to this store.
 * The get handler returns it through its auditedRead with the detail FETCHED_FROM_HUB (one audit row per
 * request). Null when there is nothing to fetch: the copy here is full, or the viewer may not see more
 * than it anyway. The hub checks the same rule against the user's own token.
 */
export async function fullCopyOf<T extends { id: string }>(
  ctx: CoreContext,
  actor: Actor,
  entity: FetchableEntity,
  local: T,
  seesInFull: boolean,
): Promise<FullCopy<T> | null> {
  if (!seesInFull || !isPartial(ctx.db, entity, local.id)) return null;
  const url = getMeta(ctx.db, 'hub_url');
  const token = hubTokenOf(ctx.db, actor.userId);
  if (!url || !token) return { record: local, history: null, hubCopy: 'unavailable' };
  let res: RecordResponse;
  try {
    res = await new HubClient(url, token).request<RecordResponse>('GET', `/sync/record/${entity}/${local.id}`, undefined, FETCH_TIMEOUT_MS);
  } catch (e) {
    if (!(e instanceof HubError)) throw e;
    ctx.log.warn({ entity, id: local.id, kind: e.kind }, `full copy not fetched from the hub: ${e.message}`);
    return { record: local, history: null, hubCopy: 'unavailable' };
  }
  return { record: res.data as T, history: res.history as HistoryEntry[], hubCopy: 'fetched' };
}
