import { DownloadOutlined, PrinterOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Checkbox, DatePicker, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from "antd";
import dayjs from 'dayjs';
import type { SortOrder } from 'antd/es/table/interface';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser, TrackingRow } from '../../../../shared/api';
import { COMPLAINT_CHANNELS, COMPLAINT_STATUSES, SEVERITIES } from '../../../../shared/domain/complaint';
import { clockFlagLabel, type Lang } from '../../../../shared/domain/labels';
import {
  beijingTime,
  cellValue,
  columnTitle,
  DEFAULT_TRACKING_VIEW,
  TRACKING_COLUMNS,
  type TrackingSortField,
  type TrackingView,
} from '../../../../shared/domain/tracking';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { useCallRules } from '../admin/settingsStore';
import { downloadBase64 } from './download';
import { type BoardList, takePreset } from './preset';
import './strings';
import './tracking.css';

const SORTABLE = new Set<string>(['complaintNo', 'receivedAt', 'complainant', 'phone', 'severity', 'departments', 'handlerName', 'status', 'result', 'completedAt', 'callbackDueAt', 'callbackAt', 'callbackResult', 'rectification', 'closedAt', 'daysOpen', 'nextDeadline']);
const SEVERITY_COLOR = { general: 'default', major: 'orange', crisis: 'red' } as const;

/** Saved per user a moment after the last change, so that typing a search does not write on every key. */
const SAVE_DELAY_MS = 600;

