import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinNarrative } from '../../shared/domain/bulletin';
import { bulletinIdOf, EMPTY_NARRATIVE } from '../../shared/domain/bulletin';
import { PASSWORD, rowCounts, seededConsole, type TestConsole } from '../helpers/core';

/**
 * The bulletin's life cycle: a lead writes the narrative and publishes; a version is frozen (a later edit
 * does not touch it, it makes the next version); only leads save and publish; inspectors read drafts,
 * everybody reads published versions; every refusal writes nothing. The clock is 22 November 2026, so
 * October is over and November is not.
 */
let c: TestConsole;
let complaint: { id: string; complaintNo: string };
const MONTH = '2026-10';

const as = (u: string) => c.login(u, PASSWORD);
const narrative = (summary: string, extra: Partial<BulletinNarrative> = {}): BulletinNarrative => ({
  ...EMPTY_NARRATIVE,
  summary,
  representative: [{ complaintId: complaint.id, complaintNo: complaint.complaintNo, summary: '检测报告出具延误', handling: '已协调加急出具并致歉' }],
  rectifications: [{ id: uuidv7(), department: '纺织品检验部', issue: '报告延误', measure: '增加夜班', status: 'in_progress', note: '' }],
  ...extra,
});

beforeAll(async () => {
  c = await seededConsole();
  await c.ok('users.create', { username: 'qa', displayName: '孙质检', role: 'quality_inspector', password: PASSWORD });
  await as('agent1');
  c.clock.t = Date.parse('2026-10-15T02:00:00.000Z');
  const k = await c.ok('complaints.register', { channel: 'phone', complainant: '周丽', phone: '13905710000', problem: '报告延误', type: 'timeliness', severity: 'general' });
  complaint = { id: k.id, complaintNo: k.complaintNo };
  c.clock.t = Date.parse('2026-11-22T02:00:00.000Z');
}, 60_000);
afterAll(() => c.close());

