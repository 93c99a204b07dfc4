import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, rowCounts, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
beforeEach(async () => {
  c = await seededConsole();
  await c.ok('users.create', { username: 'officer2', displayName: '林回访', role: 'callback_officer', password: PASSWORD });
  // Already in the queue: an after-sale callback for 13900000009.
  await c.ok('callbacks.create', { kind: 'aftersale', dueAt: '2026-11-24T02:00:00.000Z', phone: '139-0000-0009' });
  await c.login('lead', PASSWORD);
});
afterEach(() => c?.close());

const HEADER = ['联系人', '单位', '联系电话', '回访日期', '回访事项'];
/** Row numbers as the file shows them (the header is row 1). */
const EXPECTED_REFUSALS = [
  [4, 'missing_phone'],
  [5, 'invalid_date'],
  [6, 'duplicate_in_file'],
  [7, 'duplicate_existing'],
  [8, 'invalid_date'],
  [9, 'invalid_phone'],
];

async function xlsxList(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('售后回访名单');
  ws.addRow(HEADER);
  ws.addRow(['周丽', '宏达纺织', '13800138001', '2026-11-25', '售后满意度']);
  ws.addRow(['王强', '华丰服饰', '0571-88881234', '2026/11/26 14:30', '']);
  ws.addRow(['李四', '', '', '2026-11-25', '']);
  ws.addRow(['赵六', '', '13800138002', '2026-13-45', '']);
  ws.addRow(['孙七', '', '138 0013 8001', '2026-11-25', '同一天重复']);
  ws.addRow(['钱八', '', '13900000009', '2026-11-28', '']);
  ws.addRow(['吴九', '', '13912345678', '明天', '']);
  ws.addRow(['郑十', '', '12345', '2026-11-25', '']);
  ws.addRow([]);
  // A number typed into a number cell, and an Excel date cell with a time (wall clock = Beijing time).
  const r = ws.addRow(['冯一', '', 13800138003, new Date(Date.UTC(2026, 10, 27, 9, 30)), '']);
  r.getCell(4).numFmt = 'yyyy-mm-dd hh:mm';
  // A landline typed as a number loses its leading 0; no date: due by the default.
  ws.addRow(['陈二', '', 57188880000, null, '']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const csvList = () =>
  `\uFEFF${[
    HEADER.join(','),
    '周丽,宏达纺织,13800138001,2026-11-25,售后满意度',
    '王强,"华丰服饰,杭州",0571-88881234,2026/11/26 14:30,"问:报告""加急""是否收费,\n答:另行回复"',
    '李四,,,2026-11-25,',
    '赵六,,13800138002,2026-13-45,',
    '孙七,,138 0013 8001,2026-11-25,同一天重复',
    '钱八,,13900000009,2026-11-28,',
    '吴九,,13912345678,明天,',
    '郑十,,12345,2026-11-25,',
    ',,,,',
    '冯一,,13800138003,2026年11月27日 09:30,',
    '陈二,,0571-88880000,,',
  ].join('\r\n')}\r\n`;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

async function expectImported(base64: string, fileName: string) {
  const report = await c.ok('callbacks.import', { kind: 'aftersale', fileName, base64, defaultDueAt: '2026-11-30T02:00:00.000Z' });
  expect(report).toMatchObject({ fileName, totalRows: 10, imported: 4 });
  expect(report.refused.map((r) => [r.row, r.code])).toEqual(EXPECTED_REFUSALS);
  expect(report.refused[1]!.values).toMatchObject({ name: '赵六', dueAt: '2026-13-45' });
  const rows = (await c.ok('callbacks.queue', { kind: 'aftersale', limit: 50 })).rows.filter((r) => report.ids.includes(r.id));
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  expect(byName.周丽).toMatchObject({ phone: '13800138001', dueAt: '2026-11-25T15:59:59.999Z', subject: '售后满意度' });
  expect(byName.王强).toMatchObject({ phone: '0571-88881234', dueAt: '2026-11-26T06:30:00.000Z' });
  expect(byName.冯一).toMatchObject({ phone: '13800138003', dueAt: '2026-11-27T01:30:00.000Z' });
  expect(byName.陈二!.dueAt).toBe('2026-11-30T02:00:00.000Z');
  expect(byName.陈二!.phone.replace(/\D/g, '')).toBe('057188880000');
  // Round-robin over the two officers, the list spread evenly.
  const per = new Map<string, number>();
  for (const r of rows) per.set(r.assigneeName, (per.get(r.assigneeName) ?? 0) + 1);
  expect([...per.values()]).toEqual([2, 2]);
  const one = (await c.ok('callbacks.get', { id: report.ids[0]! })).callback;
  expect(one).toMatchObject({ source: 'import', importBatch: report.batchId });
  return report;
}

describe('importing a pre-/after-sale callback list (003 §4.3–4.4)', () => {
  it('.xlsx written by Excel (exceljs): good rows imported, bad rows reported by row number and reason', async () => {
    await expectImported(await xlsxList(), '11月售后回访名单.xlsx');
  });

  it('CSV with a BOM, quoted commas, quotes and a newline inside a field', async () => {
    const report = await expectImported(b64(csvList()), '11月售后回访名单.csv');
    const wang = (await c.ok('callbacks.queue', { q: '王强' })).rows[0]!;
    expect(wang.organisation).toBe('华丰服饰,杭州');
    expect(wang.subject).toBe('问:报告"加急"是否收费,\n答:另行回复');
    // Importing the same list again: every good row is now a duplicate of an open callback.
    const again = await c.ok('callbacks.import', { kind: 'aftersale', fileName: 'again.csv', base64: b64(csvList()) });
    expect(again.imported).toBe(0);
    expect(again.refused.filter((r) => r.code === 'duplicate_existing').map((r) => r.row)).toEqual([2, 3, 7, 11, 12]);
    expect(report.ids).toHaveLength(4);
  });

  it('a CSV saved in the Chinese Windows code page (GB18030) reads the same', async () => {
    const gbk = Buffer.from([
      // 联系电话,联系人\r\n13800138001,张三\r\n in GB18030
      ...[0xc1, 0xaa, 0xcf, 0xb5, 0xb5, 0xe7, 0xbb, 0xb0, 0x2c, 0xc1, 0xaa, 0xcf, 0xb5, 0xc8, 0xcb, 0x0d, 0x0a],
      ...Buffer.from('13800138001,'),
      ...[0xd5, 0xc5, 0xc8, 0xfd, 0x0d, 0x0a],
    ]);
    const report = await c.ok('callbacks.import', { kind: 'presale', fileName: 'list.csv', base64: gbk.toString('base64') });
    expect(report).toMatchObject({ imported: 1, refused: [] });
    expect((await c.ok('callbacks.get', { id: report.ids[0]! })).callback).toMatchObject({ name: '张三', kind: 'presale' });
  });

  it('nothing is half-imported: a failure while writing the good rows leaves none of them', async () => {
    const db = c.core.context.db;
    const before = rowCounts(c.core);
    // A real SQLite failure on the third row written (what a full disk or a bug would do mid-batch).
    db.exec(`CREATE TEMP TRIGGER fail_third_import BEFORE INSERT ON callbacks
      WHEN (SELECT count(*) FROM callbacks WHERE import_batch IS NOT NULL) >= 2
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const failed = await c.call('callbacks.import', { kind: 'aftersale', fileName: 'list.csv', base64: b64(csvList()) });
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    const { sessions: _s, audit_log: _a, ...after } = rowCounts(c.core);
    const { sessions: _s2, audit_log: _a2, ...same } = before;
    expect(after).toEqual(same);
    db.exec('DROP TRIGGER fail_third_import');
    expect((await c.ok('callbacks.import', { kind: 'aftersale', fileName: 'list.csv', base64: b64(csvList()) })).imported).toBe(4);
  });

  it('refuses files it cannot use with a clear error, writing nothing', async () => {
    const before = rowCounts(c.core).callbacks;
    const attempt = (fileName: string, base64: string) => c.call('callbacks.import', { kind: 'presale', fileName, base64 });
    const field = async (fileName: string, base64: string) => {
      const r = await attempt(fileName, base64);
      expect(r.ok, fileName).toBe(false);
      return r.ok ? null : { code: r.error.code, message: r.error.message, field: r.error.fields?.[0] };
    };
    expect(await field('list.pdf', b64('%PDF-1.4'))).toMatchObject({ code: 'invalid_params', field: { field: 'fileName', code: 'invalid_format' } });
    expect((await field('list.xlsx', b64(csvList())))!.message).toMatch(/does not match/);
    expect((await field('list.csv', await xlsxList()))!.message).toMatch(/does not match/);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).toString('base64');
    expect((await field('list.xls', ole))!.message).toMatch(/\.xls/);
    expect((await field('list.xlsx', ole))!.message).toMatch(/\.xls/);
    expect((await field('list.xlsx', b64('PK\x03\x04 broken zip')))!.message).toMatch(/cannot be read/);
    expect(await field('list.csv', b64('姓名,单位\r\n周丽,宏达\r\n'))).toMatchObject({ field: { field: 'base64', code: 'invalid_value' } });
    expect((await field('list.csv', b64('姓名,单位\r\n周丽,宏达\r\n')))!.message).toMatch(/no phone column/);
    expect((await field('list.csv', b64('联系人,电话\r\n\r\n,,\r\n')))!.message).toMatch(/no data rows/);
    expect((await field('list.csv', b64('\n')))!.message).toMatch(/no phone column/);
    expect((await field('list.csv', b64('电话,"未闭合\n13800138000')))!.message).toMatch(/not closed/);
    const huge = ['电话', ...Array.from({ length: 5001 }, (_, i) => `1380${String(i).padStart(7, '0')}`)].join('\n');
    expect(await field('list.csv', b64(huge))).toMatchObject({ field: { code: 'out_of_range', params: { maximum: 5000 } } });
    expect(rowCounts(c.core).callbacks).toBe(before);
  });

  it('finds the header below a title row, and a phone with an open callback of another kind is no duplicate', async () => {
    const csv = '2026年11月售前回访名单\r\n\r\n姓名,手机,日期\r\n钱八,13900000009,2026-11-28\r\n';
    const report = await c.ok('callbacks.import', { kind: 'presale', fileName: 'presale.csv', base64: b64(csv) });
    expect(report).toMatchObject({ totalRows: 1, imported: 1, refused: [] });
  });
});