/** 客户投诉及处理跟踪表 (annex 3): the team lead's register of every complaint. */
export function TrackingPage() {
  const { t } = useTranslation();
  const { lang, label } = useLabel();
  const { message } = AntApp.useApp();
  const { departments } = useCallRules();
  const [view, setView] = useState<TrackingView | null>(null);
  const [list, setList] = useState<BoardList | undefined>(undefined);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(100);
  const [rows, setRows] = useState<TrackingRow[]>([]);
  const [total, setTotal] = useState(0);
  // The core counts up to 10 000 (1 000 for a very common search term) and says when more match.
  const [capped, setCapped] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [users, setUsers] = useState<DirectoryUser[]>([]);
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const fromPreset = useRef(false);

  // The board's drill-down wins over the saved view; otherwise the user's own view comes back.
  useEffect(() => {
    const preset = takePreset();
    if (preset) {
      fromPreset.current = true;
      setView(preset.view);
      setQ(preset.view.q ?? '');
      setList(preset.list);
      return;
    }
    void call('tracking.prefs.get', {}).then((res) => {
      const v = res.ok ? res.result : DEFAULT_TRACKING_VIEW;
      setView(v);
      setQ(v.q ?? '');
    });
    void call('users.directory', {}).then((res) => res.ok && setUsers(res.result));
  }, []);

  // The view not yet saved: leaving the sheet (opening a row) saves it at once rather than dropping it.
  const unsaved = useRef<TrackingView | null>(null);
  useEffect(() => {
    if (!view || fromPreset.current) return;
    unsaved.current = view;
    const id = setTimeout(() => {
      unsaved.current = null;
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

  useEffect(() => {
    const id = setTimeout(() => setView((v) => (v && (v.q ?? '') !== q ? { ...v, q: q || undefined } : v)), 250);
    return () => clearTimeout(id);
  }, [q]);

  const update = (patch: Partial<TrackingView>) => {
    fromPreset.current = false;
    setPage(1);
    setView((v) => clean({ ...(v ?? DEFAULT_TRACKING_VIEW), ...patch }));
  };

  const load = useCallback(async () => {
    if (!view) return;
    setLoading(true);
    const res = await call('tracking.query', { ...view, ...(list ? { list } : {}), limit: pageSize, offset: (page - 1) * pageSize });
    setLoading(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setRows(res.result.rows);
    setTotal(res.result.total);
    setCapped(!!res.result.capped);
  }, [view, list, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['complaint'], () => void load());

  const doExport = async (format: 'xlsx' | 'csv') => {
    if (!view) return;
    setExporting(format);
    const res = await call('tracking.export', { ...view, ...(list ? { list } : {}), format });
    setExporting(null);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    downloadBase64(res.result.filename, res.result.mime, res.result.base64);
    message.success(t('tracking.exported', { n: res.result.rows, file: res.result.filename }));
  };

  const columns = useMemo(() => buildColumns(view, lang), [view, lang]);
  if (!view) return null;
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null = view.from && view.to ? [dayjs(view.from), dayjs(view.to).subtract(1, 'ms')] : null;

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
          <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => void doExport('xlsx')} data-testid="tracking-export-xlsx">
            {t('tracking.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => void doExport('csv')} data-testid="tracking-export-csv">
            {t('tracking.exportCsv')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => printSheet()} data-testid="tracking-print">
            {t('tracking.print')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="reload" />
        </Space>
      }
    >
      <Space wrap className="tracking-filters no-print" data-testid="tracking-filters">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('tracking.search')}
          value={q}
          onChange={(e) => {
            fromPreset.current = false;
            setPage(1);
            setQ(e.target.value);
          }}
          style={{ width: 300 }}
          data-testid="tracking-search"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('tracking.status')}
          value={view.status ?? []}
          onChange={(v) => update({ status: v.length ? v : undefined })}
          options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: label('complaintStatus', s) }))}
          style={{ minWidth: 160 }}
          data-testid="tracking-status"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('tracking.severity')}
          value={view.severity ?? []}
          onChange={(v) => update({ severity: v.length ? v : undefined })}
          options={SEVERITIES.map((s) => ({ value: s, label: label('severity', s) }))}
          style={{ minWidth: 160 }}
          data-testid="tracking-severity"
        />
        <Select
          allowClear
          placeholder={t('tracking.department')}
          value={view.department}
          onChange={(v) => update({ department: v })}
          options={departments.map((d) => ({ value: d, label: d }))}
          style={{ width: 130 }}
          data-testid="tracking-department"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('tracking.handler')}
          value={view.handlerId}
          onChange={(v) => update({ handlerId: v })}
          options={users.map((u) => ({ value: u.id, label: u.displayName }))}
          style={{ width: 120 }}
          data-testid="tracking-handler"
        />
        <Select
          allowClear
          placeholder={t('tracking.channel')}
          value={view.channel}
          onChange={(v) => update({ channel: v })}
          options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: label('complaintChannel', c) }))}
          style={{ width: 100 }}
          data-testid="tracking-channel"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(r) =>
            update({
              from: r?.[0] ? r[0].startOf('day').toISOString() : undefined,
              to: r?.[1] ? r[1].endOf('day').add(1, 'ms').toISOString() : undefined,
            })
          }
          data-testid="tracking-range"
        />
        <Checkbox checked={!!view.overdue} onChange={(e) => update({ overdue: e.target.checked || undefined })} data-testid="tracking-overdue">
          {t('tracking.overdue')}
        </Checkbox>
        {list && (
          <Tag color="blue" closable onClose={() => setList(undefined)} data-testid="tracking-list">
            {t(`tracking.list.${list}`)}
          </Tag>
        )}
        <Button
          onClick={() => {
            setQ('');
            setList(undefined);
            update({ ...Object.fromEntries(Object.keys(view).map((k) => [k, undefined])), ...DEFAULT_TRACKING_VIEW });
          }}
        >
          {t('tracking.reset')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<TrackingRow>
        className="no-print"
        data-testid="tracking-table"
        rowKey="id"
        size="small"
        virtual
        scroll={{ x: 2400, y: 560 }}
        loading={loading}
        columns={columns}
        dataSource={rows}
        onRow={(r) => ({
          'data-testid': 'tracking-row',
          'data-complaint-no': r.complaintNo,
          onClick: () => openComplaint(r.id),
          onKeyDown: (e) => e.key === 'Enter' && openComplaint(r.id),
          tabIndex: 0,
          className: r.overdue.length ? 'tracking-row-overdue' : undefined,
        })}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          if (s?.order && typeof s.columnKey === 'string' && SORTABLE.has(s.columnKey)) update({ sort: s.columnKey as TrackingSortField, dir: s.order === 'ascend' ? 'asc' : 'desc' });
          else if (s && !s.order) update({ sort: DEFAULT_TRACKING_VIEW.sort, dir: DEFAULT_TRACKING_VIEW.dir });
        }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [50, 100, 200, 500],
          showTotal: (n) => <span data-testid="tracking-total">{t('tracking.total', { n: capped ? `${n}+` : n })}</span>,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      <PrintTable rows={rows} total={capped ? `${total}+` : total} lang={lang} />
    </Card>
  );
}

