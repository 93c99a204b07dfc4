import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSyncMutation } from '../../electron/core/write/mutation';
import type { AppraisalReport } from '../../shared/api/qualityTypes';
import { DEFAULT_APPRAISAL_WEIGHTS } from '../../shared/domain/appraisal';
import { attendanceIdOf } from '../../shared/domain/attendance';
import type { CallbackOutcome } from '../../shared/domain/callback';
import type { Actor } from '../../shared/domain/mutation';
import type { ScorecardItem } from '../../shared/domain/qaReview';
import { reviewIdOf } from '../../shared/domain/quality';
import { openTestConsole, ORG, PASSWORD, rowCounts, TestClock, type TestConsole, tmpDir } from '../helpers/core';

/**
 * The appraisal (绩效) over a small October 2026 seeded through the real core: calls, complaints, callbacks,
 * QA reviews and sign-ins, each figure and score worked out by hand below.
 */

let c: TestConsole;
let ids: Record<string, string>;
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const iso = (local: string) => new Date(at(local)).toISOString();

async function as(user: string, local: string) {
  c.clock.t = at(local);
  await c.login(user, PASSWORD);
}

const actor = (username: string, role: Actor['role'], displayName: string): Actor => ({ userId: ids[username]!, role, displayName });

const ITEMS: ScorecardItem[] = [
  { id: 'greeting', label: '问候与结束语', weight: 100, fatal: false, guidance: '' },
  { id: 'leak', label: '泄露客户信息', weight: 0, fatal: true, guidance: '' },
];

/** A QA review written through the write path as the inspector would (the QA screens' own handlers are another module's). */
function review(month: string, callId: string, points: number, fatal: boolean, local: string) {
  runSyncMutation(
    c.core.context,
    'qa.review',
    {
      id: reviewIdOf(month, 'call', callId),
      month,
      recordKind: 'call',
      recordId: callId,
      recordNo: '',
      agentId: ids.agent1!,
      agentName: '李晓梅',
      scorecardId: '01a20584-06f7-7129-91b2-27fa7cfc5475',
      scorecardVersion: 1,
      items: ITEMS,
      scores: [
        { itemId: 'greeting', points, failed: false, comment: '' },
        { itemId: 'leak', points: 0, failed: fatal, comment: '' },
      ],
      comment: '',
      at: iso(local),
    },
    actor('inspector', 'quality_inspector', '周质检'),
  );
}

function signIn(username: string, role: Actor['role'], name: string, day: string) {
  runSyncMutation(
    c.core.context,
    'attendance.signIn',
    { id: attendanceIdOf(ids[username]!, day), day, shift: { id: 'day', name: '白班', start: '08:30', end: '17:30', graceMinutes: 5 }, workstation: 'A07', note: '', at: iso(`${day} 08:25`) },
    actor(username, role, name),
  );
}

const outcome = (score: number | null): CallbackOutcome => ({
  satisfaction: 'satisfied',
  score,
  accuracy: null,
  timeliness: null,
  attitude: null,
  unsatisfactory: '',
  remainingProblems: '',
  suggestions: '',
  evaluation: '',
  note: '',
  scriptVersionId: null,
});

const OCTOBER_WORKING = ['08', '09', '10', '12', '13', '14', '15', '16', '19', '20', '21', '22', '23', '26', '27', '28', '29', '30'].map((d) => `2026-10-${d}`);

async function answer(user: string, local: string, rangSecondsBefore: number, satisfaction: number | null): Promise<string> {
  await as(user, local);
  const call = await c.ok('calls.answer', { phone: '13905710000', rangAt: new Date(c.clock.t - rangSecondsBefore * 1000).toISOString() });
  await c.ok('calls.save', { id: call.id, fields: { content: '咨询检测报告进度', category: 'query', satisfaction }, end: true });
  return call.id;
}

