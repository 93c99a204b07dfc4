import type { TrackingExport } from '../../../shared/api/types';
import { BEIJING_MS } from '../../../shared/domain/calendar';
import { LABELS } from '../../../shared/domain/labels';
import type { AuditRow } from '../../../shared/sync/audit';

/** The audit log as an .xlsx file, in Chinese like the other exports; times are Beijing wall-clock. */
export async function buildAuditSheet(rows: readonly AuditRow[], customerNames: Record<string, string>, asOf: Date): Promise<TrackingExport> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hotline Desk';
  wb.created = asOf;
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '时间', key: 'at', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    { header: '工位', key: 'workstation', width: 8 },
    { header: '序号', key: 'seq', width: 8 },
    { header: '用户', key: 'user', width: 12 },
    { header: '角色', key: 'role', width: 10 },
    { header: '操作', key: 'action', width: 12 },
    { header: '对象', key: 'entity', width: 14 },
    { header: '数量', key: 'count', width: 8 },
    { header: '客户', key: 'customers', width: 24 },
    { header: '记录', key: 'records', width: 40 },
    { header: '说明', key: 'detail', width: 30 },
    { header: '哈希', key: 'hash', width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  const zh = LABELS.zh;
  for (const r of rows) {
    ws.addRow({
      at: new Date(Date.parse(r.at) + BEIJING_MS),
      workstation: r.workstation,
      seq: r.seq,
      user: r.actorName,
      role: zh.role[r.actorRole as keyof typeof zh.role] ?? r.actorRole,
      action: zh.auditAction[r.action as keyof typeof zh.auditAction] ?? r.action,
      entity: r.entity,
      count: r.count,
      customers: r.customerIds.map((c) => customerNames[c] ?? c).join('、'),
      records: r.recordIds.join(', ') + (r.count > r.recordIds.length ? ` …(共 ${r.count} 条)` : ''),
      detail: r.detail,
      hash: r.hash.slice(0, 16),
    });
  }
  const stamp = new Date(asOf.getTime() + BEIJING_MS).toISOString().replace(/[-:T]/g, '').slice(0, 12);
  return {
    filename: `审计日志-${stamp}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    rows: rows.length,
  };
}
