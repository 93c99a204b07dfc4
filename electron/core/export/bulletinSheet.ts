import type { Worksheet } from 'exceljs';
import type { BulletinExport, BulletinFigures, BulletinVersionView } from '../../../shared/api/bulletinTypes';
import type { BulletinKind, BulletinNarrative } from '../../../shared/domain/bulletin';
import { COMPARE_COLUMNS, FIGURE_GROUP_LABELS, FIGURE_ROWS, periodTitle } from '../../../shared/domain/bulletinRows';
import { CALL_CATEGORIES } from '../../../shared/domain/callRecord';
import { beijingTime } from '../../../shared/domain/calendar';
import { COMPLAINT_CHANNELS, COMPLAINT_TYPES, SEVERITIES } from '../../../shared/domain/complaint';
import { enumLabel } from '../../../shared/domain/labels';

/**
 * A bulletin as an .xlsx, one sheet per table of the print view, from figures already computed (a frozen
 * version's, or a draft's live ones): no store, no session. Headers in Chinese: the file goes to the
 * department head and the related departments.
 */

export interface BulletinSource {
  kind: BulletinKind;
  periodKey: string;
  figures: BulletinFigures;
  narrative: BulletinNarrative;
  /** The published version; null for a draft. */
  version: BulletinVersionView | null;
}

type Cell = string | number | null;

function table(ws: Worksheet, header: string[], widths: number[], rows: Cell[][]): number {
  // Long texts (the narrative, a record's content) wrap inside their column instead of running across the page.
  ws.columns = header.map((h, i) => ({ header: h, key: `c${i}`, width: widths[i] ?? 14, style: { alignment: { wrapText: true, vertical: 'top' } } }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(Object.fromEntries(r.map((v, i) => [`c${i}`, v])));
  return rows.length;
}

/** 客户服务交流信息-2026-11-v2.xlsx; a draft reads 草稿. */
export function bulletinFilename(s: Pick<BulletinSource, 'kind' | 'periodKey' | 'version'>): string {
  const title = s.kind === 'monthly' ? '客户服务交流信息' : '季度质量分析报告';
  return `${title}-${s.periodKey}-${s.version ? `v${s.version.number}` : '草稿'}.xlsx`;
}

export async function buildBulletinSheet(s: BulletinSource): Promise<BulletinExport> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hotline Desk';
  wb.created = new Date(s.version?.publishedAt ?? s.figures.computedAt);
  const f = s.figures;
  const n = s.narrative;
  const cols = (['current', 'previous', 'lastYear'] as const).map((c) => COMPARE_COLUMNS[c][s.kind].zh);
  const periods = [f.current, f.previous, f.lastYear];
  const sheet = (name: string) => wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  let rows = 0;

  rows += table(sheet('概况'), ['项目', '内容'], [16, 90], [
    ['标题', enumLabel('bulletinKind', s.kind, 'zh')],
    ['期间', periodTitle(s.periodKey, 'zh')],
    ['版本', s.version ? `第${s.version.number}版` : '草稿（未发布）'],
    ['发布时间', s.version ? beijingTime(s.version.publishedAt) : ''],
    ['发布人', s.version?.publishedBy ?? ''],
    ['发送', s.version?.distribution.join('、') ?? ''],
    ['数据计算时间', beijingTime(f.computedAt)],
    ['综述', n.summary],
    ['重点客户需求与困难', n.keyAccountNeeds],
    ['质检与考勤说明', n.qualityNotes],
  ]);

  rows += table(
    sheet('主要指标'),
    ['类别', '指标', ...cols],
    [12, 30, 12, 12, 14],
    FIGURE_ROWS.map((r) => [FIGURE_GROUP_LABELS[r.group].zh, r.label.zh, ...periods.map((p) => r.value(p))]),
  );

  const breakdown = (name: string, head: string, keys: readonly string[], label: (k: string) => string, pick: (p: (typeof periods)[number]) => Record<string, number>) =>
    table(sheet(name), [head, ...cols], [16, 12, 12, 14], keys.map((k) => [label(k), ...periods.map((p) => pick(p)[k] ?? 0)]));
  rows += breakdown('来电分类', '类别', [...CALL_CATEGORIES, 'none'], (k) => (k === 'none' ? '未分类' : enumLabel('callCategory', k as (typeof CALL_CATEGORIES)[number], 'zh')), (p) => p.calls.byCategory);
  rows += breakdown('投诉等级', '等级', SEVERITIES, (k) => enumLabel('severity', k as (typeof SEVERITIES)[number], 'zh'), (p) => p.complaints.bySeverity);
  rows += breakdown('投诉类型', '类型', COMPLAINT_TYPES, (k) => enumLabel('complaintType', k as (typeof COMPLAINT_TYPES)[number], 'zh'), (p) => p.complaints.byType);
  rows += breakdown('投诉渠道', '渠道', COMPLAINT_CHANNELS, (k) => enumLabel('complaintChannel', k as (typeof COMPLAINT_CHANNELS)[number], 'zh'), (p) => p.complaints.byChannel);

  rows += table(
    sheet('每日量'),
    ['日期', '来电', '投诉', '回访满意', '回访较满意', '回访不满意', '到期应答复', '按时答复'],
    [12, 8, 8, 10, 12, 12, 12, 10],
    f.daily.map((d) => [d.day, d.calls, d.complaints, d.satisfied, d.fairlySatisfied, d.unsatisfied, d.deadlinesDue, d.deadlinesMet]),
  );

  rows += table(
    sheet('典型问题'),
    ['序号', '投诉编号', '问题', '处理情况'],
    [6, 24, 50, 50],
    n.representative.map((r, i) => [i + 1, r.complaintNo, r.summary, r.handling]),
  );
  rows += table(
    sheet('整改反馈'),
    ['序号', '反馈部门', '问题', '整改措施', '状态', '备注'],
    [6, 16, 40, 40, 10, 30],
    n.rectifications.map((r, i) => [i + 1, r.department, r.issue, r.measure, enumLabel('rectificationStatus', r.status, 'zh'), r.note]),
  );
  rows += table(
    sheet('重点客户'),
    ['类型', '编号', '时间', '客户', '单位', '内容'],
    [8, 24, 17, 12, 24, 60],
    f.keyAccounts.map((e) => [e.kind === 'call' ? '来电' : '投诉', e.recordNo, beijingTime(e.at), e.customerName, e.organisation, e.text]),
  );
  if (s.kind === 'quarterly') {
    const plan = (items: BulletinNarrative['improvementPlan']) => items.map((p, i) => [i + 1, p.item, p.owner, p.dueDay, enumLabel('planStatus', p.status, 'zh'), p.followUp]);
    const head = ['序号', '改进事项', '责任人', '完成期限', '状态', '跟进情况'];
    const widths = [6, 50, 12, 12, 10, 40];
    rows += table(sheet('改进计划'), head, widths, plan(n.improvementPlan));
    if (f.carriedPlan) rows += table(sheet(`上季度计划跟踪（${f.carriedPlan.fromPeriod}）`), head, widths, plan(f.carriedPlan.items));
  }

  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: bulletinFilename(s), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: data.toString('base64'), rows };
}
