import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/**
 * Today's leaks of a confidential call (客户保密), each written before the fix (issue 12): another agent
 * opening the call (and its print view, which prints what calls.get returns), its history, the next screen
 * pop from the same number, and a complaint registered from the call. These use only methods that existed
 * before the fix, so the file runs unchanged against the old core and fails there.
 */

const NUMBER = '13905710000';
const SECRET = '机密：客户不愿公开的质量问题';
const FIRST_DRAFT = '初稿：不愿透露的检测数据';
const REPLY = '已答复：保密处理';

let c: TestConsole;
afterEach(() => c?.close());

async function confidentialCallOfAgent1() {
  c = await seededConsole();
  await c.login('agent1', PASSWORD);
  const rec = await c.ok('calls.answer', { phone: NUMBER });
  await c.ok('calls.save', { id: rec.id, fields: { confidential: true, content: FIRST_DRAFT, address: '杭州市西湖区保密路 1 号' } });
  // A second version, so that the history holds the first one as "before".
  await c.ok('calls.save', { id: rec.id, fields: { content: SECRET, replyContent: REPLY } });
  return rec;
}

const leaks = (v: unknown) => [SECRET, FIRST_DRAFT, REPLY, NUMBER, '保密路'].filter((s) => JSON.stringify(v).includes(s));

describe('a confidential call does not leak to another agent', () => {
  it('calls.get (and so its print view) returns it without content, number or address, and without them in its history', async () => {
    const rec = await confidentialCallOfAgent1();
    await c.login('agent2', PASSWORD);
    const other = await c.ok('calls.get', { id: rec.id });
    expect(other.record).toMatchObject({ recordNo: rec.recordNo, content: '', replyContent: '', phone: '139****0000', address: '' });
    expect(other.history.length).toBeGreaterThan(1);
    expect(leaks(other)).toEqual([]);
    // Its own agent still sees everything, history included.
    await c.login('agent1', PASSWORD);
    const own = await c.ok('calls.get', { id: rec.id });
    expect(own.record).toMatchObject({ content: SECRET, phone: NUMBER });
    expect(JSON.stringify(own.history)).toContain(FIRST_DRAFT);
  });

  it('customers.lookup: the next screen pop from the number does not show the call’s content to whoever takes it', async () => {
    await confidentialCallOfAgent1();
    await c.login('agent2', PASSWORD);
    const pop = await c.ok('customers.lookup', { phone: NUMBER });
    expect(pop.recentCalls).toHaveLength(1);
    expect(pop.recentCalls[0]!.content).toBe('');
    expect([SECRET, FIRST_DRAFT, REPLY].filter((s) => JSON.stringify(pop).includes(s))).toEqual([]);
    await c.login('agent1', PASSWORD);
    expect((await c.ok('customers.lookup', { phone: NUMBER })).recentCalls[0]!.content).toBe(SECRET);
  });

  it('a complaint registered from the call is confidential, and another agent gets it without problem or number', async () => {
    const rec = await confidentialCallOfAgent1();
    const k = await c.ok('complaints.register', { channel: 'phone', complainant: '周女士', phone: NUMBER, problem: SECRET, type: 'result_doubt', severity: 'general', callId: rec.id });
    expect((k as { confidential?: boolean }).confidential).toBe(true);
    await c.login('agent2', PASSWORD);
    const other = await c.ok('complaints.get', { id: k.id });
    expect(other.complaint).toMatchObject({ complaintNo: k.complaintNo, problem: '', phone: '139****0000' });
    expect(leaks(other)).toEqual([]);
    const listed = await c.ok('complaints.list', {});
    expect(listed.rows.map((r) => r.id)).toEqual([k.id]);
    expect(leaks(listed)).toEqual([]);
    // Nor does a search find it by what it hides.
    expect((await c.ok('complaints.list', { q: '质量问题' })).rows).toEqual([]);
    expect((await c.ok('complaints.list', { q: NUMBER })).rows).toEqual([]);
    // What every list shows of it still finds it.
    expect((await c.ok('complaints.list', { q: '周女士' })).rows.map((r) => r.id)).toEqual([k.id]);
  });
});
