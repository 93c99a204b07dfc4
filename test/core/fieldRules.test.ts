import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/**
 * One rule per field through the real core (dispatcher + the shared mutations on a real SQLite
 * store): the stuck complaint of issue 14, and each value that used to be changed silently.
 */
let c: TestConsole;
afterEach(() => c?.close());

const COMPLAINT = {
  channel: 'phone' as const,
  complainant: '周丽',
  phone: '0571-88881234',
  problem: '认为色牢度检测结果偏低,要求复检',
  type: 'result_doubt' as const,
  severity: 'general' as const,
};

const fieldsOf = (r: { ok: boolean; error?: { fields?: { field: string; code: string }[] } }) =>
  r.ok ? [] : (r.error?.fields ?? []).map((f) => `${f.field}:${f.code}`);

async function assigned(phoneAfterRegistration?: string) {
  c = await seededConsole();
  const users = Object.fromEntries((await c.ok('users.directory', {})).map((u) => [u.displayName, u.id]));
  await c.login('agent1', PASSWORD);
  const reg = await c.ok('complaints.register', COMPLAINT);
  // A store written before the phone rule existed: the stored number is one nobody can dial.
  if (phoneAfterRegistration) c.core.context.db.prepare('UPDATE complaints SET phone = ? WHERE id = ?').run(phoneAfterRegistration, reg.id);
  await c.login('lead', PASSWORD);
  await c.ok('complaints.transition', { id: reg.id, step: { action: 'assign', departments: ['质量技术部'], handlerId: users.李晓梅!, handlerName: '李晓梅' } });
  await c.login('agent1', PASSWORD);
  return reg;
}

const RESULT = { action: 'recordResult' as const, investigation: '复核原始记录', result: '结果无误', replyToCustomer: '已电话解释' };

describe('the stuck complaint (issue 14)', () => {
  it('refuses the phone 12-abc at registration, beside the phone box, together with every other problem', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const bad = await c.call('complaints.register', { ...COMPLAINT, phone: '12-abc' });
    expect(fieldsOf(bad)).toEqual(['phone:invalid_format']);
    const future = new Date(Date.parse(c.clock.now().toISOString()) + 86_400_000).toISOString();
    const past = new Date(Date.parse(c.clock.now().toISOString()) - 86_400_000).toISOString();
    const dates = await c.call('complaints.register', { ...COMPLAINT, occurredAt: future, agreedReplyBy: past });
    expect(fieldsOf(dates)).toEqual(['occurredAt:in_future', 'agreedReplyBy:in_past']);
  });

  it('a stored bad phone is refused at 录入处理结果 as the phone field, and corrected on the spot', async () => {
    const reg = await assigned('12-abc');
    const refused = await c.call('complaints.transition', { id: reg.id, step: RESULT });
    expect(refused.ok).toBe(false);
    // The field the step's form shows in red: the phone, not a field of the callback behind it.
    expect(fieldsOf(refused)).toEqual(['phone:invalid_format']);
    const done = await c.ok('complaints.transition', { id: reg.id, step: { ...RESULT, phone: '13912345678' } });
    expect(done).toMatchObject({ status: 'handled', phone: '13912345678', phoneNormalized: '13912345678' });
    // …and the complaint callback behind the step, which refused the old number, is made with the new one.
    const cb = c.core.context.db.prepare('SELECT phone FROM callbacks WHERE complaint_id = ?').all(reg.id);
    expect(cb).toEqual([{ phone: '13912345678' }]);
  });

  it('a complaint registered with an address only is not refused later for its empty phone', async () => {
    const reg0 = await assigned();
    const reg = reg0;
    c.core.context.db.prepare("UPDATE complaints SET phone = '', phone_normalized = '', address = '杭州市文一路1号' WHERE id = ?").run(reg.id);
    expect(await c.ok('complaints.transition', { id: reg.id, step: RESULT })).toMatchObject({ status: 'handled' });
  });

  it('an edit checks only what changed: the stored date is not refused for an unrelated edit', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const soon = new Date(Date.parse(c.clock.now().toISOString()) + 3_600_000).toISOString();
    const reg = await c.ok('complaints.register', { ...COMPLAINT, agreedReplyBy: soon });
    c.clock.advance(2 * 3_600_000);
    expect(await c.ok('complaints.edit', { id: reg.id, fields: { problem: '另补充:要求书面答复' } })).toMatchObject({ agreedReplyBy: soon });
  });
});

describe('values once changed silently are refused beside the field', () => {
  it('settings: an answer limit of −5 s, a repeat window of 100000 h, the hotline 热线abc and a duplicate department, all at once', async () => {
    c = await seededConsole();
    const before = await c.ok('settings.get', {});
    const r = await c.call('settings.update', { answerWithinSeconds: -5, repeatCallerHours: 100_000, hotline: '热线abc', departments: ['市场部', '质量技术部', '市场部'] });
    expect(r.ok).toBe(false);
    expect(fieldsOf(r).sort()).toEqual(['answerWithinSeconds:out_of_range', 'departments.2:duplicate', 'hotline:invalid_format', 'repeatCallerHours:out_of_range']);
    const after = await c.ok('settings.get', {});
    expect([after.answerWithinSeconds, after.repeatCallerHours, after.hotline, after.departments]).toEqual([
      before.answerWithinSeconds,
      before.repeatCallerHours,
      before.hotline,
      before.departments,
    ]);
  });

  it('set-up refuses the hotline "hotline"', async () => {
    const { openTestConsole, ORG } = await import('../helpers/core');
    c = openTestConsole();
    const r = await c.call('setup.initialize', { ...ORG, hotline: 'hotline', admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
    expect(fieldsOf(r)).toEqual(['hotline:invalid_format']);
  });

  it('the call sheet refuses a typed phone no callback can dial, and keeps the number the line reported', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '10086' });
    expect(fieldsOf(await c.call('calls.save', { id: call.id, fields: { phone: 'not-a-phone☎' } }))).toEqual(['phone:invalid_format']);
    // The number the line reported is not refused when the sheet is saved as it came.
    expect(await c.ok('calls.save', { id: call.id, fields: { phone: '10086', content: '咨询' } })).toMatchObject({ phone: '10086' });
  });

  it('a duplicate username is a field issue; a customer without a phone is "required"; the last administrator has its own code', async () => {
    c = await seededConsole();
    const dup = await c.call('users.create', { username: 'agent1', displayName: '另一个', role: 'agent', password: PASSWORD });
    expect(dup).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(fieldsOf(dup)).toEqual(['username:duplicate']);
    await c.login('agent1', PASSWORD);
    const noPhone = await c.call('customers.create', { name: '', organisation: '', address: '', phones: [], serviceRequirements: '', notes: '' });
    expect(fieldsOf(noPhone)).toEqual(['name:required', 'phones:required']);
    await c.login('admin', PASSWORD);
    const admin = (await c.ok('users.list', {})).find((u) => u.role === 'admin')!;
    expect(await c.call('users.update', { id: admin.id, active: false })).toMatchObject({ ok: false, error: { code: 'last_admin' } });
  });

  it('reports how many records use each department, and removing one keeps what the records say', async () => {
    const reg = await assigned();
    await c.login('admin', PASSWORD);
    const usage = await c.ok('settings.usage', {});
    expect(usage.departments.质量技术部).toBe(1);
    const s = await c.ok('settings.get', {});
    await c.ok('settings.update', { departments: s.departments.filter((d) => d !== '质量技术部') });
    await c.login('lead', PASSWORD);
    expect((await c.ok('complaints.get', { id: reg.id })).complaint.departments).toEqual(['质量技术部']);
  });
});
