/**
 * Which URLs are "the app". The renderer is loaded from file:// (dist/renderer), so trust is decided
 * by file path, never by origin: every file:// page shares the opaque `file://` origin, and a page
 * elsewhere on disk (a downloaded .html) must not count as ours.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppLocation {
  /** file:// URL of the renderer folder, no trailing slash. */
  rootUrl: string;
  /** file:// URL of the renderer's index.html. */
  indexUrl: string;
  /** Windows paths compare case-insensitively (C:\ vs c:\). */
  caseInsensitive: boolean;
}

export function appLocation(rendererDir: string, platform: NodeJS.Platform = process.platform): AppLocation {
  const rootUrl = pathToFileURL(rendererDir).href.replace(/\/$/, '');
  return {
    rootUrl,
    indexUrl: pathToFileURL(join(rendererDir, 'index.html')).href,
    caseInsensitive: platform === 'win32',
  };
}

/** Decoded path of a file: URL, or null when it is not one we can reason about safely. */
function filePath(raw: string, loc: AppLocation): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'file:' || url.username || url.password) return null;
  // Encoded separators survive URL normalisation and could be decoded again by the file loader.
  if (/%2f|%5c|%00/i.test(url.pathname)) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\\') || path.split('/').includes('..')) return null;
  const withHost = `//${url.host}${path}`;
  return loc.caseInsensitive ? withHost.toLowerCase() : withHost;
}

function locPath(fileUrl: string, loc: AppLocation): string {
  const url = new URL(fileUrl);
  const path = `//${url.host}${decodeURIComponent(url.pathname)}`;
  return loc.caseInsensitive ? path.toLowerCase() : path;
}

/** The app's own page (any hash: the renderer routes with it). Used to trust IPC senders. */
export function isAppPage(raw: string, loc: AppLocation): boolean {
  const path = filePath(raw, loc);
  return path !== null && path === locPath(loc.indexUrl, loc);
}

/** A file inside the renderer folder: the page, its scripts, styles, fonts and images. */
export function isAppResource(raw: string, loc: AppLocation): boolean {
  return filePath(raw, loc)?.startsWith(`${locPath(loc.rootUrl, loc)}/`) === true;
}

// DevTools loads its own frontend through the same session; data:/blob: never leave the machine.
const LOCAL_SCHEMES = new Set(['devtools:', 'data:', 'blob:']);

/** Everything else the renderer session asks for (http, ws, other files on disk) is cancelled. */
export function isAllowedRequest(raw: string, loc: AppLocation): boolean {
  if (isAppResource(raw, loc)) return true;
  try {
    return LOCAL_SCHEMES.has(new URL(raw).protocol);
  } catch {
    return false;
  }
}

/** Navigation stays on the app page; in-page hash changes do not reach will-navigate anyway. */
export function isAllowedNavigation(raw: string, loc: AppLocation): boolean {
  return isAppPage(raw, loc);
}
