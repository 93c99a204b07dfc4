import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestConsole } from '../helpers/core';
import { type HubProcess, joinedPair, startHubProcess } from '../helpers/hub';

/**
 * The hub sends each record once, at the position of its latest change. A customer edited after a call
 * that links to it therefore arrives after that call: the pull must still apply (found by the randomised
 * convergence test, HD_SEED=1964558847, where a workstation stopped pulling for good).
 */
let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;

beforeAll(async () => {
  hub = await startHubProcess();
  [a, b] = await joinedPair(hub.url);
  await b.login('admin', PASSWORD);
}, 60_000);
afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

describe('pull order across linked records', () => {
  it('a call whose customer was edited later reaches the other workstation with its customer', async () => {
    const customer = await a.ok('customers.create', { name: '周丽', organisation: '杭州宏达纺织有限公司', address: '', phones: ['13912345678'], serviceRequirements: '', notes: '' });
    const call = await a.ok('calls.answer', { phone: '13912345678', customerId: customer.id });
    expect((await a.ok('sync.now', {})).error).toBeNull();
    await a.ok('customers.update', { id: customer.id, fields: { notes: '重要客户,报告需加急' } });
    expect((await a.ok('sync.now', {})).error).toBeNull();

    const status = await b.ok('sync.now', {});
    expect(status.error).toBeNull();
    expect((await b.ok('calls.get', { id: call.id })).record.customerId).toBe(customer.id);
    expect((await b.ok('customers.get', { id: customer.id })).notes).toBe('重要客户,报告需加急');
  });
});
