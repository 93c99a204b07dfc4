import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Dropdown, type TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingRow } from '../../../../shared/api';
import { clockFlagLabel, type Lang } from '../../../../shared/domain/labels';
import { dataCell } from '../../components/dataField';
import { beijingTime, cellValue, columnTitle, TRACKING_COLUMNS, TRACKING_SORTS, type TrackingColumnKey, type TrackingView } from '../../../../shared/domain/tracking';

/** The columns the sheet can sort by: the sorts the core accepts. */
export const SORTABLE = new Set<string>(TRACKING_SORTS);
/**
 * Cells are plain elements with the sheet's own classes (tracking.css), not antd's Tag and Typography:
 * those run their style and context hooks per cell, and a page of rows holds hundreds of cells.
 */
const SEVERITY_CLASS = { general: 'trk-tag', major: 'trk-tag trk-tag-orange', crisis: 'trk-tag trk-tag-red' } as const;

/**
 * On screen the columns a lead reads first come first, so that at 1366 px they are all visible without
 * scrolling sideways; the rest follow in annex 3 order. Print and export keep the annex 3 order.
 */
const LEAD_FIRST: readonly TrackingColumnKey[] = ['complaintNo', 'complainant', 'severity', 'status', 'nextDeadline', 'flags'];
export const SCREEN_ORDER: readonly TrackingColumnKey[] = [...LEAD_FIRST, ...TRACKING_COLUMNS.map((c) => c.key).filter((k) => !LEAD_FIRST.includes(k))];
const LAYOUT = new Map(TRACKING_COLUMNS.map((c) => [c.key as TrackingColumnKey, c]));
/** The number opens the row and cannot be hidden. */
const ALWAYS: TrackingColumnKey = 'complaintNo';
/**
 * Shown until the user chooses: what a lead works from. Every cell on screen costs layout and render on
 * each new page of rows (the virtual table renders only the rows in view, but every column of them), so
 * the dates of the later steps, the texts and the phone are one click away in 列设置, not on by default.
 */
export const DEFAULT_COLUMNS: readonly TrackingColumnKey[] = [...LEAD_FIRST, 'receivedAt', 'departments', 'handlerName', 'problem', 'daysOpen'];
/** Columns that show what was recorded (names, problem, result, departments), as written in either language. */
const DATA_COLUMNS = new Set<TrackingColumnKey>(['complainant', 'organisation', 'problem', 'departments', 'handlerName', 'result', 'rectification']);

/**
 * Pixels per width unit of the annex layout, with a floor per column: tags need room, a header needs
 * its sort arrows beside the word ("Customer"), and the longest status reads whole ("Handled, callback due").
 */
const MIN_WIDTH: Partial<Record<TrackingColumnKey, number>> = { severity: 104, status: 168, complainant: 120 };
const widthOf = (key: TrackingColumnKey) => Math.max((LAYOUT.get(key)?.width ?? 10) * 8, MIN_WIDTH[key] ?? 72);

/** The columns shown: the user's choice (unknown keys dropped), else the default set. */
export function shownColumns(view: TrackingView | null): TrackingColumnKey[] {
  const chosen = view?.columns?.length ? view.columns : DEFAULT_COLUMNS;
  return SCREEN_ORDER.filter((k) => k === ALWAYS || chosen.includes(k));
}

/** The table's width for the columns shown (the virtual table needs a number for `scroll.x`). */
export const tableWidth = (keys: readonly TrackingColumnKey[]) => keys.reduce((sum, k) => sum + widthOf(k), 0);

