import type { DeadlineFigure, DurationFigure, PeriodFigures } from '../api/bulletinTypes';
import type { Lang } from './labels';

/**
 * The rows of the bulletin's table of figures, in the words the bulletin prints (screen, print, .xlsx);
 * docs/reports.md defines each under the same words. `value` reads one period's figures, so the same
 * row gives 本期, 上期 and 去年同期.
 */
export type FigureUnit = 'count' | 'percent' | 'seconds' | 'hours' | 'score';

export interface FigureRow {
  key: string;
  group: FigureGroup;
  label: Record<Lang, string>;
  unit: FigureUnit;
  value: (p: PeriodFigures) => number | null;
}

export const FIGURE_GROUPS = ['calls', 'complaints', 'deadlines', 'callbacks', 'quality'] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];
export const FIGURE_GROUP_LABELS: Record<FigureGroup, Record<Lang, string>> = {
  calls: { zh: '来电', en: 'Calls' },
  complaints: { zh: '投诉', en: 'Complaints' },
  deadlines: { zh: '时限', en: 'Deadlines' },
  callbacks: { zh: '回访', en: 'Callbacks' },
  quality: { zh: '质检与考勤', en: 'QA and attendance' },
};

const hours = (sec: number | null) => (sec === null ? null : Math.round(sec / 360) / 10);
const row = (key: string, group: FigureGroup, zh: string, en: string, unit: FigureUnit, value: FigureRow['value']): FigureRow => ({ key, group, label: { zh, en }, unit, value });

const durationRows = (key: string, group: FigureGroup, zh: string, en: string, pick: (p: PeriodFigures) => DurationFigure, unit: 'seconds' | 'hours'): FigureRow[] => {
  const conv = unit === 'hours' ? hours : (x: number | null) => x;
  const word = unit === 'hours' ? { zh: '小时', en: 'h' } : { zh: '秒', en: 's' };
  return [
    row(`${key}.avg`, group, `平均${zh}（${word.zh}）`, `Average ${en} (${word.en})`, unit, (p) => conv(pick(p).avgSec)),
    row(`${key}.p90`, group, `${zh}90分位（${word.zh}）`, `${en}, 90th percentile (${word.en})`, unit, (p) => conv(pick(p).p90Sec)),
  ];
};

const deadlineRows = (key: string, group: FigureGroup, zh: { due: string; onTime: string; late: string; open: string; rate: string }, en: typeof zh, pick: (p: PeriodFigures) => DeadlineFigure): FigureRow[] => [
  row(`${key}.due`, group, zh.due, en.due, 'count', (p) => pick(p).due),
  row(`${key}.onTime`, group, zh.onTime, en.onTime, 'count', (p) => pick(p).onTime),
  row(`${key}.late`, group, zh.late, en.late, 'count', (p) => pick(p).late),
  row(`${key}.open`, group, zh.open, en.open, 'count', (p) => pick(p).open),
  row(`${key}.rate`, group, zh.rate, en.rate, 'percent', (p) => pick(p).ratePercent),
];

