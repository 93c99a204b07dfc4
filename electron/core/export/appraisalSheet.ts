import type { AppraisalReport, AppraisalRow, QualityExport } from '../../../shared/api/qualityTypes';
import { APPRAISAL_PARTS, type AppraisalFigures } from '../../../shared/domain/appraisal';
import { enumLabel } from '../../../shared/domain/labels';

/**
 * The team's appraisal ranking as an .xlsx (绩效考核排名), from a report already computed: no store, no
 * session. One sheet, headers in Chinese (the file goes to the 绩效考核小组 and HR), one row per person in
 * rank order: the figures counted, each part's score and the weighted total.
 */

type Column = { header: string; width: number; value: (r: AppraisalRow) => string | number | null };

const figure = (header: string, key: keyof AppraisalFigures, width = 10): Column => ({ header, width, value: (r) => r.figures[key] });

const COLUMNS: Column[] = [
  { header: '排名', width: 6, value: (r) => r.rank },
  { header: '姓名', width: 12, value: (r) => r.userName },
  figure('接听量', 'callsHandled'),
  figure('超时接听', 'callsLate'),
  figure('被投诉次数', 'complaints', 11),
  figure('应回访', 'callbacksDue'),
  figure('按时回访', 'callbacksOnTime'),
  figure('质检次数', 'qaReviews'),
  figure('质检均分', 'qaAverage'),
  figure('红线次数', 'fatalErrors'),
  figure('满意度均分', 'satisfactionAverage', 11),
  figure('出勤率（%）', 'attendanceRate', 11),
  ...APPRAISAL_PARTS.map((p): Column => ({ header: `${enumLabel('appraisalPart', p, 'zh')}得分`, width: 14, value: (r) => r.scores[p] })),
  { header: '总分', width: 8, value: (r) => r.total },
];

const PERIOD_WORD = { month: '月度', quarter: '季度', year: '年度' } as const;

export async function buildAppraisalSheet(report: AppraisalReport): Promise<QualityExport> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hotline Desk';
  const ws = wb.addWorksheet(`${PERIOD_WORD[report.period]}绩效`, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of report.rows) ws.addRow(Object.fromEntries(COLUMNS.map((c, i) => [`c${i}`, c.value(r)])));
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    filename: `绩效考核-${report.key}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: data.toString('base64'),
    rows: report.rows.length,
  };
}