beforeAll(async () => {
  c = openTestConsole(tmpDir(), new TestClock(at('2026-09-30 10:00')));
  await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  for (const [username, displayName, role] of [
    ['agent1', '李晓梅', 'agent'],
    ['agent2', '赵建国', 'agent'],
    ['officer', '陈回访', 'callback_officer'],
    ['inspector', '周质检', 'quality_inspector'],
    ['lead', '张组长', 'team_lead'],
  ] as const) {
    await c.ok('users.create', { username, displayName, role, password: PASSWORD });
  }
  ids = Object.fromEntries((await c.ok('users.list', {})).map((u) => [u.username, u.id]));

  // agent1: three calls on 12 October, one answered late (60 s > 15 s); satisfaction 5 and 3.
  const call1 = await answer('agent1', '2026-10-12 10:00', 2, 5);
  const call2 = await answer('agent1', '2026-10-12 10:30', 60, 3);
  const call3 = await answer('agent1', '2026-10-12 11:00', 2, null);
  // agent2: one call, and one voided (not counted).
  await answer('agent2', '2026-10-12 10:05', 2, null);
  const voided = await answer('agent2', '2026-10-12 10:10', 2, 1);
  await c.ok('calls.void', { id: voided, reason: '重复登记' });
  // Outside the month: not counted.
  await answer('agent1', '2026-09-30 16:00', 2, 1);

  // Complaints: about agent1's manner (counted), about a fee (not about the agent), and one voided.
  await as('agent2', '2026-10-13 09:00');
  const complaint = (type: 'attitude' | 'fee' | 'timeliness', callId: string) =>
    c.ok('complaints.register', { channel: 'phone', complainant: '周丽', phone: '13905710000', problem: '客服态度生硬', type, severity: 'general', callId });
  await complaint('attitude', call1);
  await complaint('fee', call2);
  const dropped = await complaint('timeliness', call3);
  await as('lead', '2026-10-13 09:30');
  await c.ok('complaints.transition', { id: dropped.id, step: { action: 'void', reason: '误登记' } });

  // Callbacks given to the officer: one done on time with a score of 4 on agent1's call, one done late.
  const onTime = await c.ok('callbacks.create', { kind: 'promised', dueAt: iso('2026-10-14 10:00'), phone: '13905710000', subject: '回电', callId: call1, assigneeId: ids.officer! });
  const late = await c.ok('callbacks.create', { kind: 'promised', dueAt: iso('2026-10-13 12:00'), phone: '13905710001', subject: '回电', callId: null, assigneeId: ids.officer! });
  await as('officer', '2026-10-14 09:00');
  await c.ok('callbacks.complete', { id: onTime.id, outcome: outcome(4) });
  await c.ok('callbacks.complete', { id: late.id, outcome: outcome(null) });

  // QA: two reviews of agent1's October, 90 and one voided by a fatal item; a September one is not counted.
  review('2026-10', call1, 90, false, '2026-11-03 10:00');
  review('2026-10', call2, 80, true, '2026-11-03 10:10');
  review('2026-09', call3, 10, false, '2026-11-03 10:20');

  // Attendance: agent2 every working day, the officer the first nine, agent1 never.
  for (const day of OCTOBER_WORKING) signIn('agent2', 'agent', '赵建国', day);
  for (const day of OCTOBER_WORKING.slice(0, 9)) signIn('officer', 'callback_officer', '陈回访', day);
  await answer('agent1', '2026-11-02 10:00', 2, 5);
  c.clock.t = at('2026-11-05 10:00');
}, 120_000);
afterAll(() => c.close());

