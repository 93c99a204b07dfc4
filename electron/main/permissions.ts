import { type AppLocation, isAppPage } from './trusted-url';

/**
 * The console needs no camera, microphone, location or notifications from Chromium (calls are on the
 * softphone). The one grant: writing plain text to the clipboard, so "复制单号" buttons work, and
 * only for our own page.
 */
const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string, loc: AppLocation): boolean {
  return ALLOWED.has(permission) && isAppPage(requestingUrl, loc);
}
