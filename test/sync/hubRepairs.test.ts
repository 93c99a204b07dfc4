import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestConsole } from '../helpers/core';
import { type HubProcess, joinedPair, startHubProcess } from '../helpers/hub';

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;

beforeAll(async () => {
  hub = await startHubProcess();
  [a, b] = await joinedPair(hub.url);
}, 60_000);
afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

describe('what the hub corrects is shown on the record', () => {
  it('a call answered by a clock three days ahead of the hub: the hub records its own time and the record’s history says so', async () => {
    a.clock.t = Date.now() + 3 * 86_400_000;
    await a.login('agent1', PASSWORD);
    const call = await a.ok('calls.answer', { phone: '13912345678' });
    expect((await a.ok('sync.now', {})).error).toBeNull();
    const detail = await a.ok('calls.get', { id: call.id });
    const repair = detail.history.find((h) => h.action === 'hub.repair');
    expect(repair).toBeDefined();
    expect(repair!.actorName).toBe('中心服务器');
    const fields = repair!.changes.map((c) => c.field);
    expect(fields).toContain('answeredAt');
    const answered = repair!.changes.find((c) => c.field === 'answeredAt')!;
    expect(answered.before).toBe(call.answeredAt);
    expect(Date.parse(String(answered.after))).toBeLessThan(Date.parse(call.answeredAt));
    // The hub's time reaches the other workstation with the record.
    expect((await b.ok('sync.now', {})).error).toBeNull();
    await b.login('lead', PASSWORD);
    expect((await b.ok('calls.get', { id: call.id })).record.answeredAt).toBe(answered.after);
  });
});
