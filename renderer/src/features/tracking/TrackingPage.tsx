import { DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Space, Table, Tag } from 'antd';
import { type HTMLAttributes, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser, TrackingRow } from '../../../../shared/api';
import { DEFAULT_TRACKING_VIEW, type TrackingColumnKey, type TrackingSortField, type TrackingView } from '../../../../shared/domain/tracking';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { trackJob, useJobs } from '../../components/jobs';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { useSettings } from '../admin/settingsStore';
import { TrackingPaperPortal } from '../print/TrackingPaper';
import { trackingPrintHash } from '../print/trackingPrintSpec';
import { buildColumns, ColumnMenu, SORTABLE, shownColumns, tableWidth } from './columns';
import { downloadJobFile } from './download';
import { type BoardList, takePreset } from './preset';
import { TrackingFilters } from './TrackingFilters';
import './strings';
import './tracking.css';

/** Saved per user a moment after the last change, so that typing a search does not write on every key. */
const SAVE_DELAY_MS = 600;
/**
 * A quick answer shows no spinner at all: the spinner is switched on only once a query has taken this
 * long, so that a fast one does not re-render the table twice (spinner on, spinner off) around its rows.
 */
const SPINNER_AFTER_MS = 300;
const PAGE_SIZES = [50, 100, 200, 500];

/** The view as the core queries and exports it: the column choice is the screen's alone. */
const queryOf = ({ columns: _columns, ...view }: TrackingView): TrackingView => view;

