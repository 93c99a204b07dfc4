import type { Session, WebContents } from 'electron';
import { withSecurityHeaders } from './csp';
import { isPermissionAllowed } from './permissions';
import { type AppLocation, isAllowedNavigation, isAllowedRequest, isAppResource } from './trusted-url';

/**
 * Session-wide rules: no remote content, CSP on our pages, no permissions. Applied before the window
 * loads anything, because a listener added later misses the first document.
 */
export function hardenSession(ses: Session, loc: AppLocation): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, loc));
  });
  // Checks carry only an origin, and every file:// page shares one; judge by the page shown instead.
  ses.setPermissionCheckHandler((wc, permission) => wc !== null && isPermissionAllowed(permission, wc.getURL(), loc));
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, loc) });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResource(details.url, loc)) return callback({});
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}

/**
 * Per-webContents rules, applied from app 'web-contents-created' so they also cover any webContents
 * we did not create ourselves (DevTools, a future print preview).
 *
 * Printing needs no exception here: window.print() from the page and webContents.print() /
 * printToPDF() from the menu are not Chromium permissions, open no window, make no request and do
 * not navigate. Nothing handles 'will-prevent-unload' either, so no dialog is vetoed or blocked.
 */
export function hardenWebContents(contents: WebContents, loc: AppLocation): void {
  const denyForeign = (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url, loc)) event.preventDefault();
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-frame-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  // No second windows, and no shell.openExternal either: links to the web are not part of the console.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
