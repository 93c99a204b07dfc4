import { useSyncExternalStore } from 'react';

// Apart from PrintPage so that the app can tell a print route without loading the print views.
export type PrintKind = 'complaint' | 'call' | 'handover' | 'bulletin' | 'tracking';

/**
 * `#/print/complaint/<id>`, `#/print/call/<id>`, `#/print/bulletin/<versionId | draft:kind:period>`,
 * `#/print/tracking/<view>` (annex 3 in full: trackingPrintSpec.ts) → what to print; anything else is null.
 */
export function parsePrintHash(hash: string): { kind: PrintKind; id: string } | null {
  const m = /^#?\/print\/(complaint|call|handover|bulletin|tracking)\/([^/?#]+)/.exec(hash);
  return m?.[1] && m[2] ? { kind: m[1] as PrintKind, id: decodeURIComponent(m[2]) } : null;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

/** The print route, when the hash is one; the app shows the paper alone instead of the console. */
export function usePrintRoute(): { kind: PrintKind; id: string } | null {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parsePrintHash(hash);
}
