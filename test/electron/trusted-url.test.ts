import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, withSecurityHeaders } from '../../electron/main/csp';
import { isPermissionAllowed } from '../../electron/main/permissions';
import {
  appLocation,
  isAllowedNavigation,
  isAllowedRequest,
  isAppPage,
  isAppResource,
} from '../../electron/main/trusted-url';

const loc = appLocation('/opt/hotline/dist/renderer', 'linux');
const INDEX = 'file:///opt/hotline/dist/renderer/index.html';

describe('appLocation / isAppPage', () => {
  it('is the renderer index page, with any hash route', () => {
    expect(loc.indexUrl).toBe(INDEX);
    expect(isAppPage(INDEX, loc)).toBe(true);
    expect(isAppPage(`${INDEX}#/complaints/123`, loc)).toBe(true);
  });

  it('is not another page, another folder, or another scheme', () => {
    expect(isAppPage('file:///opt/hotline/dist/renderer/other.html', loc)).toBe(false);
    expect(isAppPage('file:///home/agent/Downloads/index.html', loc)).toBe(false);
    expect(isAppPage('file:///opt/hotline/dist/renderer-evil/index.html', loc)).toBe(false);
    expect(isAppPage('https://example.com/opt/hotline/dist/renderer/index.html', loc)).toBe(false);
    expect(isAppPage('file://fileserver/opt/hotline/dist/renderer/index.html', loc)).toBe(false);
    expect(isAppPage('about:blank', loc)).toBe(false);
    expect(isAppPage('', loc)).toBe(false);
  });

  it('sees through dot segments to where the URL really points', () => {
    expect(isAppPage('file:///opt/hotline/dist/renderer/assets/../index.html', loc)).toBe(true);
    expect(isAppResource('file:///opt/hotline/dist/renderer/../../../etc/passwd', loc)).toBe(false);
    expect(isAppResource('file:///opt/hotline/dist/renderer/%2e%2e/%2e%2e/secret', loc)).toBe(false);
  });

  it('refuses encoded separators that a file loader might decode again', () => {
    expect(isAppResource('file:///opt/hotline/dist/renderer/..%2F..%2Fsecret', loc)).toBe(false);
    expect(isAppResource('file:///opt/hotline/dist/renderer/x%5C..%5Csecret', loc)).toBe(false);
    expect(isAppResource('file:///opt/hotline/dist/renderer/a%00.js', loc)).toBe(false);
  });

  it('handles non-ASCII install paths (a Chinese user name) as the browser encodes them', () => {
    const cn = appLocation('/home/张三/hotline/dist/renderer', 'linux');
    expect(isAppPage(new URL('file:///home/张三/hotline/dist/renderer/index.html').href, cn)).toBe(true);
    expect(isAppPage('file:///home/%E5%BC%A0%E4%B8%89/hotline/dist/renderer/index.html', cn)).toBe(true);
  });

  it('compares Windows paths case-insensitively, and only there', () => {
    const dir = '/C:/Program Files/Hotline/resources/app.asar/dist/renderer';
    const url = 'file:///c:/program%20files/hotline/resources/app.asar/dist/renderer/index.html';
    expect(isAppPage(url, appLocation(dir, 'win32'))).toBe(true);
    expect(isAppPage(url, appLocation(dir, 'linux'))).toBe(false);
  });
});

describe('isAppResource / isAllowedRequest', () => {
  it('allows files under the renderer folder', () => {
    expect(isAppResource('file:///opt/hotline/dist/renderer/assets/index-abc.js', loc)).toBe(true);
    expect(isAllowedRequest('file:///opt/hotline/dist/renderer/assets/index-abc.css', loc)).toBe(true);
  });

  it('cancels remote content and files elsewhere on disk', () => {
    expect(isAllowedRequest('https://cdn.example.com/antd.js', loc)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:8080/sync/pull', loc)).toBe(false);
    expect(isAllowedRequest('ws://hub.local/live', loc)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', loc)).toBe(false);
    expect(isAllowedRequest('file:///opt/hotline/dist/renderer', loc)).toBe(false);
    expect(isAllowedRequest('not a url', loc)).toBe(false);
  });

  it('lets DevTools and in-memory URLs through', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', loc)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', loc)).toBe(true);
    expect(isAllowedRequest('blob:file:///3f7c-uuid', loc)).toBe(true);
  });
});

describe('isAllowedNavigation', () => {
  it('only the app page', () => {
    expect(isAllowedNavigation(INDEX, loc)).toBe(true);
    expect(isAllowedNavigation('https://phishing.example/login', loc)).toBe(false);
    expect(isAllowedNavigation('file:///home/agent/Downloads/evil.html', loc)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', loc)).toBe(false);
  });
});

describe('CSP', () => {
  it('is strict: scripts from the app only, no objects, no framing, no base changes', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('replaces any policy the response had, whatever its header case', () => {
    const out = withSecurityHeaders({
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
    });
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(out['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('adds the policy when there were no headers', () => {
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('isPermissionAllowed', () => {
  it('denies camera, microphone, location, notifications, external links', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown']) {
      expect(isPermissionAllowed(p, INDEX, loc)).toBe(false);
    }
  });

  it('allows plain-text clipboard writes from the app only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', INDEX, loc)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example', loc)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'file:///home/agent/Downloads/x.html', loc)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '', loc)).toBe(false);
  });
});
