/**
 * Content-Security-Policy for the app's pages, delivered as a response header. 'unsafe-inline' for
 * styles only: antd's CSS-in-JS injects <style> elements at runtime. Scripts stay 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

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
