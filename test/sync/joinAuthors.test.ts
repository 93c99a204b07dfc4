import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackOutcome } from '../../shared/domain/callback';
import type { ScriptContent } from '../../shared/domain/script';
import { BUILT_IN_CALL_SCRIPT } from '../../shared/domain/scriptDefaults';
import { ORG, openTestConsole, PASSWORD, seededConsole, type TestConsole } from '../helpers/core';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';

/**
 * Offline work survives joining (docs/sync.md, "Joining and leaving"): a standalone workstation in which
 * every user made every kind of mutation joins a hub that another workstation already set up, and every
 * change reaches the hub and that other workstation with its real author. Before the join attested the
 * local users, the outbox was pushed as the administrator and every handler sign-off was refused.
 */

const outcome: CallbackOutcome = {
  satisfaction: 'satisfied',
  score: 5,
  accuracy: 'satisfied',
  timeliness: 'satisfied',
  attitude: 'satisfied',
  unsatisfactory: '',
  remainingProblems: '',
  suggestions: '',
  evaluation: '',
  note: '',
  scriptVersionId: null,
};

const contentOf = ({ name, steps, specials }: ScriptContent): ScriptContent => ({ name, steps, specials });

let hub: HubProcess;
let h: TestConsole;
let s: TestConsole;
const made: Record<string, string> = {};

beforeAll(async () => {
  hub = await startHubProcess();
  // Workstation H sets the hub up (its users are the hub's); S stays standalone meanwhile.
  h = await seededConsole();
  h.core.sync.stop();
  await h.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
  h.core.sync.stop();

  s = openTestConsole();
  s.core.sync.stop();
  await s.ok('setup.initialize', { ...ORG, workstation: 'S05', admin: { username: 'sadmin', displayName: '吴管理', password: PASSWORD } });
  await s.ok('users.create', { username: 'sagent', displayName: '孙晓燕', role: 'agent', password: PASSWORD });
  await s.ok('users.create', { username: 'sofficer', displayName: '周回访', role: 'callback_officer', password: PASSWORD });
  // The same username as H's lead, another person: the hub keeps both, this one renamed.
  await s.ok('users.create', { username: 'lead', displayName: '钱组长', role: 'team_lead', password: PASSWORD });
  const dir = await s.ok('users.directory', {});
  const idOf = (name: string) => dir.find((u) => u.displayName === name)!.id;

  // The agent: a call (created, filled in, ended), a customer (created, edited), a complaint, a callback.
  await s.login('sagent', PASSWORD);
  const customer = await s.ok('customers.create', { name: '周丽', organisation: '杭州西湖水务有限公司', address: '', phones: ['13800138000'], serviceRequirements: '', notes: '' });
  await s.ok('customers.update', { id: customer.id, fields: { notes: '重点客户,上午联系' } });
  const call = await s.ok('calls.answer', { phone: '13800138000', customerId: customer.id });
  await s.ok('calls.save', { id: call.id, fields: { content: '询问检测报告进度', category: 'query' }, end: true });
  const complaint = await s.ok('complaints.register', {
    channel: 'phone',
    complainant: '周丽',
    phone: '13800138000',
    problem: '对检测结果有疑问',
    type: 'result_doubt',
    severity: 'major',
    soothed: true,
    headNotifiedTo: '客服部部长 刘明',
    headNotifiedAt: new Date(s.clock.t).toISOString(),
  });
  await s.ok('complaints.edit', { id: complaint.id, fields: { organisation: '杭州西湖水务有限公司' } });
  const cb = await s.ok('callbacks.create', { kind: 'promised', dueAt: new Date(s.clock.t + 86_400_000).toISOString(), phone: '13800138000', assigneeId: idOf('周回访') });
  const cb2 = await s.ok('callbacks.create', { kind: 'satisfaction', dueAt: new Date(s.clock.t + 86_400_000).toISOString(), phone: '13800138000', assigneeId: idOf('周回访') });

  // The lead assigns the complaint to the agent, reports it, voids a second call of the agent's.
  const second = await s.ok('calls.answer', { phone: '13900000001' });
  await s.login('lead', PASSWORD);
  await s.ok('complaints.transition', { id: complaint.id, step: { action: 'assign', departments: ['质量技术部'], handlerId: idOf('孙晓燕'), handlerName: '孙晓燕' } });
  await s.ok('complaints.transition', { id: complaint.id, step: { action: 'report', note: '已向分管领导电话报告' } });
  await s.ok('calls.void', { id: second.id, reason: '重复记录' });

  // The handler records the result and signs off: the mutation the old join lost.
  await s.login('sagent', PASSWORD);
  await s.ok('complaints.transition', { id: complaint.id, step: { action: 'recordResult', investigation: '复核原始记录', result: '结果无误', replyToCustomer: '已电话解释' } });
  await s.ok('complaints.transition', { id: complaint.id, step: { action: 'signoff', kind: 'handler', opinion: '处理完毕' } });

  // The officer: a callback not reached then done, the other done; the complaint's callback recorded.
  await s.login('sofficer', PASSWORD);
  await s.ok('callbacks.notReached', { id: cb.id, note: '无人接听' });
  await s.ok('callbacks.complete', { id: cb.id, outcome });
  await s.ok('callbacks.complete', { id: cb2.id, outcome });
  await s.ok('complaints.transition', { id: complaint.id, step: { action: 'recordCallback', result: 'satisfied', note: '客户满意' } });

  // The lead approves; the administrator publishes a script version.
  await s.login('lead', PASSWORD);
  await s.ok('complaints.transition', { id: complaint.id, step: { action: 'approveClose', opinion: '同意办结' } });
  await s.login('sadmin', PASSWORD);
  const base = contentOf(BUILT_IN_CALL_SCRIPT);
  const script = await s.ok('scripts.publish', {
    kind: 'call',
    content: { ...base, steps: base.steps.map((x) => (x.key === 'greeting' ? { ...x, words: '您好,{机构名称}热线,请讲。' } : x)) },
    note: '问候语简化',
  });
  Object.assign(made, { customer: customer.id, call: call.id, second: second.id, complaint: complaint.id, cb: cb.id, cb2: cb2.id, script: script.id });

  // S joins with H's administrator; then both sync.
  await s.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD });
  s.core.sync.stop();
  // The engine itself: on the old join the signed-in local user was deactivated, so the API could not ask.
  expect((await s.core.sync.syncNow()).error).toBeNull();
  await h.login('lead', PASSWORD);
  expect((await h.ok('sync.now', {})).error).toBeNull();
}, 120_000);

