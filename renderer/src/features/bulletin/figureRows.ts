import type { BulletinFigures, PeriodFigures } from '../../../../shared/api/bulletinTypes';
import type { BulletinKind } from '../../../../shared/domain/bulletin';
import { COMPARE_COLUMNS, FIGURE_GROUP_LABELS, FIGURE_GROUPS, FIGURE_ROWS, type FigureUnit } from '../../../../shared/domain/bulletinRows';
import { CALL_CATEGORIES } from '../../../../shared/domain/callRecord';
import { COMPLAINT_CHANNELS, COMPLAINT_TYPES, SEVERITIES } from '../../../../shared/domain/complaint';
import { enumLabel, type Lang } from '../../../../shared/domain/labels';

/**
 * The bulletin's figures as tables of rows (本期 / 上期 / 去年同期 / 环比 / 同比) for the screen and the
 * paper. The rows, their words and their units are shared/domain/bulletinRows.ts, the same the .xlsx
 * writes and docs/reports.md defines; the breakdowns are the .xlsx's sheets 来电分类, 投诉等级, 投诉类型
 * and 投诉渠道. `Words` is the screen's language on screen and Chinese on paper.
 */
export interface Words {
  t: (key: string, opts?: Record<string, unknown>) => string;
  lang: Lang;
}

export interface FigureRow {
  key: string;
  label: string;
  unit: FigureUnit;
  get: (p: PeriodFigures) => number | null;
}

export type GroupKey = (typeof FIGURE_GROUPS)[number] | 'category' | 'severity' | 'type' | 'channel';
export interface FigureGroup {
  key: GroupKey;
  title: string;
  rows: FigureRow[];
}

function breakdown<K extends string>(key: GroupKey, title: string, keys: readonly K[], label: (k: K) => string, pick: (p: PeriodFigures) => Partial<Record<K, number>>): FigureGroup {
  return { key, title, rows: keys.map((k) => ({ key: `${key}.${k}`, label: label(k), unit: 'count', get: (p) => pick(p)[k] ?? 0 })) };
}

/** The main groups (calls, complaints, deadlines, callbacks, QA and attendance), then the four breakdowns. */
export function figureGroups({ t, lang }: Words): FigureGroup[] {
  const main = FIGURE_GROUPS.map(
    (g): FigureGroup => ({
      key: g,
      title: FIGURE_GROUP_LABELS[g][lang],
      rows: FIGURE_ROWS.filter((r) => r.group === g).map((r) => ({ key: r.key, label: r.label[lang], unit: r.unit, get: r.value })),
    }),
  );
  const b = (k: string) => t(`bulletin.breakdowns.${k}`);
  return [
    ...main,
    breakdown('category', b('category'), [...CALL_CATEGORIES, 'none' as const], (k) => (k === 'none' ? t('bulletin.noCategory') : enumLabel('callCategory', k, lang)), (p) => p.calls.byCategory),
    breakdown('severity', b('severity'), SEVERITIES, (k) => enumLabel('severity', k, lang), (p) => p.complaints.bySeverity),
    breakdown('type', b('type'), COMPLAINT_TYPES, (k) => enumLabel('complaintType', k, lang), (p) => p.complaints.byType),
    breakdown('channel', b('channel'), COMPLAINT_CHANNELS, (k) => enumLabel('complaintChannel', k, lang), (p) => p.complaints.byChannel),
  ];
}

/** 本月 / 上月 / 去年同月 (本季度 …) as the .xlsx heads them, then 环比 and 同比. */
export function columnTitles({ t, lang }: Words, kind: BulletinKind) {
  return {
    current: COMPARE_COLUMNS.current[kind][lang],
    previous: COMPARE_COLUMNS.previous[kind][lang],
    lastYear: COMPARE_COLUMNS.lastYear[kind][lang],
    mom: t('bulletin.table.mom'),
    yoy: t('bulletin.table.yoy'),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A figure as the row's unit reads it (the unit is in the row's words): 1234, 92.5, 8.3; none is "—". */
export function formatValue(v: number | null | undefined, unit: FigureUnit): string {
  if (v === null || v === undefined) return '—';
  return unit === 'count' ? String(v) : String(round1(v));
}

/**
 * 环比 / 同比. Counts and durations change by a share of the earlier figure (+12.5%); a rate or a score
 * changes by points (+2.3 个百分点, +1.5 分), since a share of a share misleads. No earlier figure (or
 * nothing to divide by) is "—".
 */
export function formatChange(t: Words['t'], cur: number | null, base: number | null, unit: FigureUnit): string {
  if (cur === null || base === null || cur === undefined || base === undefined) return '—';
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  if (unit === 'percent') return t('bulletin.table.points', { v: sign(round1(cur - base)) });
  if (unit === 'score') return t('bulletin.table.scorePoints', { v: sign(round1(cur - base)) });
  if (base === 0) return cur === 0 ? '0%' : '—';
  return `${sign(round1(((cur - base) / base) * 100))}%`;
}

/** One row's five cells, formatted. */
export function rowCells(t: Words['t'], row: FigureRow, f: BulletinFigures) {
  const cur = row.get(f.current);
  const prev = row.get(f.previous);
  const last = row.get(f.lastYear);
  return {
    current: formatValue(cur, row.unit),
    previous: formatValue(prev, row.unit),
    lastYear: formatValue(last, row.unit),
    mom: formatChange(t, cur, prev, row.unit),
    yoy: formatChange(t, cur, last, row.unit),
  };
}
