/**
 * Content-Security-Policy for the app's pages. 'unsafe-inline' for styles only: antd's CSS-in-JS
 * injects <style> elements at runtime. Scripts stay 'self'. The same directives as the browser host's
 * header (electron/core/host/security.ts), so that the page's own copy (below) narrows neither.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** As a response header: for anything the app's session fetches over a scheme that has headers. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/**
 * The policy carried by the page itself. Electron loads the app from file://, and a file:// response
 * has no headers, so session.webRequest.onHeadersReceived never sees it: the header above alone left
 * the app's own page without a policy. A <meta> in index.html (added at build time by vite.config.ts,
 * because the dev server's React refresh needs an inline script) applies wherever the page is loaded:
 * from file:// in Electron, and from the browser host, where 'self' is the host's origin, so /rpc and
 * /events stay allowed. frame-ancestors is not allowed in a <meta> (browsers ignore it there and warn);
 * the header keeps it for the browser host, and Electron's window shows no other page to frame it.
 */
export const PAGE_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** index.html with the page's policy as the first element of <head>, before any script or style can load. */
export function withPageCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PAGE_CONTENT_SECURITY_POLICY}" />`;
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error('index.html has no <head>: the page policy has nowhere to go');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * Returns the headers with our policy in place of any the response carried. Header names are
 * case-insensitive, so a lower-case duplicate must not survive beside ours (the browser would
 * enforce both, or a looser one could slip in).
 */
export function withSecurityHeaders(headers: ResponseHeaders | undefined): ResponseHeaders {
  const out: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
    out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}
