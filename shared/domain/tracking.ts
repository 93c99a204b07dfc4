import { z } from 'zod';
import { type CallbackResult, COMPLAINT_CHANNELS, COMPLAINT_STATUSES, type Complaint, SEVERITIES } from './complaint';
import type { ClockKind } from './deadlines';
import { BEIJING_MS } from './calendar';
import { clockFlagLabel, enumLabel, LABELS, type Lang } from './labels';
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
  /** The agreed reply deadline falls at or after / before (ISO instants): the board's deadline-compliance trend. */
  replyDueFrom: isoTime.optional(),
  replyDueTo: isoTime.optional(),
  /** Met: completed by the reply deadline; missed: completed after it, or not completed and past it. */
  replyDue: z.enum(['met', 'missed']).optional(),
  sort: z.enum(TRACKING_SORTS).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  /**
   * The columns shown on screen, as chosen in the sheet's column menu (kept with the view per user).
   * Plain keys, not an enum: a view saved by a newer version may name a column this one lacks, and
   * the sheet ignores what it does not know. Queries, exports and print ignore it (annex 3 is whole).
   */
  columns: z.array(z.string().max(40)).max(40).optional(),
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

/** The columns of annex 3 as printed and exported, in order; headers from labels.ts (`trackingColumn`). */
const TRACKING_LAYOUT = [
  { key: 'complaintNo', width: 20 },
  { key: 'receivedAt', width: 18, date: true },
  { key: 'complainant', width: 12 },
  { key: 'organisation', width: 24 },
  { key: 'phone', width: 16 },
  { key: 'problem', width: 40 },
  { key: 'severity', width: 8 },
  { key: 'departments', width: 16 },
  { key: 'handlerName', width: 10 },
  { key: 'status', width: 10 },
  { key: 'result', width: 36 },
  { key: 'completedAt', width: 18, date: true },
  { key: 'callbackDueAt', width: 18, date: true },
  { key: 'callbackAt', width: 18, date: true },
  { key: 'callbackResult', width: 10 },
  { key: 'rectification', width: 24 },
  { key: 'closedAt', width: 18, date: true },
  { key: 'daysOpen', width: 8 },
  { key: 'nextDeadline', width: 18, date: true },
  { key: 'flags', width: 16 },
] as const;
export type TrackingColumnKey = (typeof TRACKING_LAYOUT)[number]['key'];
/** `title` is the Chinese header, as on the paper form and in the export; screens ask `columnTitle`. */
export const TRACKING_COLUMNS = TRACKING_LAYOUT.map((c) => ({ ...c, title: LABELS.zh.trackingColumn[c.key] }));

export function columnTitle(key: TrackingColumnKey, lang: Lang = 'zh'): string {
  return enumLabel('trackingColumn', key, lang);
}

export function flagsText(row: Pick<TrackingRow, 'overdue' | 'late'>, lang: Lang = 'zh'): string {
  const sep = lang === 'zh' ? '、' : ', ';
  return [...row.overdue.map((k) => clockFlagLabel(k, 'overdue', lang)), ...row.late.map((k) => clockFlagLabel(k, 'late', lang))].join(sep);
}

/** A cell as text (CSV, print), Chinese unless told; dates are left to the caller (`beijingTime`). */
export function cellValue(row: TrackingRow, key: TrackingColumnKey, lang: Lang = 'zh'): string | number | null {
  switch (key) {
    case 'severity':
      return enumLabel('severity', row.severity, lang);
    case 'status':
      return enumLabel('complaintStatus', row.status, lang);
    case 'departments':
      return row.departments.join(lang === 'zh' ? '、' : ', ');
    case 'callbackResult':
      return row.callbackResult ? enumLabel('callbackResult', row.callbackResult, lang) : '';
    case 'rectification':
      return [row.rectificationDept, row.rectificationNote].filter(Boolean).join(lang === 'zh' ? ':' : ': ');
    case 'flags':
      return flagsText(row, lang);
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
