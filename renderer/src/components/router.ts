import { useSyncExternalStore } from 'react';

/**
 * A hash router is enough for four pages, and hashes work from file:// in Electron as well as over
 * http in the browser host. Routes: #/calls, #/records, #/records/<id>, #/customers, #/complaints,
 * #/complaints/<id>, #/callbacks, #/callbacks/<id>, #/settings; #/print/complaint/<id> and #/print/call/<id> (features/print) show a paper form alone.
 */
export type Page = 'calls' | 'records' | 'customers' | 'tracking' | 'board' | 'complaints' | 'callbacks' | 'settings';
export interface Route {
  page: Page;
  id: string | null;
}

const PAGES: Page[] = ['calls', 'records', 'customers', 'tracking', 'board', 'complaints', 'callbacks', 'settings'];

export function parseHash(hash: string): Route {
  const [, page = '', id = ''] = hash.replace(/^#/, '').split('/');
  return { page: (PAGES as string[]).includes(page) ? (page as Page) : 'calls', id: id ? decodeURIComponent(id) : null };
}

export function navigate(page: Page, id?: string | null): void {
  window.location.hash = id ? `/${page}/${encodeURIComponent(id)}` : `/${page}`;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