afterAll(async () => {
  s?.close();
  h?.close();
  await hub?.stop();
});

const actors = (history: { action: string; actorName: string }[]) => history.map((x) => `${x.action} ${x.actorName}`);

describe('joining a hub keeps every offline change and its author', () => {
  it('nothing was refused: no conflicts on the joining workstation', async () => {
    const st = await s.ok('sync.status', {});
    expect(st).toMatchObject({ pending: 0, conflicts: 0 });
  });

  it('the complaint, with the handler sign-off and every step, on the other workstation with their authors', async () => {
    for (const c of [h, s]) {
      if (c === s) await s.login('lead', PASSWORD);
      const d = await c.ok('complaints.get', { id: made.complaint! });
      expect(d.complaint).toMatchObject({ status: 'closed', handlerName: '孙晓燕', organisation: '杭州西湖水务有限公司' });
      expect(d.complaint.signoffs.map((x) => [x.kind, x.name])).toEqual([
        ['handler', '孙晓燕'],
        ['approval', '钱组长'],
      ]);
      expect(actors(d.history)).toEqual([
        'complaint.register 孙晓燕',
        'complaint.edit 孙晓燕',
        'complaint.transition 钱组长',
        'complaint.transition 钱组长',
        'complaint.transition 孙晓燕',
        'complaint.transition 孙晓燕',
        'complaint.transition 周回访',
        'complaint.transition 钱组长',
      ]);
    }
  });

  it('calls, customers, callbacks and the script version, each with its author', async () => {
    const call = await h.ok('calls.get', { id: made.call! });
    expect(call.record).toMatchObject({ agentName: '孙晓燕', workstation: 'S05', content: '询问检测报告进度' });
    expect(actors(call.history)).toEqual(['call.create 孙晓燕', 'call.update 孙晓燕']);
    const second = await h.ok('calls.get', { id: made.second! });
    expect(second.record).toMatchObject({ voided: true, agentName: '孙晓燕' });
    expect(actors(second.history)).toEqual(['call.create 孙晓燕', 'call.void 钱组长']);

    const customer = await h.ok('customers.get', { id: made.customer! });
    expect(customer).toMatchObject({ notes: '重点客户,上午联系' });

    for (const id of [made.cb!, made.cb2!]) {
      const cb = await h.ok('callbacks.get', { id });
      expect(cb.callback).toMatchObject({ status: 'done', assigneeName: '周回访' });
    }
    const cb = await h.ok('callbacks.get', { id: made.cb! });
    expect(actors(cb.history)).toEqual(['callback.create 孙晓燕', 'callback.notReached 周回访', 'callback.complete 周回访']);

    const versions = await h.ok('scripts.versions', { kind: 'call' });
    expect(versions.find((v) => v.id === made.script)).toMatchObject({ createdBy: '吴管理' });
  });

  it('the joining workstation’s users are on the hub under their own ids; the clashing username was renamed', async () => {
    const names = (await h.ok('users.directory', {})).map((u) => u.displayName);
    expect(names).toEqual(expect.arrayContaining(['孙晓燕', '周回访', '钱组长', '吴管理', '张组长']));
  });
});