describe('publishing freezes a version', () => {
  it('a lead saves the narrative and publishes version 1, sent to the distribution list', async () => {
    await as('lead');
    const empty = await c.ok('bulletin.get', { kind: 'monthly', periodKey: MONTH });
    expect(empty).toMatchObject({ draft: null, narrative: EMPTY_NARRATIVE, canEdit: true, periodOver: true, versions: [] });
    expect(empty.figures.current.complaints.total).toBe(1);
    const draft = await c.ok('bulletin.save', { kind: 'monthly', periodKey: MONTH, narrative: narrative('十月来电平稳'), version: 0 });
    expect(draft).toMatchObject({ id: bulletinIdOf('monthly', MONTH), publishedVersion: 0, dirty: true, editedBy: '张组长' });
    const v1 = await c.ok('bulletin.publish', { kind: 'monthly', periodKey: MONTH });
    expect(v1).toMatchObject({ number: 1, publishedBy: '张组长', publishedAt: '2026-11-22T02:00:00.000Z', distribution: ['客户服务部负责人', '质量技术部', '市场部', '总工办'] });
    expect(v1.narrative.summary).toBe('十月来电平稳');
    expect(v1.figures.current.complaints.total).toBe(1);
    const after = await c.ok('bulletin.get', { kind: 'monthly', periodKey: MONTH });
    expect(after.draft).toMatchObject({ publishedVersion: 1, dirty: false });
    expect(after.versions.map((v) => v.number)).toEqual([1]);
  });

  it('publishing again with nothing changed is refused', async () => {
    await as('lead');
    const before = rowCounts(c.core);
    expect(await c.call('bulletin.publish', { kind: 'monthly', periodKey: MONTH })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(rowCounts(c.core)).toEqual(before);
  });

  it('a later edit leaves version 1 as it was and makes version 2 when published; late records change only the new version', async () => {
    await as('lead');
    const { draft } = await c.ok('bulletin.get', { kind: 'monthly', periodKey: MONTH });
    await c.ok('bulletin.save', { kind: 'monthly', periodKey: MONTH, narrative: narrative('十月来电平稳，投诉一起', { keyAccountNeeds: '加急出具' }), version: draft!.version });
    // A complaint of October that arrives after version 1 (synced late from an offline workstation, say).
    c.clock.t = Date.parse('2026-10-20T02:00:00.000Z');
    await as('agent1');
    await c.ok('complaints.register', { channel: 'email', complainant: '吴强', phone: '13905710001', problem: '收费疑问', type: 'fee', severity: 'general' });
    c.clock.t = Date.parse('2026-11-22T03:00:00.000Z');
    await as('lead');
    const [v1row] = (await c.ok('bulletin.get', { kind: 'monthly', periodKey: MONTH })).versions;
    const v1 = await c.ok('bulletin.version', { id: v1row!.id });
    expect(v1.narrative.summary).toBe('十月来电平稳');
    expect(v1.figures.current.complaints.total).toBe(1);
    const v2 = await c.ok('bulletin.publish', { kind: 'monthly', periodKey: MONTH });
    expect(v2).toMatchObject({ number: 2, narrative: { summary: '十月来电平稳，投诉一起', keyAccountNeeds: '加急出具' } });
    expect(v2.figures.current.complaints.total).toBe(2);
    expect(await c.ok('bulletin.version', { id: v1row!.id })).toEqual(v1);
    const list = await c.ok('bulletin.list', {});
    expect(list).toEqual([expect.objectContaining({ periodKey: MONTH, versions: 2, latest: expect.objectContaining({ number: 2 }), draft: expect.objectContaining({ dirty: false }) })]);
  });

  it('a save made meanwhile by another lead is a conflict, not overwritten', async () => {
    await as('lead');
    const before = rowCounts(c.core);
    expect(await c.call('bulletin.save', { kind: 'monthly', periodKey: MONTH, narrative: narrative('旧稿'), version: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(rowCounts(c.core)).toEqual(before);
  });

  it('a period not over is not published; its draft may be saved', async () => {
    await as('lead');
    const before = rowCounts(c.core);
    expect(await c.call('bulletin.publish', { kind: 'monthly', periodKey: '2026-11' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', fields: [{ field: 'periodKey', code: 'in_future' }] },
    });
    expect(rowCounts(c.core)).toEqual(before);
    expect((await c.ok('bulletin.get', { kind: 'monthly', periodKey: '2026-11' })).periodOver).toBe(false);
  });
});

describe('the narrative is checked beside each field, all at once', () => {
  it('the schema: each missing text beside its field', async () => {
    await as('lead');
    const bad = narrative('x');
    bad.representative[0]!.summary = '';
    bad.rectifications[0]!.department = '';
    const r = await c.call('bulletin.save', { kind: 'monthly', periodKey: MONTH, narrative: bad });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    const fields = !r.ok ? (r.error.fields ?? []).map((f) => f.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['narrative.representative.0.summary', 'narrative.rectifications.0.department']));
  });

  it('the records: an unknown complaint, a complaint twice, a plan in a monthly bulletin, a month given as a quarter', async () => {
    await as('lead');
    const before = rowCounts(c.core);
    const rep = narrative('x').representative[0]!;
    const r = await c.call('bulletin.save', {
      kind: 'monthly',
      periodKey: MONTH,
      narrative: narrative('x', {
        representative: [rep, rep, { ...rep, complaintId: uuidv7() }],
        improvementPlan: [{ id: uuidv7(), item: '培训', owner: '张组长', dueDay: '2026-12-31', status: 'planned', followUp: '' }],
      }),
    });
    expect(r.ok ? [] : r.error.fields).toEqual([
      expect.objectContaining({ field: 'narrative.representative.1.complaintId', code: 'duplicate' }),
      expect.objectContaining({ field: 'narrative.representative.2.complaintId', code: 'invalid_value' }),
      expect.objectContaining({ field: 'narrative.improvementPlan', code: 'invalid_value' }),
    ]);
    expect(await c.call('bulletin.get', { kind: 'quarterly', periodKey: MONTH })).toMatchObject({ ok: false, error: { fields: [{ field: 'periodKey', code: 'invalid_value' }] } });
    expect(rowCounts(c.core)).toEqual(before);
  });
});

describe('who may do what', () => {
  it('only team leads save and publish; nothing is written for anybody else', async () => {
    for (const user of ['agent1', 'officer', 'qa', 'admin']) {
      await as(user);
      const before = rowCounts(c.core);
      expect(await c.call('bulletin.save', { kind: 'monthly', periodKey: MONTH, narrative: narrative('x') }), user).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await c.call('bulletin.publish', { kind: 'monthly', periodKey: MONTH }), user).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(rowCounts(c.core)).toEqual(before);
    }
  });

  it('drafts and live figures: leads and inspectors; an inspector reads but may not edit', async () => {
    await as('qa');
    const v = await c.ok('bulletin.get', { kind: 'monthly', periodKey: MONTH });
    expect(v.canEdit).toBe(false);
    expect((await c.ok('bulletin.list', {}))[0]!.draft).not.toBeNull();
    for (const user of ['agent1', 'officer', 'admin']) {
      await as(user);
      expect(await c.call('bulletin.get', { kind: 'monthly', periodKey: MONTH }), user).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await c.call('bulletin.export', { kind: 'monthly', periodKey: MONTH }), user).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('published versions: every role reads them (audited) and lists them without the drafts', async () => {
    await as('lead');
    const [v1] = (await c.ok('bulletin.get', { kind: 'monthly', periodKey: MONTH })).versions;
    for (const user of ['agent1', 'officer', 'admin']) {
      await as(user);
      const rows = await c.ok('bulletin.list', { kind: 'monthly' });
      expect(rows.map((r) => [r.periodKey, r.draft])).toEqual([[MONTH, null]]);
      const audits = () => c.core.context.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'bulletin_version' AND record_ids LIKE ?").pluck().get(`%${v1!.id}%`) as number;
      const before = audits();
      expect((await c.ok('bulletin.version', { id: v1!.id })).number).toBe(1);
      expect(audits()).toBe(before + 1);
      expect((await c.ok('bulletin.export', { versionId: v1!.id })).filename).toBe('客户服务交流信息-2026-10-v1.xlsx');
    }
    expect(await c.call('bulletin.version', { id: uuidv7() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the .xlsx', () => {
  it('one sheet per table, the figures as published', async () => {
    await as('lead');
    const { versions } = await c.ok('bulletin.get', { kind: 'monthly', periodKey: MONTH });
    const v2 = await c.ok('bulletin.version', { id: versions[1]!.id });
    const file = await c.ok('bulletin.export', { versionId: v2.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '主要指标', '来电分类', '投诉等级', '投诉类型', '投诉渠道', '每日量', '典型问题', '整改反馈', '重点客户']);
    const cells = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(cells('概况')).toEqual(expect.arrayContaining([['版本', '第2版'], ['发布人', '张组长'], ['综述', '十月来电平稳，投诉一起']]));
    expect(cells('主要指标')).toEqual(expect.arrayContaining([['投诉', '投诉总量', 2, 0, 0]]));
    expect(cells('每日量')).toHaveLength(1 + 31);
    expect(cells('典型问题')[1]).toEqual([1, complaint.complaintNo, '检测报告出具延误', '已协调加急出具并致歉']);
    expect(cells('整改反馈')[1]).toEqual([1, '纺织品检验部', '报告延误', '增加夜班', '整改中', '']);
    expect(file.filename).toBe('客户服务交流信息-2026-10-v2.xlsx');
    expect(await c.call('bulletin.export', {})).toMatchObject({ ok: false, error: { fields: [{ field: 'kind', code: 'required' }, { field: 'periodKey', code: 'required' }] } });
  });
});

describe('the quarterly report', () => {
  it('carries the previous quarter’s improvement plan, with its status, into the next', async () => {
    await as('lead');
    const plan = [
      { id: uuidv7(), item: '每周抽查录音', owner: '孙质检', dueDay: '2026-09-30', status: 'done' as const, followUp: '已执行' },
      { id: uuidv7(), item: '加急通道', owner: '张组长', dueDay: '2026-10-31', status: 'in_progress' as const, followUp: '' },
    ];
    await c.ok('bulletin.save', { kind: 'quarterly', periodKey: '2026-Q3', narrative: { ...EMPTY_NARRATIVE, improvementPlan: plan } });
    const draftOnly = await c.ok('bulletin.get', { kind: 'quarterly', periodKey: '2026-Q4' });
    expect(draftOnly.figures.carriedPlan).toEqual({ fromPeriod: '2026-Q3', fromVersion: null, items: plan });
    await c.ok('bulletin.publish', { kind: 'quarterly', periodKey: '2026-Q3' });
    const q4 = await c.ok('bulletin.get', { kind: 'quarterly', periodKey: '2026-Q4' });
    expect(q4.figures.carriedPlan).toEqual({ fromPeriod: '2026-Q3', fromVersion: 1, items: plan });
    expect(q4.figures.daily).toHaveLength(92);
    expect(q4.figures.previous.periodKey).toBe('2026-Q3');
    expect(q4.figures.lastYear.periodKey).toBe('2025-Q4');
    expect(q4.figures.current.complaints.total).toBe(2);
    const file = await c.ok('bulletin.export', { kind: 'quarterly', periodKey: '2026-Q4' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name).slice(-2)).toEqual(['改进计划', '上季度计划跟踪（2026-Q3）']);
    expect(file.filename).toBe('季度质量分析报告-2026-Q4-草稿.xlsx');
  });
});