// One render function per column, made once: cells re-render only when their row object changes.
const cellRenderers: Partial<Record<TrackingColumnKey, (lang: Lang) => (_: unknown, r: TrackingRow) => ReactNode>> = {
  complaintNo: () => (_, r) => <span className="tracking-no">{r.complaintNo}</span>,
  severity: (lang) => (_, r) => <span className={SEVERITY_CLASS[r.severity]}>{cellValue(r, 'severity', lang)}</span>,
  flags: (lang) => (_, r) => <Flags row={r} lang={lang} />,
};
const rendererCache = new Map<string, (_: unknown, r: TrackingRow) => ReactNode>();
function rendererOf(key: TrackingColumnKey, lang: Lang): (_: unknown, r: TrackingRow) => ReactNode {
  const id = `${key}:${lang}`;
  let fn = rendererCache.get(id);
  if (!fn) {
    const special = cellRenderers[key];
    if (special) fn = special(lang);
    else if (LAYOUT.get(key) && 'date' in LAYOUT.get(key)!) fn = (_, r) => beijingTime(cellValue(r, key) as string | null);
    else fn = (_, r) => cellValue(r, key, lang);
    rendererCache.set(id, fn);
  }
  return fn;
}

function Flags({ row, lang }: { row: TrackingRow; lang: Lang }) {
  return (
    <>
      {row.overdue.map((k) => (
        <span key={k} className="trk-tag trk-tag-red" data-testid="tracking-overdue-tag">
          {clockFlagLabel(k, 'overdue', lang)}
        </span>
      ))}
      {row.warning.map((k) => (
        <span key={k} className="trk-tag trk-tag-orange">
          {clockFlagLabel(k, 'warning', lang)}
        </span>
      ))}
      {row.late.map((k) => (
        <span key={k} className="trk-tag">
          {clockFlagLabel(k, 'late', lang)}
        </span>
      ))}
    </>
  );
}

/** Column definitions for the keys shown; rebuilt only when the sort, the language or the choice changes. */
export function buildColumns(keys: readonly TrackingColumnKey[], sort: TrackingView['sort'], dir: TrackingView['dir'], lang: Lang): TableColumnsType<TrackingRow> {
  const order = (key: string): SortOrder => (sort === key ? (dir === 'asc' ? 'ascend' : 'descend') : null);
  return keys.map((key) => ({
    key,
    title: columnTitle(key, lang),
    width: widthOf(key),
    ellipsis: true,
    ...(key === ALWAYS ? { fixed: 'left' as const } : {}),
    ...(DATA_COLUMNS.has(key) ? { onCell: dataCell } : {}),
    ...(SORTABLE.has(key) ? { sorter: true, sortOrder: order(key), sortDirections: ['ascend' as const, 'descend' as const] } : {}),
    render: rendererOf(key, lang),
  }));
}

/** 列设置: which columns the sheet shows; the choice is kept with the user's saved view. */
export function ColumnMenu({ shown, lang, onChange }: { shown: readonly TrackingColumnKey[]; lang: Lang; onChange: (keys: TrackingColumnKey[] | undefined) => void }) {
  const { t } = useTranslation();
  const toggle = (key: TrackingColumnKey, on: boolean) => {
    const next = SCREEN_ORDER.filter((k) => (k === key ? on : shown.includes(k)));
    onChange(sameAsDefault(next) ? undefined : next);
  };
  // The default set is stored as nothing, so that a later change of the default reaches this user too.
  const sameAsDefault = (keys: readonly TrackingColumnKey[]) => keys.length === DEFAULT_COLUMNS.length && keys.every((k) => DEFAULT_COLUMNS.includes(k));
  return (
    <Dropdown
      trigger={['click']}
      popupRender={() => (
        <div className="tracking-column-menu" data-testid="tracking-column-menu">
          {SCREEN_ORDER.map((key) => (
            <Checkbox key={key} checked={shown.includes(key)} disabled={key === ALWAYS} onChange={(e) => toggle(key, e.target.checked)} data-column={key}>
              {columnTitle(key, lang)}
            </Checkbox>
          ))}
          <Button size="small" type="link" onClick={() => onChange([...SCREEN_ORDER])} data-testid="tracking-columns-all">
            {t('tracking.allColumns')}
          </Button>
          <Button size="small" type="link" onClick={() => onChange(undefined)} data-testid="tracking-columns-default">
            {t('tracking.defaultColumns')}
          </Button>
        </div>
      )}
    >
      <Button icon={<SettingOutlined />} data-testid="tracking-columns">
        {t('tracking.columns')}
      </Button>
    </Dropdown>
  );
}