export const FIGURE_ROWS: FigureRow[] = [
  row('calls.total', 'calls', '来电总量', 'Calls', 'count', (p) => p.calls.total),
  row('calls.answeredLate', 'calls', '超时接听（响铃三声后）', 'Answered late (after three rings)', 'count', (p) => p.calls.answeredLate),
  row('calls.answeredOnSpot', 'calls', '当场解答', 'Answered on the spot', 'count', (p) => p.calls.answeredOnSpot),
  row('calls.onSpotRate', 'calls', '当场解答率（%）', 'Answered on the spot (%)', 'percent', (p) => p.calls.onSpotRatePercent),
  ...durationRows('calls.response', 'calls', '响应时长', 'response time', (p) => p.calls.response, 'seconds'),
  row('complaints.total', 'complaints', '投诉总量', 'Complaints', 'count', (p) => p.complaints.total),
  row('complaints.completed', 'complaints', '本期办结投诉', 'Complaints completed', 'count', (p) => p.complaints.handling.count),
  ...durationRows('complaints.handling', 'complaints', '处理时长', 'handling time', (p) => p.complaints.handling, 'hours'),
  ...deadlineRows(
    'complaints.completion',
    'deadlines',
    { due: '本期到期应答复投诉', onTime: '按时答复', late: '超时答复', open: '逾期未答复', rate: '按时答复率（%）' },
    { due: 'Complaint replies due', onTime: 'Replied on time', late: 'Replied late', open: 'Overdue, not replied', rate: 'Replied on time (%)' },
    (p) => p.complaints.completion,
  ),
  ...deadlineRows(
    'escalations',
    'deadlines',
    { due: '应升级（流转）投诉', onTime: '及时升级', late: '超时升级', open: '逾期未升级', rate: '及时升级率（%）' },
    { due: 'Complaints to pass on', onTime: 'Passed on in time', late: 'Passed on late', open: 'Overdue, not passed on', rate: 'Passed on in time (%)' },
    (p) => p.escalations,
  ),
  ...deadlineRows(
    'majorReports',
    'deadlines',
    { due: '应上报重大投诉', onTime: '按时上报', late: '超时上报', open: '逾期未上报', rate: '按时上报率（%）' },
    { due: 'Major complaints to report', onTime: 'Reported on time', late: 'Reported late', open: 'Overdue, not reported', rate: 'Reported on time (%)' },
    (p) => p.majorReports,
  ),
  row('callbacks.due', 'callbacks', '应回访', 'Callbacks due', 'count', (p) => p.callbacks.due),
  row('callbacks.doneOnTime', 'callbacks', '按时回访', 'Done on time', 'count', (p) => p.callbacks.doneOnTime),
  row('callbacks.doneLate', 'callbacks', '超时回访', 'Done late', 'count', (p) => p.callbacks.doneLate),
  row('callbacks.overdue', 'callbacks', '逾期未回访', 'Overdue, not done', 'count', (p) => p.callbacks.overdue),
  row('callbacks.satisfied', 'callbacks', '回访满意', 'Satisfied', 'count', (p) => p.callbacks.satisfaction.satisfied),
  row('callbacks.fairlySatisfied', 'callbacks', '回访较满意', 'Fairly satisfied', 'count', (p) => p.callbacks.satisfaction.fairly_satisfied),
  row('callbacks.unsatisfied', 'callbacks', '回访不满意', 'Unsatisfied', 'count', (p) => p.callbacks.satisfaction.unsatisfied),
  row('callbacks.satisfiedRate', 'callbacks', '满意率（%）', 'Satisfied (%)', 'percent', (p) => p.callbacks.satisfiedRatePercent),
  row('qa.reviews', 'quality', '质检条数', 'QA reviews', 'count', (p) => p.qa.reviews),
  row('qa.averageScore', 'quality', '质检平均分', 'QA average score', 'score', (p) => p.qa.averageScore),
  row('qa.fatal', 'quality', '红线（致命差错）', 'Red lines (fatal)', 'count', (p) => p.qa.fatal),
  row('qa.findingsOpen', 'quality', '未关闭质检问题', 'QA findings not closed', 'count', (p) => p.qa.findingsOpen),
  row('qa.findingsOverdue', 'quality', '逾期未整改', 'Findings overdue', 'count', (p) => p.qa.findingsOverdue),
  row('attendance.people', 'quality', '考勤人数', 'People on the roster', 'count', (p) => p.attendance.people),
  row('attendance.averageRate', 'quality', '平均出勤率（%）', 'Average attendance (%)', 'percent', (p) => p.attendance.averageRatePercent),
  row('attendance.flagged', 'quality', '出勤预警人数', 'Attendance flagged', 'count', (p) => p.attendance.flagged),
  row('attendance.commended', 'quality', '出勤表彰人数', 'Attendance commended', 'count', (p) => p.attendance.commended),
];

/** The three columns of every figure. */
export const COMPARE_COLUMNS: Record<'current' | 'previous' | 'lastYear', Record<'monthly' | 'quarterly', Record<Lang, string>>> = {
  current: { monthly: { zh: '本月', en: 'This month' }, quarterly: { zh: '本季度', en: 'This quarter' } },
  previous: { monthly: { zh: '上月', en: 'Previous month' }, quarterly: { zh: '上季度', en: 'Previous quarter' } },
  lastYear: { monthly: { zh: '去年同月', en: 'Same month last year' }, quarterly: { zh: '去年同季度', en: 'Same quarter last year' } },
};

/** 2026年11月 / 2026年第四季度; November 2026 / 2026 Q4. */
export function periodTitle(key: string, lang: Lang): string {
  const year = key.slice(0, 4);
  if (key[5] === 'Q') return lang === 'zh' ? `${year}年第${'一二三四'[Number(key[6]) - 1]}季度` : `${year} Q${key[6]}`;
  const m = Number(key.slice(5, 7));
  return lang === 'zh' ? `${year}年${m}月` : `${new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${year}`;
}
