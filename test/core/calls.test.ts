import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
afterEach(() => c?.close());

async function asAgent(): Promise<TestConsole> {
  c = await seededConsole();
  await c.ok('customers.create', {
    name: '周丽',
    organisation: '杭州宏达纺织有限公司',
    address: '杭州市萧山区宁围街道 88 号',
    phones: ['0571-8888 1234', '139 0571 0000'],
    serviceRequirements: '报告需加急',
    notes: '',
  });
  await c.login('agent1', PASSWORD);
  return c;
}

describe('taking a call (annex 1)', () => {
  it('pops the known caller from any shape of the number and links the record', async () => {
    await asAgent();
    for (const phone of ['88881234', '0571-88881234', '+86 139 0571 0000']) {
      const pop = await c.ok('customers.lookup', { phone });
      expect(pop.matches.map((m) => m.customer.name)).toEqual(['周丽']);
    }
    const rec = await c.ok('calls.answer', { phone: '(0571) 8888-1234' });
    expect(rec).toMatchObject({ callerName: '周丽', organisation: '杭州宏达纺织有限公司', status: 'open', agentName: '李晓梅' });
    expect(rec.customerId).not.toBeNull();
    expect(rec.recordNo).toMatch(/^LD-20261122-A07-0001$/);
  });

  it('offers nothing for an unknown number, then flags it as a repeat caller within 24/48 h', async () => {
    await asAgent();
    const first = await c.ok('customers.lookup', { phone: '13912345678' });
    expect(first.matches).toEqual([]);
    expect(first.repeat.within48h).toBe(0);
    await c.ok('calls.answer', { phone: '13912345678' });
    c.clock.advance(30 * 3600_000);
    await c.login('agent1', PASSWORD);
    const later = await c.ok('customers.lookup', { phone: '139-1234-5678' });
    expect(later.repeat).toMatchObject({ within24h: 0, within48h: 1 });
    expect(later.recentCalls).toHaveLength(1);
  });

  it('measures the ring from the CTI event and counts a late answer', async () => {
    await asAgent();
    const rangAt = new Date(c.clock.t - 20_000).toISOString();
    const rec = await c.ok('calls.answer', { phone: '13912345678', rangAt });
    expect(rec.answeredLate).toBe(true);
    const future = await c.ok('calls.answer', { phone: '13912345678', rangAt: '2030-01-01T00:00:00Z' });
    expect(future.rangAt).toBe(future.answeredAt);
  });

  it('saves, edits with history of both versions, and voids with a reason without deleting', async () => {
    await asAgent();
    const rec = await c.ok('calls.answer', { phone: '13912345678' });
    c.clock.advance(120_000);
    await c.ok('calls.save', { id: rec.id, fields: { callerName: '孙先生', category: 'query', content: '查询报告进度' }, end: true });
    c.clock.advance(60_000);
    const edited = await c.ok('calls.save', { id: rec.id, fields: { content: '查询报告进度,已告知预计周五出具' } });
    expect(edited).toMatchObject({ version: 3, status: 'closed', durationSec: 120 });
    const detail = await c.ok('calls.get', { id: rec.id });
    const contentChanges = detail.history.filter((h) => h.action === 'call.update').flatMap((h) => h.changes.filter((ch) => ch.field === 'content'));
    expect(contentChanges.map((ch) => ch.after)).toEqual(['查询报告进度', '查询报告进度,已告知预计周五出具']);
    expect(detail.history.every((h) => h.actorName === '李晓梅')).toBe(true);

    const noReason = await c.call('calls.void', { id: rec.id, reason: '  ' });
    expect(noReason.ok === false && noReason.error.fields?.[0]).toMatchObject({ field: 'reason', code: 'required' });
    const voided = await c.ok('calls.void', { id: rec.id, reason: '测试误登记' });
    expect(voided.voided).toBe(true);
    expect((await c.ok('calls.list', {})).rows).toHaveLength(0);
    expect((await c.ok('calls.list', { includeVoided: true })).rows[0]).toMatchObject({ id: rec.id, voided: true });
    const again = await c.call('calls.save', { id: rec.id, fields: { content: 'x' } });
    expect(again.ok === false && again.error.code).toBe('refused');
  });

  it('writes one outbox entry per mutation, numbered 1, 2, 3 … per user, with the base the user saw', async () => {
    await asAgent();
    const rec = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('calls.save', { id: rec.id, fields: { content: '咨询', category: 'consultation', callerName: '' }, end: true });
    const rows = c.core.context.db
      .prepare("SELECT mutation_id, name, base, args FROM outbox WHERE actor_id = ? ORDER BY mutation_id")
      .all(rec.agentId) as { mutation_id: number; name: string; base: string | null; args: string }[];
    expect(rows.map((r) => [r.mutation_id, r.name])).toEqual([
      [1, 'call.create'],
      [2, 'call.update'],
    ]);
    expect(JSON.parse(rows[1]!.base!)).toEqual({ version: 1, status: 'open', voided: false });
    // Unchanged fields (callerName) are not sent: descriptive fields are last-writer-wins per field.
    expect(Object.keys(JSON.parse(rows[1]!.args).fields).sort()).toEqual(['category', 'content']);
    const history = c.core.context.db.prepare('SELECT id FROM history WHERE entity_id = ? ORDER BY at').all(rec.id) as { id: string }[];
    expect(history.map((h) => h.id.split(':')[1])).toEqual(['1', '2']);
  });

  it('finds calls by number, name and record number, and escapes LIKE wildcards', async () => {
    await asAgent();
    const a = await c.ok('calls.answer', { phone: '0571-88881234' });
    const b = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('calls.save', { id: b.id, fields: { callerName: '钱女士' } });
    expect((await c.ok('calls.list', { q: '8888 1234' })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await c.ok('calls.list', { q: '钱' })).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await c.ok('calls.list', { q: b.recordNo })).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await c.ok('calls.list', { q: '%' })).rows).toEqual([]);
    expect((await c.ok('customers.search', { q: a.recordNo })).map((x) => x.name)).toEqual(['周丽']);
  });

  it('keeps agents to their own records and callback officers off the form', async () => {
    await asAgent();
    const rec = await c.ok('calls.answer', { phone: '13912345678' });
    await c.login('agent2', PASSWORD);
    expect(await c.call('calls.save', { id: rec.id, fields: { content: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await c.login('officer', PASSWORD);
    expect(await c.call('calls.answer', { phone: '13912345678' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await c.login('lead', PASSWORD);
    expect((await c.ok('calls.save', { id: rec.id, fields: { content: '组长补记' } })).content).toBe('组长补记');
  });

  it('hides a confidential record from other agents in the list', async () => {
    await asAgent();
    const rec = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('calls.save', { id: rec.id, fields: { confidential: true, content: '不愿透露的问题' } });
    await c.login('agent2', PASSWORD);
    const row = (await c.ok('calls.list', {})).rows[0]!;
    expect(row).toMatchObject({ phone: '139****5678', content: '' });
  });

  it('keeps drafts per user and drops them when the record is saved', async () => {
    await asAgent();
    const rec = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('drafts.save', { key: `call:${rec.id}`, payload: { content: '正在输入…' } });
    expect((await c.ok('calls.get', { id: rec.id })).draft?.payload).toEqual({ content: '正在输入…' });
    await c.ok('calls.save', { id: rec.id, fields: { content: '正在输入…完成' } });
    expect((await c.ok('calls.get', { id: rec.id })).draft).toBeNull();
  });
});

describe('sessions and setup', () => {
  it('refuses a second set-up, wrong passwords and expired sessions', async () => {
    c = await seededConsole();
    const again = await c.call('setup.initialize', {
      organisationName: 'x',
      hotline: '12345',
      workstation: 'B01',
      admin: { username: 'x2', displayName: 'x', password: 'password1' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_initialized' } });
    expect(await c.call('auth.login', { username: 'agent1', password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials' },
    });
    await c.login('agent1', PASSWORD);
    c.clock.advance(5 * 3600_000);
    expect(await c.call('calls.list', {})).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(c.token).toBeNull();
  });

  it('a deactivated user is logged out and cannot log in', async () => {
    c = await seededConsole();
    const users = await c.ok('users.list', {});
    const agent = users.find((u) => u.username === 'agent1')!;
    const adminToken = c.token;
    await c.login('agent1', PASSWORD);
    const agentToken = c.token;
    c.token = adminToken;
    await c.ok('users.update', { id: agent.id, active: false });
    c.token = agentToken;
    expect(await c.call('calls.list', {})).toMatchObject({ ok: false });
    expect(await c.call('auth.login', { username: 'agent1', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
  });

  it('never lets the last administrator be demoted', async () => {
    c = await seededConsole();
    const admin = (await c.ok('users.list', {})).find((u) => u.role === 'admin')!;
    // Its own code, so the UI can say why (the last administrator) and what to do (make another one first).
    expect(await c.call('users.update', { id: admin.id, role: 'agent' })).toMatchObject({ ok: false, error: { code: 'last_admin' } });
  });
});
