import { afterAll, describe, expect, it } from 'vitest';
import { ORG, openTestConsole, PASSWORD, seededConsole, type TestConsole } from '../helpers/core';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;
afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

function arrives(c: TestConsole, id: string): Promise<void> {
  return new Promise((resolve) => {
    const off = c.core.onEvent((name, p) => {
      if (name === 'records.changed' && (p as { ids: string[] }).ids.includes(id)) {
        off();
        resolve();
      }
    });
  });
}

describe('live sync with running engines', () => {
  it('every save reaches the other workstation through the live stream, not the 30 s safety poll', async () => {
    hub = await startHubProcess();
    a = await seededConsole();
    await a.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
    b = openTestConsole();
    await b.ok('setup.initialize', { ...ORG, workstation: 'B02', admin: { username: 'badmin', displayName: '乙管理员', password: PASSWORD } });
    await b.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD });
    await a.login('agent1', PASSWORD);
    for (let i = 0; i < 5; i++) {
      const rec = await a.ok('calls.answer', { phone: '13912345678' });
      const timeout = new Promise<'late'>((r) => setTimeout(() => r('late'), 5000));
      expect(await Promise.race([arrives(b, rec.id).then(() => 'on time' as const), timeout]), `save ${i + 1}`).toBe('on time');
    }
    await b.login('lead', PASSWORD);
    expect((await b.ok('sync.status', {})).online).toBe(true);
  });
});