/** 客户投诉及处理跟踪表 (annex 3): the team lead's register of every complaint. */
export function TrackingPage() {
  const { t } = useTranslation();
  const { lang } = useLabel();
  const { message } = AntApp.useApp();
  const org = useSettings((s) => s.settings?.organisationName) ?? '';
  const [view, setView] = useState<TrackingView | null>(null);
  const [list, setList] = useState<BoardList | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(100);
  const [rows, setRows] = useState<TrackingRow[]>([]);
  const [total, setTotal] = useState(0);
  // The core counts up to 10 000 (1 000 for a very common search term) and says when more match.
  const [capped, setCapped] = useState(false);
  // Only true once a query has been running for SPINNER_AFTER_MS.
  const [slow, setSlow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [users, setUsers] = useState<DirectoryUser[]>([]);
  const [starting, setStarting] = useState<'xlsx' | 'csv' | null>(null);
  // An export runs as a job in the core (every row of the view, with progress in the corner): its button
  // stays busy until the file is handed over, also after leaving the page and coming back.
  const running = useJobs((s) => Object.values(s.jobs).find((j) => j.status.kind === 'tracking_export')?.status.filename);
  const exporting = starting ?? (running ? (running.endsWith('.csv') ? 'csv' : 'xlsx') : null);
  const fromPreset = useRef(false);
  /** The view as the store has it, so that an unchanged view is not saved again. */
  const stored = useRef<string | null>(null);

  // The board's drill-down wins over the saved view; otherwise the user's own view comes back.
  useEffect(() => {
    const preset = takePreset();
    if (preset) {
      fromPreset.current = true;
      setView(preset.view);
      setList(preset.list);
      return;
    }
    void call('tracking.prefs.get', {}).then((res) => {
      const v = res.ok ? res.result : DEFAULT_TRACKING_VIEW;
      stored.current = JSON.stringify(v);
      setView(v);
    });
    void call('users.directory', {}).then((res) => res.ok && setUsers(res.result));
  }, []);

  // The view not yet saved: leaving the sheet (opening a row) saves it at once rather than dropping it.
  const unsaved = useRef<TrackingView | null>(null);
  useEffect(() => {
    if (!view || fromPreset.current) return;
    // A view the store already has (just read, or changed and changed back) is not written again.
    if (JSON.stringify(view) === stored.current) {
      unsaved.current = null;
      return;
    }
    unsaved.current = view;
    const id = setTimeout(() => {
      unsaved.current = null;
      stored.current = JSON.stringify(view);
      void call('tracking.prefs.save', { view });
    }, SAVE_DELAY_MS);
    return () => clearTimeout(id);
  }, [view]);
  useEffect(
    () => () => {
      if (unsaved.current) void call('tracking.prefs.save', { view: unsaved.current });
    },
    [],
  );

  const update = useCallback((patch: Partial<TrackingView>) => {
    fromPreset.current = false;
    setPage(1);
    setView((v) => clean({ ...(v ?? DEFAULT_TRACKING_VIEW), ...patch }));
  }, []);
  const clearList = useCallback(() => setList(undefined), []);
  const reset = useCallback(() => {
    fromPreset.current = false;
    setPage(1);
    setList(undefined);
    // The column choice is not a filter: reset keeps it.
    setView((v) => clean({ ...DEFAULT_TRACKING_VIEW, columns: v?.columns }));
  }, []);

  // The query depends on the view without its columns: showing a column asks the core nothing.
  const query = useMemo(() => (view ? JSON.stringify(queryOf(view)) : null), [view]);
  const seq = useRef(0);
  const load = useCallback(async () => {
    if (!query) return;
    const mine = ++seq.current;
    const spinner = setTimeout(() => mine === seq.current && setSlow(true), SPINNER_AFTER_MS);
    const res = await call('tracking.query', { ...(JSON.parse(query) as TrackingView), ...(list ? { list } : {}), limit: pageSize, offset: (page - 1) * pageSize });
    // A slower answer to an older view must not replace the rows of a newer one.
    clearTimeout(spinner);
    if (mine !== seq.current) return;
    setSlow(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setRows(res.result.rows);
    setTotal(res.result.total);
    setCapped(!!res.result.capped);
  }, [query, list, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['complaint'], () => void load());

  const doExport = async (format: 'xlsx' | 'csv') => {
    if (!view || exporting) return;
    setStarting(format);
    const res = await call('tracking.exportStart', { ...queryOf(view), ...(list ? { list } : {}), format });
    setStarting(null);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    trackJob(res.result, t('jobs.kind.tracking_export'), {
      onDone: async (job) => {
        if (await downloadJobFile(job)) message.success(t('tracking.exported', { n: job.total, file: job.filename }));
        else message.error(t('jobs.downloadFailed'));
      },
      onFailed: (job) => message.error(t('jobs.failed', { reason: errorText(job.error ? { code: job.error.code as never, message: job.error.message } : null) })),
      onCancelled: () => message.info(t('jobs.cancelled')),
    });
  };

  const shown = useMemo(() => shownColumns(view), [view]);
  const shownKey = shown.join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the column list's content, not its identity
  const columns = useMemo(() => buildColumns(shown, view?.sort, view?.dir, lang), [shownKey, view?.sort, view?.dir, lang]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const scroll = useMemo(() => ({ x: tableWidth(shown), y: 560 }), [shownKey]);
  const setColumns = useCallback((keys: TrackingColumnKey[] | undefined) => update({ columns: keys }), [update]);
  const onChange = useCallback(
    (_p: unknown, _f: unknown, sorter: unknown, extra?: { action?: string }) => {
      // The table reports a page change here too, with the sort as it was: taken for a sort, it sent the
      // sheet back to page 1 (the pager's own onChange has the page).
      if (extra?.action && extra.action !== 'sort') return;
      const s = (Array.isArray(sorter) ? sorter[0] : sorter) as { order?: string | null; columnKey?: unknown } | undefined;
      if (s?.order && typeof s.columnKey === 'string' && SORTABLE.has(s.columnKey)) update({ sort: s.columnKey as TrackingSortField, dir: s.order === 'ascend' ? 'asc' : 'desc' });
      else if (s && !s.order) update({ sort: DEFAULT_TRACKING_VIEW.sort, dir: DEFAULT_TRACKING_VIEW.dir });
    },
    [update],
  );
  const pagination = useMemo(
    () => ({
      current: page,
      pageSize,
      total,
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZES,
      showTotal: (n: number) => <span data-testid="tracking-total">{t('tracking.total', { n: capped ? `${n}+` : n })}</span>,
      onChange: (p: number, s: number) => {
        setPage(p);
        setPageSize(s);
      },
    }),
    [page, pageSize, total, capped, t],
  );
  // The paper (every row of the page, all 20 columns, hidden until printed) follows the rows on screen
  // in a render of its own after they are painted, not in the same one.
  const paper = useMemo(() => ({ rows, total: capped ? `${total}+` : total, offset: (page - 1) * pageSize }), [rows, total, capped, page, pageSize]);
  const deferredPaper = useDeferredValue(paper);

  if (!view) return null;
  return (
    <Card
      className="tracking-page"
      data-testid="tracking-page"
      title={
        <span>
          {t('tracking.title')} <Tag>{t('tracking.annex3')}</Tag>
        </span>
      }
      extra={
        <Space className="no-print">
          <ColumnMenu shown={shown} lang={lang} onChange={setColumns} />
          <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => void doExport('xlsx')} data-testid="tracking-export-xlsx">
            {t('tracking.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => void doExport('csv')} data-testid="tracking-export-csv">
            {t('tracking.exportCsv')}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            onClick={() => {
              window.location.hash = trackingPrintHash(view, list);
            }}
            data-testid="tracking-print"
          >
            {t('tracking.print')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="reload" />
        </Space>
      }
    >
      <TrackingFilters view={view} list={list} users={users} update={update} clearList={clearList} reset={reset} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<TrackingRow>
        className="no-print"
        data-testid="tracking-table"
        rowKey="id"
        size="small"
        // Only the rows in view are in the DOM: a page of 500 renders like a page of 30.
        virtual
        scroll={scroll}
        loading={slow}
        columns={columns}
        dataSource={rows}
        onRow={rowProps}
        onChange={onChange}
        pagination={pagination}
      />
      <TrackingPaperPortal {...deferredPaper} org={org} />
    </Card>
  );
}

/** Made once: antd calls it per row, and the row's handlers need nothing but the row. */
function rowProps(r: TrackingRow) {
  return {
    'data-testid': 'tracking-row',
    'data-complaint-no': r.complaintNo,
    onClick: () => openComplaint(r.id),
    onKeyDown: (e: { key: string }) => e.key === 'Enter' && openComplaint(r.id),
    tabIndex: 0,
    className: r.overdue.length ? 'tracking-row-overdue' : undefined,
  } as HTMLAttributes<HTMLElement>;
}

/** Drops empty filters so that the saved view and the export's audit record stay small. */
function clean(v: TrackingView): TrackingView {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && !(Array.isArray(x) && x.length === 0))) as TrackingView;
}

/** The complaint screen (features/complaints) is routed at #/complaints/<id>. */
function openComplaint(id: string) {
  window.location.hash = `/complaints/${encodeURIComponent(id)}`;
}
