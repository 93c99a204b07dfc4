import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, openTestConsole, PASSWORD, seededConsole, type TestConsole } from '../helpers/core';
import { type FaultProxy, seededRandom, startFaultProxy } from '../helpers/faultProxy';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';

let hub: HubProcess;
let proxy: FaultProxy;
let s: TestConsole;
let t: TestConsole;
let standaloneCallId = '';

beforeAll(async () => {
  hub = await startHubProcess();
  proxy = await startFaultProxy(() => hub.url, seededRandom(1));
});
afterAll(async () => {
  s?.close();
  t?.close();
  await proxy?.close();
  await hub?.stop();
});

describe('joining, logging in and leaving', () => {
  it('records made while standalone are pushed when the workstation joins', async () => {
    s = await seededConsole();
    s.core.sync.stop();
    await s.login('agent1', PASSWORD);
    const rec = await s.ok('calls.answer', { phone: '13800138000' });
    await s.ok('calls.save', { id: rec.id, fields: { category: 'query', content: '单机时登记的来电' }, end: true });
    standaloneCallId = rec.id;
    await s.login('admin', PASSWORD);
    await s.ok('sync.join', { hubUrl: proxy.url, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
    s.core.sync.stop();
    expect((await s.ok('sync.status', {})).pending).toBe(0);

    t = openTestConsole();
    t.core.sync.stop();
    await t.ok('setup.initialize', { ...ORG, workstation: 'T09', admin: { username: 'tadmin', displayName: '另一管理员', password: PASSWORD } });
    await t.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD });
    t.core.sync.stop();
    await t.login('lead', PASSWORD);
    expect((await t.ok('calls.get', { id: standaloneCallId })).record).toMatchObject({ content: '单机时登记的来电', agentName: '李晓梅' });
  });

  it('logs in offline with the verifier cached at the last online login, and only then', async () => {
    await t.login('admin', PASSWORD);
    await t.ok('users.create', { username: 'newbie', displayName: '新同事', role: 'agent', password: 'newbie-pass-1' });
    await t.ok('users.create', { username: 'never', displayName: '没来过', role: 'agent', password: 'never-pass-1' });
    await s.ok('sync.now', {});
    await s.login('newbie', 'newbie-pass-1');
    proxy.faults.offline = true;
    await s.login('newbie', 'newbie-pass-1');
    expect((await s.ok('auth.session', {})).user.username).toBe('newbie');
    expect(await s.call('auth.login', { username: 'newbie', password: 'wrong-pass-1' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(await s.call('auth.login', { username: 'never', password: 'never-pass-1' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    proxy.faults.offline = false;
  });

  it('the hub has the last word: a password changed there stops the old one here', async () => {
    const newbie = (await t.ok('users.list', {})).find((u) => u.username === 'newbie')!;
    await t.ok('users.update', { id: newbie.id, password: 'changed-pass-2' });
    expect(await s.call('auth.login', { username: 'newbie', password: 'newbie-pass-1' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    await s.login('newbie', 'changed-pass-2');
  });

  it('an out-of-range console is told to upgrade and writes nothing', async () => {
    await s.login('agent1', PASSWORD);
    const rec = await s.ok('calls.answer', { phone: '13900001111' });
    proxy.faults.headers = (h) => ({ ...h, 'x-hotline-schema': '0' });
    const status = await s.ok('sync.now', {});
    expect(status).toMatchObject({ upgradeRequired: true, pending: 1 });
    expect(status.error).toMatch(/upgrade/);
    proxy.faults.headers = undefined;
    await t.ok('sync.now', {});
    expect(await t.call('calls.get', { id: rec.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await s.ok('sync.now', {})).pending).toBe(0);
  });

  it('leaving keeps every record and stops syncing', async () => {
    await s.login('admin', PASSWORD);
    const left = await s.ok('sync.leave', {});
    expect(left).toMatchObject({ joined: false, hubUrl: null });
    await s.login('agent1', PASSWORD);
    expect((await s.ok('calls.get', { id: standaloneCallId })).record.content).toBe('单机时登记的来电');
    await s.ok('calls.answer', { phone: '13900002222' });
    expect((await s.ok('sync.now', {})).pending).toBe(1);
  });
});
