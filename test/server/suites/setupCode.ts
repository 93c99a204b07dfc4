import { describe, expect, it } from 'vitest';
import { TEST_SETUP_CODE } from '../../helpers/setupCode';
import { type HubFactory, setupBody, useHub } from '../harness';

/** Seeding an empty hub needs its one-time set-up code; both stores run it. */
export function setupCodeSuite(factory: HubFactory): void {
  describe('the set-up code', () => {
    const h = useHub(factory, { setup: false });

    it('an empty hub says it needs the code, and refuses a seed without it or with a wrong one, writing nothing', async () => {
      const c = h();
      expect((await c.call('GET', '/health')).json).toMatchObject({ initialized: false, setupCodeRequired: true });
      const { setupCode: _code, ...withoutCode } = await setupBody();
      const missing = await c.call('POST', '/hub/setup', { body: withoutCode });
      expect(missing.status).toBe(401);
      expect(missing.json.error.code).toBe('setup_code_required');
      for (const wrong of ['1111-2222-3333-4444', '', TEST_SETUP_CODE.replace(/\d$/, (d) => String((Number(d) + 1) % 10))]) {
        const r = await c.call('POST', '/hub/setup', { body: { ...withoutCode, setupCode: wrong } });
        expect(r.status, wrong).toBe(wrong ? 403 : 401);
        expect(r.json.error.code, wrong).toBe(wrong ? 'setup_code_invalid' : 'setup_code_required');
      }
      expect(await c.footprint()).toEqual({ seq: 0, users: 0 });
      expect(await c.hub.store.read((tx) => tx.setupCodeHash())).toMatch(/^scrypt\$/);
    });

    it('the right code seeds the hub once and is then gone; spaces and missing dashes are forgiven', async () => {
      const c = h();
      const body = await setupBody();
      const ok = await c.call('POST', '/hub/setup', { body: { ...body, setupCode: ` ${TEST_SETUP_CODE.replaceAll('-', ' ')} ` } });
      expect(ok.status).toBe(200);
      expect(await c.hub.store.read((tx) => tx.setupCodeHash())).toBeNull();
      expect((await c.call('GET', '/health')).json).toMatchObject({ initialized: true, setupCodeRequired: false });
      const again = await c.call('POST', '/hub/setup', { body });
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('already_initialized');
    });

    it('stops checking codes from one address after 10 wrong ones', async () => {
      const c = h();
      const { setupCode: _code, ...body } = await setupBody();
      for (let i = 0; i < 10; i++) expect((await c.call('POST', '/hub/setup', { body: { ...body, setupCode: `0000-0000-0000-${String(i).padStart(4, '0')}` } })).status).toBe(403);
      const limited = await c.call('POST', '/hub/setup', { body: { ...body, setupCode: TEST_SETUP_CODE } });
      expect(limited.status).toBe(429);
      expect(await c.footprint()).toEqual({ seq: 0, users: 0 });
    });
  });
}
