/**
 * The Content-Security-Policy reaches the app's own page. Electron loads it from file://, which has no
 * response headers, so the session's onHeadersReceived never applied the policy to it; the page now
 * carries the policy as a <meta>, added to index.html at build time (vite.config.ts pageCsp), the same
 * in the browser host, where 'self' still allows its /rpc and /events.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startHotlineApp } from '../../electron/main/app';
import { CONTENT_SECURITY_POLICY, PAGE_CONTENT_SECURITY_POLICY, withPageCsp } from '../../electron/main/csp';
import { CSP as HOST_CSP } from '../../electron/core/host/security';
import { pageCsp } from '../../vite.config';
import { createFakeCore } from './fake-core';
import { FakeBrowserWindow, fake, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const SOURCE_HTML = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');

/** What `vite build` does to index.html with our plugin (order 'post': after Vite added its tags). */
function built(html: string): string {
  const plugin = pageCsp();
  expect(plugin.apply).toBe('build');
  const hook = plugin.transformIndexHtml as { order: string; handler: (html: string) => string };
  expect(hook.order).toBe('post');
  return hook.handler(html);
}

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/) as [string, ...string[]]).map(([k, ...v]) => [k, v.join(' ')]));

beforeEach(() => {
  resetFakeElectron();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('the page carries its own CSP', () => {
  it('is the first element of <head>, before any script or stylesheet Vite adds', () => {
    const html = built(SOURCE_HTML.replace('</head>', '<script type="module" crossorigin src="./assets/index-abc.js"></script>\n</head>'));
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(html.indexOf('<head>'));
    expect(meta).toBeLessThan(html.indexOf('<script'));
    expect(meta).toBeLessThan(html.indexOf('<link'));
    expect(html).toContain(`content="${PAGE_CONTENT_SECURITY_POLICY}"`);
    // Idempotent: a second build step does not add a second policy.
    expect(withPageCsp(html)).toBe(html);
  });

  it('is the header policy without frame-ancestors (not allowed in a <meta>), and no looser than the browser host’s header', () => {
    const page = directives(PAGE_CONTENT_SECURITY_POLICY);
    const header = directives(CONTENT_SECURITY_POLICY);
    expect(page.has('frame-ancestors')).toBe(false);
    for (const [k, v] of page) expect(header.get(k)).toBe(v);
    // Same directives as the host's header, so in the browser host the two together allow exactly what each does.
    const host = directives(HOST_CSP);
    for (const [k, v] of page) expect(host.get(k), k).toBe(v);
    expect(page.get('script-src')).toBe("'self'");
    // /rpc and /events are same-origin in the browser host: connect-src 'self' covers them.
    expect(page.get('connect-src')).toBe("'self'");
    expect(page.get('object-src')).toBe("'none'");
  });

  it('the window loads that built index.html from file:// (mocked electron), where no header could apply', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hotline-csp-'));
    mkdirSync(join(root, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(root, 'dist', 'renderer', 'index.html'), built(SOURCE_HTML));
    fake.app.getAppPath.mockReturnValue(root);
    try {
      startHotlineApp({ openCore: (() => createFakeCore()) as never, argv: ['electron', '.'] });
      await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => setTimeout(r, 0));
      expect(FakeBrowserWindow.instances).toHaveLength(1);
      const win = FakeBrowserWindow.instances[0]!;
      expect(win.loadedFile).toBe(join(root, 'dist', 'renderer', 'index.html'));
      expect(win.webContents.mainFrame.url.startsWith('file://')).toBe(true);
      const page = readFileSync(win.loadedFile!, 'utf8');
      expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${PAGE_CONTENT_SECURITY_POLICY}" />`);
      // The session's header hook stays for anything fetched over a scheme with headers.
      const listener = fake.session.defaultSession.headersReceived as unknown as (d: object, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;
      let headers: Record<string, string[]> | undefined;
      listener({ url: `file://${join(root, 'dist', 'renderer', 'index.html')}`, responseHeaders: {} }, (r) => (headers = r.responseHeaders));
      expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    } finally {
      fake.app.getAppPath.mockReturnValue('/opt/hotline');
    }
  });
});
