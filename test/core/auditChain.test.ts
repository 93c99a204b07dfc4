import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS } from '../../shared/sync/audit';
import { auditHash } from '../../shared/node/auditChain';
import { allAuditRows } from '../../electron/core/store/audit';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
let customerId: string;

beforeEach(async () => {
  c = await seededConsole();
  await c.login('agent1', PASSWORD);
  customerId = (await c.ok('customers.create', { name: '周丽', organisation: '杭州西湖水务有限公司', address: '', phones: ['13800138000'], serviceRequirements: '', notes: '' })).id;
  for (let i = 0; i < 4; i++) await c.ok('customers.lookup', { phone: '13800138000' });
  await c.login('admin', PASSWORD);
});
afterEach(() => c.close());

const db = () => c.core.context.db;
const rows = () => [...allAuditRows(db())];
/** What someone with the file does: drop the append-only triggers, then change rows with plain SQL. */
const tamper = (sql: string, ...args: unknown[]) => {
  db().exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db().prepare(sql).run(...args);
};

describe('the audit chain on a workstation', () => {
  it('writes one row per request, numbered 1, 2, 3 …, each linked to the one before it', async () => {
    const all = rows().filter((r) => r.entity === 'customer' && r.detail === 'screen pop');
    expect(all).toHaveLength(4);
    const chain = rows();
    chain.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.prevHash).toBe(i === 0 ? AUDIT_GENESIS : chain[i - 1]!.hash);
      expect(r.hash).toBe(auditHash(r, r.prevHash));
      expect(r.workstation).toBe('A07');
    });
    expect(all[0]).toMatchObject({ actorName: '李晓梅', actorRole: 'agent', recordIds: [customerId], count: 1, customerIds: [customerId] });
    const v = await c.ok('audit.verify', {});
    expect(v).toMatchObject({ source: 'local', note: 'not_joined', chains: [] });
    expect(v.local).toMatchObject({ workstation: 'A07', ok: true, brokenAt: null, rows: chain.length, headSeq: chain.length });
  });

  it('refuses changes through SQL while the triggers stand', () => {
    expect(() => db().prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db().prepare("UPDATE audit_log SET detail = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
  });

  it('shows a deleted row as a break at the row after it', async () => {
    tamper('DELETE FROM audit_log WHERE seq = 2');
    const v = await c.ok('audit.verify', {});
    expect(v.local).toMatchObject({ ok: false, brokenAt: 3 });
    expect(v.local.breaks[0]).toMatchObject({ seq: 3, kind: 'gap' });
  });

  it('shows a deleted newest row as a gap once the next row is written', async () => {
    const head = rows().at(-1)!.seq;
    tamper('DELETE FROM audit_log WHERE seq = ?', head);
    await c.login('agent1', PASSWORD);
    await c.ok('customers.lookup', { phone: '13800138000' });
    await c.login('admin', PASSWORD);
    const v = await c.ok('audit.verify', {});
    expect(v.local).toMatchObject({ ok: false, brokenAt: head + 1 });
  });

  it('shows an edited row as a break at that row', async () => {
    tamper("UPDATE audit_log SET actor_name = '别人' WHERE seq = 3");
    const v = await c.ok('audit.verify', {});
    expect(v.local).toMatchObject({ ok: false, brokenAt: 3 });
    expect(v.local.breaks).toEqual([{ seq: 3, kind: 'hash', detail: expect.any(String) }]);
  });

  it('shows a row whose hash was recomputed after an edit as a break at the next row', async () => {
    const r = rows()[2]!;
    const edited = { ...r, detail: '改过' };
    tamper('UPDATE audit_log SET detail = ?, hash = ? WHERE seq = ?', edited.detail, auditHash(edited, r.prevHash), r.seq);
    const v = await c.ok('audit.verify', {});
    expect(v.local).toMatchObject({ ok: false, brokenAt: r.seq + 1 });
    expect(v.local.breaks[0]).toMatchObject({ kind: 'prev_hash' });
  });

  it('filters the local rows by user, customer, kind and date, and pages them', async () => {
    const agent = (await c.ok('users.list', {})).find((u) => u.username === 'agent1')!;
    const byCustomer = await c.ok('audit.query', { customerId });
    expect(byCustomer).toMatchObject({ source: 'local', note: 'not_joined', total: 4 });
    expect(byCustomer.customerNames).toEqual({ [customerId]: '周丽' });
    expect((await c.ok('audit.query', { userId: agent.id, limit: 3 })).rows).toHaveLength(3);
    expect((await c.ok('audit.query', { userId: agent.id, offset: 3 })).rows).toHaveLength(1);
    expect((await c.ok('audit.query', { action: 'export' })).total).toBe(0);
    expect((await c.ok('audit.query', { customerId, from: '2030-01-01T00:00:00.000Z' })).total).toBe(0);
    // Reading the audit log leaves a row too.
    expect(rows().filter((r) => r.entity === 'audit_log' && r.action === 'list')).toHaveLength(3);
  });

  it('exports the filtered rows as .xlsx, and the export is audited', async () => {
    const file = await c.ok('audit.export', { customerId });
    expect(file.rows).toBe(4);
    expect(file.filename).toMatch(/^审计日志-\d{12}\.xlsx$/);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(1).value).toBe('时间');
    expect(ws.getRow(2).getCell(4).value).toBe('李晓梅');
    expect(ws.getRow(2).getCell(9).value).toBe('周丽');
    const exp = rows().filter((r) => r.action === 'export' && r.entity === 'audit_log');
    expect(exp).toHaveLength(1);
    expect(exp[0]).toMatchObject({ actorName: '王管理', count: 4 });
    expect(JSON.parse(exp[0]!.detail)).toMatchObject({ rows: 4, filename: file.filename });
  });

  it('is for administrators only', async () => {
    for (const user of ['agent1', 'officer', 'lead']) {
      await c.login(user, PASSWORD);
      for (const [m, p] of [
        ['audit.query', {}],
        ['audit.export', {}],
        ['audit.verify', {}],
      ] as const) {
        const env = await c.call(m, p);
        expect(env.ok, `${user} ${m}`).toBe(false);
        if (!env.ok) expect(env.error.code).toBe('forbidden');
      }
    }
  });
});
