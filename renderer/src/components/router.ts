import { useSyncExternalStore } from 'react';

/**
 * A hash router is enough for a handful of pages, and hashes work from file:// in Electron as well as
 * over http in the browser host. Routes: #/calls, #/records, #/records/<id>, #/customers, #/tracking,
 * #/board, #/complaints, #/complaints/<id>, #/callbacks, #/callbacks/<id>, #/settings; #/quality, #/quality/review?…,
 * #/myQuality, #/myQuality/review?… (features/quality), #/appraisal, #/attendance;
 * #/bulletin?kind=monthly&period=2026-11 and #/bulletin/<versionId> (features/bulletin);
 * #/print/complaint/<id>, #/print/call/<id> and #/print/bulletin/<id> (features/print) show a paper alone.
 * #/handover, #/handover?status=open, #/handover/new and #/handover/<id> (features/handover); #/print/handover/<id>.
 * A query after the path (#/records?from=…&late=1) carries the filters a drill-down opens a list with.
 */
export type Page =
  | 'calls'
  | 'records'
  | 'customers'
  | 'tracking'
  | 'board'
  | 'complaints'
  | 'callbacks'
  | 'quality'
  | 'myQuality'
  | 'appraisal'
  | 'attendance'
  | 'bulletin'
  | 'handover'
  | 'settings';
export interface Route {
  page: Page;
  id: string | null;
  /** The hash's query without its "?" ('' when there is none); a string, so that effects can depend on it. */
  query: string;
}

/** Query values: `true` is written as 1; false, null and undefined leave the key out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

const PAGES: Page[] = ['calls', 'records', 'customers', 'tracking', 'board', 'complaints', 'callbacks', 'quality', 'myQuality', 'appraisal', 'attendance', 'bulletin', 'handover', 'settings'];

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const at = raw.indexOf('?');
  const path = at < 0 ? raw : raw.slice(0, at);
  const [, page = '', id = ''] = path.split('/');
  return {
    page: (PAGES as string[]).includes(page) ? (page as Page) : 'calls',
    id: id ? decodeURIComponent(id) : null,
    query: at < 0 ? '' : raw.slice(at + 1),
  };
}

export function hashOf(page: Page, id?: string | null, query?: Query): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== false) search.set(k, v === true ? '1' : String(v));
  const qs = search.toString();
  return `${id ? `/${page}/${encodeURIComponent(id)}` : `/${page}`}${qs ? `?${qs}` : ''}`;
}

export function navigate(page: Page, id?: string | null, query?: Query): void {
  window.location.hash = hashOf(page, id, query);
}

/** A drill-down: the page's list, filtered by the query. */
export function navigateWith(page: Page, query: Query): void {
  navigate(page, null, query);
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