/** Drops empty filters so that the saved view and the export's audit record stay small. */
function clean(v: TrackingView): TrackingView {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && !(Array.isArray(x) && x.length === 0))) as TrackingView;
}

/** The complaint screen (features/complaints) is routed at #/complaints/<id>. */
function openComplaint(id: string) {
  window.location.hash = `/complaints/${encodeURIComponent(id)}`;
}

function buildColumns(view: TrackingView | null, lang: Lang): TableColumnsType<TrackingRow> {
  const order = (key: string): SortOrder => (view?.sort === key ? (view.dir === 'asc' ? 'ascend' : 'descend') : null);
  return TRACKING_COLUMNS.map((c) => {
    const base = {
      key: c.key,
      title: columnTitle(c.key, lang),
      width: c.width * 8,
      ellipsis: true,
      ...(SORTABLE.has(c.key) ? { sorter: true, sortOrder: order(c.key), sortDirections: ['ascend' as const, 'descend' as const] } : {}),
    };
    if (c.key === 'complaintNo') return { ...base, fixed: 'left' as const, render: (_: unknown, r: TrackingRow) => <Typography.Link>{r.complaintNo}</Typography.Link> };
    if (c.key === 'severity') return { ...base, render: (_: unknown, r: TrackingRow) => <Tag color={SEVERITY_COLOR[r.severity]}>{cellValue(r, 'severity', lang)}</Tag> };
    if (c.key === 'flags')
      return {
        ...base,
        render: (_: unknown, r: TrackingRow) => (
          <>
            {r.overdue.map((k) => (
              <Tag key={k} color="red" data-testid="tracking-overdue-tag">
                {clockFlagLabel(k, 'overdue', lang)}
              </Tag>
            ))}
            {r.warning.map((k) => (
              <Tag key={k} color="orange">
                {clockFlagLabel(k, 'warning', lang)}
              </Tag>
            ))}
            {r.late.map((k) => (
              <Tag key={k}>{clockFlagLabel(k, 'late', lang)}</Tag>
            ))}
          </>
        ),
      };
    if ('date' in c) return { ...base, render: (_: unknown, r: TrackingRow) => beijingTime(cellValue(r, c.key) as string | null) };
    return { ...base, render: (_: unknown, r: TrackingRow) => cellValue(r, c.key, lang) };
  });
}

/** The current page as a plain table, shown only when printing (A4 landscape). */
function PrintTable({ rows, total, lang }: { rows: TrackingRow[]; total: number | string; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <div className="tracking-print" data-testid="tracking-print-table">
      <h2>{t('tracking.title')}</h2>
      <p>{t('tracking.printedAt', { at: beijingTime(new Date().toISOString()), n: `${rows.length}/${total}` })}</p>
      <table>
        <thead>
          <tr>
            {TRACKING_COLUMNS.map((c) => (
              <th key={c.key}>{columnTitle(c.key, lang)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {TRACKING_COLUMNS.map((c) => (
                <td key={c.key}>{'date' in c ? beijingTime(cellValue(r, c.key) as string | null) : cellValue(r, c.key, lang)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A4 landscape for this print only: the page rule is added for the print and removed after it. */
function printSheet() {
  const style = document.createElement('style');
  style.textContent = '@page { size: A4 landscape; margin: 10mm; }';
  document.head.appendChild(style);
  document.body.classList.add('printing-tracking');
  const done = () => {
    style.remove();
    document.body.classList.remove('printing-tracking');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
  // Some hosts print synchronously and never fire afterprint.
  setTimeout(done, 1000);
}