describe('the appraisal of October 2026', () => {
  let report: AppraisalReport;

  it('counts each figure of each agent and callback officer', async () => {
    await as('lead', '2026-11-05 10:00');
    report = await c.ok('appraisal.team', { period: 'month', key: '2026-10' });
    expect(report).toMatchObject({ period: 'month', key: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    const byName = Object.fromEntries(report.rows.map((r) => [r.userName, r]));
    // Only the people who serve customers on the phone are appraised.
    expect(Object.keys(byName).sort()).toEqual(['李晓梅', '赵建国', '陈回访'].sort());
    expect(byName.李晓梅!.figures).toEqual({
      callsHandled: 3,
      callsLate: 1,
      complaints: 1,
      callbacksDue: 0,
      callbacksOnTime: 0,
      qaReviews: 2,
      qaAverage: 45,
      fatalErrors: 1,
      // (5×20 + 3×20 + the callback's 4×20) / 3
      satisfactionAverage: 80,
      attendanceRate: 0,
    });
    expect(byName.赵建国!.figures).toEqual({
      callsHandled: 1,
      callsLate: 0,
      complaints: 0,
      callbacksDue: 0,
      callbacksOnTime: 0,
      qaReviews: 0,
      qaAverage: null,
      fatalErrors: 0,
      satisfactionAverage: null,
      attendanceRate: 100,
    });
    expect(byName.陈回访!.figures).toMatchObject({ callsHandled: 0, callbacksDue: 2, callbacksOnTime: 1, attendanceRate: 50, satisfactionAverage: null });
  });

  it('scores each part, weighs the parts measured, and ranks by the total', () => {
    const byName = Object.fromEntries(report.rows.map((r) => [r.userName, r]));
    // Equal totals share a rank; the names then go in pinyin order (陈 before 赵).
    expect(report.rows.map((r) => [r.userName, r.rank, r.total])).toEqual([
      ['陈回访', 1, 80],
      ['赵建国', 1, 80],
      ['李晓梅', 3, 63.2],
    ]);
    // agent2: volume 1/3 of the busiest agent, on time 100, no complaint 100, attendance 100; QA, callbacks and satisfaction unmeasured.
    expect(byName.赵建国!.scores).toEqual({ serviceStandard: null, volume: 33.3, timeliness: 100, complaints: 100, callbacks: null, satisfaction: null, attendance: 100 });
    // agent1: (45×25 + 100×15 + 66.7×10 + 80×15 + 80×15 + 0×10) / 90 = 63.2
    expect(byName.李晓梅!.scores).toEqual({ serviceStandard: 45, volume: 100, timeliness: 66.7, complaints: 80, callbacks: null, satisfaction: 80, attendance: 0 });
    // officer: volume by callbacks against the busiest officer (the only one): (100×15 + 100×15 + 50×10 + 50×10) / 50 = 80
    expect(byName.陈回访!.scores).toMatchObject({ volume: 100, timeliness: null, complaints: 100, callbacks: 50, attendance: 50 });
  });

  it('follows the settings’ weights', async () => {
    await as('admin', '2026-11-05 10:05');
    await c.ok('settings.update', { appraisalWeights: { ...DEFAULT_APPRAISAL_WEIGHTS, serviceStandard: 20, volume: 0, attendance: 30 } });
    await as('lead', '2026-11-05 10:06');
    const rows = (await c.ok('appraisal.team', { period: 'month', key: '2026-10' })).rows;
    // agent1: (45×20 + 66.7×10 + 80×15 + 80×15 + 0×30) / 90 = 44.1; agent2: (100×10 + 100×15 + 100×30) / 55 = 100.
    expect(rows.map((r) => [r.userName, r.total])).toEqual([
      ['赵建国', 100],
      ['陈回访', 63.6],
      ['李晓梅', 44.1],
    ]);
    await as('admin', '2026-11-05 10:07');
    await c.ok('settings.update', { appraisalWeights: DEFAULT_APPRAISAL_WEIGHTS });
  });

  it('an agent sees only their own row, ranked among everyone; somebody not appraised sees none', async () => {
    await as('agent1', '2026-11-05 10:10');
    const mine = await c.ok('appraisal.mine', { period: 'month', key: '2026-10' });
    expect(mine).toMatchObject({ userId: ids.agent1, userName: '李晓梅', rank: 3, total: 63.2 });
    expect(await c.call('appraisal.team', { period: 'month', key: '2026-10' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.call('appraisal.export', { period: 'month', key: '2026-10' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await as('inspector', '2026-11-05 10:11');
    expect(await c.ok('appraisal.mine', { period: 'month', key: '2026-10' })).toBeNull();
  });

  it('a quarter and a year take in every month of theirs up to today; a key of another period is refused beside it', async () => {
    await as('lead', '2026-11-05 10:12');
    const q = await c.ok('appraisal.team', { period: 'quarter', key: '2026-Q4' });
    expect(q).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    const a1 = q.rows.find((r) => r.userName === '李晓梅')!;
    // The November call counts; November's working days 2–4 were due and missed (the 5th is today).
    expect(a1.figures).toMatchObject({ callsHandled: 4, qaReviews: 2 });
    expect(q.rows.find((r) => r.userName === '赵建国')!.figures.attendanceRate).toBe(85.7);
    const y = await c.ok('appraisal.team', { period: 'year', key: '2026' });
    expect(y.rows.find((r) => r.userName === '李晓梅')!.figures).toMatchObject({ callsHandled: 5, qaReviews: 3, qaAverage: 33.3 });
    const before = rowCounts(c.core);
    expect(await c.call('appraisal.team', { period: 'month', key: '2026' })).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'key' }] } });
    expect(await c.call('appraisal.team', { period: 'quarter', key: '2026-10' })).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'key' }] } });
    expect(rowCounts(c.core)).toEqual(before);
  });

  it('exports the ranking as .xlsx with Chinese headers, audited', async () => {
    await as('inspector', '2026-11-05 10:15');
    const out = await c.ok('appraisal.export', { period: 'month', key: '2026-10' });
    expect(out).toMatchObject({ filename: '绩效考核-2026-10.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', rows: 3 });
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as never);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['排名', '姓名', '接听量']);
    expect(header).toContain('服务规范（质检）得分');
    expect(header).toContain('出勤率得分');
    expect(header.at(-1)).toBe('总分');
    const rows = [2, 3, 4].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[1], r.at(-1)])).toEqual([
      [1, '陈回访', 80],
      [1, '赵建国', 80],
      [3, '李晓梅', 63.2],
    ]);
    const audit = c.core.context.db.prepare("SELECT * FROM audit_log WHERE action = 'export' AND entity = 'appraisal'").all() as Record<string, unknown>[];
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).toContain(ids.inspector!);
    expect(JSON.stringify(audit[0])).toContain('绩效考核-2026-10.xlsx');
  });
});

