import { z } from 'zod';
import { type CallbackResult, COMPLAINT_CHANNELS, COMPLAINT_STATUSES, type Complaint, SEVERITIES } from './complaint';
import type { ClockKind } from './deadlines';
import { BEIJING_MS } from './calendar';
import { isoTime, LIMITS, uuid } from './fields';

/**
 * The tracking sheet (客户投诉及处理跟踪表, annex 3): one row per complaint. The view (filters and
 * sort) is what a team lead sets on the sheet, what the export writes and what is kept per user.
 */
export const TRACKING_SORTS = [
  'complaintNo',
  'receivedAt',
  'complainant',
  'phone',
  'severity',
  'departments',
  'handlerName',
  'status',
  'result',
  'completedAt',
  'callbackDueAt',
  'callbackAt',
  'callbackResult',
  'rectification',
  'closedAt',
  'daysOpen',
  'nextDeadline',
] as const;
export type TrackingSortField = (typeof TRACKING_SORTS)[number];

export const TrackingView = z.strictObject({
  q: z.string().max(LIMITS.name).optional(),
  status: z.array(z.enum(COMPLAINT_STATUSES)).max(COMPLAINT_STATUSES.length).optional(),
  severity: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
  department: z.string().max(LIMITS.name).optional(),
  handlerId: uuid.optional(),
  channel: z.enum(COMPLAINT_CHANNELS).optional(),
  /** Registered at or after / before (ISO instants). */
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** Only complaints with a deadline that is running and already past. */
  overdue: z.boolean().optional(),
  sort: z.enum(TRACKING_SORTS).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
});
export type TrackingView = z.output<typeof TrackingView>;

export const DEFAULT_TRACKING_VIEW: TrackingView = { sort: 'receivedAt', dir: 'desc' };

export interface TrackingRow {
  id: string;
  complaintNo: string;
  receivedAt: string;
  channel: Complaint['channel'];
  complainant: string;
  organisation: string;
  phone: string;
  /** The problem, cut at 80 characters. */
  problem: string;
  severity: Complaint['severity'];
  type: Complaint['type'];
  departments: string[];
  handlerName: string;
  status: Complaint['status'];
  /** The handling result, cut at 80 characters. */
  result: string;
  completedAt: string | null;
  callbackDueAt: string | null;
  callbackAt: string | null;
  callbackResult: CallbackResult | null;
  rectificationDept: string;
  rectificationNote: string;
  closedAt: string | null;
  round: number;
  repeatIndex: number;
  /** Whole days from registration to closing (or to now while open). */
  daysOpen: number;
  nextDeadline: string | null;
  /** Running clocks already past their deadline. */
  overdue: ClockKind[];
  /** Clocks met, but after their deadline (the breach stays marked). */
  late: ClockKind[];
  warning: ClockKind[];
}

export interface TrackingPage {
  /** Matching rows, counted up to 10 000 (the core's COUNT_CAP); -1 when not counted. */
  total: number;
  /** More rows match than `total`: the sheet shows "10000+". */
  capped?: boolean;
  rows: TrackingRow[];
  /** The instant the overdue flags were computed at. */
  asOf: string;
}

/** Whole days between two instants, counted by Beijing calendar day. */
export function daysBetween(fromIso: string, toIso: string): number {
  const day = (iso: string) => Math.floor((Date.parse(iso) + BEIJING_MS) / 86_400_000);
  return Math.max(0, day(toIso) - day(fromIso));
}

/** The columns of annex 3 as printed and exported, in order (zh-CN headers, as on the paper form). */
export const TRACKING_COLUMNS = [
  { key: 'complaintNo', title: '投诉编号', width: 20 },
  { key: 'receivedAt', title: '登记时间', width: 18, date: true },
  { key: 'complainant', title: '客户', width: 12 },
  { key: 'organisation', title: '单位', width: 24 },
  { key: 'phone', title: '电话', width: 16 },
  { key: 'problem', title: '问题摘要', width: 40 },
  { key: 'severity', title: '等级', width: 8 },
  { key: 'departments', title: '处理部门', width: 16 },
  { key: 'handlerName', title: '处理人', width: 10 },
  { key: 'status', title: '状态', width: 10 },
  { key: 'result', title: '处理结果', width: 36 },
  { key: 'completedAt', title: '完成时间', width: 18, date: true },
  { key: 'callbackDueAt', title: '回访期限', width: 18, date: true },
  { key: 'callbackAt', title: '回访时间', width: 18, date: true },
  { key: 'callbackResult', title: '回访结果', width: 10 },
  { key: 'rectification', title: '整改反馈', width: 24 },
  { key: 'closedAt', title: '关闭时间', width: 18, date: true },
  { key: 'daysOpen', title: '处理天数', width: 8 },
  { key: 'nextDeadline', title: '下一期限', width: 18, date: true },
  { key: 'flags', title: '超期', width: 16 },
] as const;
export type TrackingColumnKey = (typeof TRACKING_COLUMNS)[number]['key'];

export const SEVERITY_ZH: Record<Complaint['severity'], string> = { general: '一般投诉', major: '重大投诉', crisis: '危机事件' };
export const STATUS_ZH: Record<Complaint['status'], string> = {
  registered: '已登记',
  in_handling: '处理中',
  handled: '已处理待回访',
  awaiting_approval: '待审批',
  closed: '已关闭',
  voided: '已作废',
};
export const CALLBACK_RESULT_ZH: Record<CallbackResult, string> = { satisfied: '满意', fairly_satisfied: '较满意', unsatisfied: '不满意' };
export const CLOCK_ZH: Record<ClockKind, string> = { escalate: '升级', report: '上报', complete: '办结', callback: '回访' };

export function flagsText(row: Pick<TrackingRow, 'overdue' | 'late'>): string {
  return [...row.overdue.map((k) => `${CLOCK_ZH[k]}超期`), ...row.late.map((k) => `${CLOCK_ZH[k]}逾期完成`)].join('、');
}

/** A cell as text (CSV, print); dates are left to the caller through `formatDate`. */
export function cellValue(row: TrackingRow, key: TrackingColumnKey): string | number | null {
  switch (key) {
    case 'severity':
      return SEVERITY_ZH[row.severity];
    case 'status':
      return STATUS_ZH[row.status];
    case 'departments':
      return row.departments.join('、');
    case 'callbackResult':
      return row.callbackResult ? CALLBACK_RESULT_ZH[row.callbackResult] : '';
    case 'rectification':
      return [row.rectificationDept, row.rectificationNote].filter(Boolean).join(':');
    case 'flags':
      return flagsText(row);
    case 'daysOpen':
      return row.daysOpen;
    default:
      return row[key];
  }
}

// Kept here too: the sheet, its export and its print all format dates with it.
export { beijingTime } from './calendar';

/**
 * One CSV field. A leading = + - @ (or tab / carriage return) would make Excel evaluate the cell as a
 * formula, so such text is prefixed with an apostrophe (OWASP "CSV injection"); then a field with a
 * comma, quote or line break is quoted with its quotes doubled.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** UTF-8 with BOM so Excel opens the Chinese correctly; CRLF line ends (RFC 4180). */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
