/**
 * The browser host stands in for Electron's IPC, so it must be no easier to reach than IPC:
 * loopback only, our own origin only, and a custom header that a cross-site form cannot send.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd's CSS-in-JS injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/** Refuses DNS-rebinding (a foreign name resolving to 127.0.0.1) and cross-origin requests. */
export function isTrustedRequest(headers: Record<string, string | string[] | undefined>): boolean {
  const host = String(headers.host ?? '');
  if (!LOOPBACK_HOST.test(host)) return false;
  const origin = headers.origin;
  if (origin && typeof origin === 'string') {
    try {
      if (new URL(origin).host !== host) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export const SESSION_COOKIE = 'hd_session';

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function sessionCookie(token: string | null): string {
  return token
    ? `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`
    : `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