describe('the appraisal weights', () => {
  it('refuses service standards under 20% of the total beside appraisalWeights.serviceStandard, and writes nothing', async () => {
    await as('admin', '2026-11-05 11:00');
    const before = rowCounts(c.core);
    const settingsBefore = await c.ok('settings.get', {});
    // 19 of 100, and 25 of 130 (19.2%): both under a fifth.
    for (const weights of [
      { ...DEFAULT_APPRAISAL_WEIGHTS, serviceStandard: 19, volume: 21 },
      { ...DEFAULT_APPRAISAL_WEIGHTS, volume: 45 },
    ]) {
      const env = await c.call('settings.update', { appraisalWeights: weights });
      expect(env).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'appraisalWeights.serviceStandard', code: 'out_of_range' }] } });
    }
    // All weights 0: nothing to weigh, refused at the same field.
    const zero = { serviceStandard: 0, volume: 0, timeliness: 0, complaints: 0, callbacks: 0, satisfaction: 0, attendance: 0 };
    expect(await c.call('settings.update', { appraisalWeights: zero })).toMatchObject({ ok: false, error: { fields: [{ field: 'appraisalWeights.serviceStandard' }] } });
    expect(rowCounts(c.core)).toEqual(before);
    expect((await c.ok('settings.get', {})).appraisalWeights).toEqual(settingsBefore.appraisalWeights);
    // Exactly a fifth is allowed.
    const fifth = { ...DEFAULT_APPRAISAL_WEIGHTS, serviceStandard: 20, volume: 20 };
    expect((await c.ok('settings.update', { appraisalWeights: fifth })).appraisalWeights).toEqual(fifth);
  });
});
