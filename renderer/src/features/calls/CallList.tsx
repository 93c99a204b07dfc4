import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, DatePicker, Input, Select, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallListRow } from '../../../../shared/api';
import { CALL_CATEGORIES, CALL_STATUSES, type CallCategory } from '../../../../shared/domain/callRecord';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { fmtDateTime, fmtDuration } from '../../components/format';
import { navigate } from '../../components/router';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { dataCell } from '../../components/dataField';
import '../../i18n/lists';
import { CallDetail } from './CallDetail';
import { type CallFilters, callFiltersFromQuery, callListParams } from './listQuery';
import { StatusTag } from './StatusTag';

/**
 * 来电记录: every call, searchable by number, name or record number; a row opens the record. A hash query
 * (#/records?from=…&late=1, the board's drill-downs) sets the filters it opens with; see listQuery.ts.
 */
export function CallList({ openId, query = '' }: { openId: string | null; query?: string }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<CallFilters>(() => callFiltersFromQuery(query));
  const [q, setQ] = useState(''); // Debounced copy of filters.q: the query runs after typing pauses.
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [rows, setRows] = useState<CallListRow[]>([]);
  const [total, setTotal] = useState(0);
  const [capped, setCapped] = useState(false); // A search counts to 1000: the total reads "1000+".
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A new link while the list is open replaces the filters. Opening a row drops the query from the hash
  // (and Back brings the same one again): neither is a new link, so the filters, changed by hand or not, stay.
  const applied = useRef(query);
  useEffect(() => {
    if (!query || query === applied.current) return;
    applied.current = query;
    setFilters(callFiltersFromQuery(query));
    setPage(1);
  }, [query]);

  useEffect(() => {
    const id = setTimeout(() => setQ(filters.q), 250);
    return () => clearTimeout(id);
  }, [filters.q]);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('calls.list', callListParams(filters, q, page, pageSize));
    setLoading(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setRows(res.result.rows);
    setTotal(res.result.total);
    setCapped(!!res.result.capped);
  }, [filters, q, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);

  // Changes from this console and from the hub (a pull may touch hundreds of rows) refresh the
  // page at most twice a second.
  useRecordsChanged(['call'], () => void load());

  const set = <K extends keyof CallFilters>(k: K, v: CallFilters[K]) => {
    setFilters((f) => ({ ...f, [k]: v }));
    setPage(1);
  };

  // At 1366 px the first eight columns are in view; the content sits beside the caller, the rest scroll.
  const columns: TableColumnsType<CallListRow> = [
    { title: t('fields.recordNo'), dataIndex: 'recordNo', width: 180 },
    { title: t('fields.answeredAt'), dataIndex: 'answeredAt', width: 150, render: (v: string) => fmtDateTime(v) },
    { title: t('fields.callerName'), dataIndex: 'callerName', width: 90, ellipsis: true, onCell: dataCell },
    {
      // What the call was about, the first thing a lead reads: one line, cut with an ellipsis, whole in the tooltip.
      title: t('lists.content'),
      dataIndex: 'content',
      width: 280,
      ellipsis: { showTitle: false },
      onCell: dataCell,
      render: (v: string) =>
        v ? (
          <Tooltip title={v} placement="topLeft" styles={{ root: { maxWidth: 480 } }}>
            <span data-testid="call-row-content">{v}</span>
          </Tooltip>
        ) : null,
    },
    { title: t('fields.category'), dataIndex: 'category', width: 116, render: (v: CallCategory | null) => (v ? t(`categories.${v}`) : '') },
    { title: t('fields.status'), dataIndex: 'status', width: 100, render: (_: unknown, r) => <StatusTag record={r} /> },
    { title: t('fields.phone'), dataIndex: 'phone', width: 130 },
    { title: t('fields.organisation'), dataIndex: 'organisation', width: 160, ellipsis: true, onCell: dataCell },
    { title: t('fields.agentName'), dataIndex: 'agentName', width: 90, ellipsis: true, onCell: dataCell },
    { title: t('fields.durationSec'), dataIndex: 'durationSec', width: 80, render: (v: number | null) => fmtDuration(v) },
    {
      title: t('calls.late'),
      dataIndex: 'answeredLate',
      width: 110,
      render: (late: boolean) =>
        late ? (
          <Tag color="red" data-testid="row-late-tag">
            {t('calls.late')}
          </Tag>
        ) : null,
    },
  ];

  return (
    <Card className="page-card" title={t('list.title')} size="small">
      <div className="toolbar">
        <Input
          data-testid="call-list-search"
          prefix={<SearchOutlined />}
          placeholder={t('list.searchPh')}
          aria-label={t('common.search')}
          allowClear
          style={{ width: 240 }}
          value={filters.q}
          onChange={(e) => set('q', e.target.value)}
          onPressEnter={() => setQ(filters.q)}
        />
        <Select
          data-testid="call-list-category"
          aria-label={t('fields.category')}
          allowClear
          placeholder={t('list.allCategories')}
          style={{ width: 120 }}
          value={filters.category}
          onChange={(v) => set('category', v)}
          options={CALL_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        />
        <Select
          data-testid="call-list-status"
          aria-label={t('fields.status')}
          allowClear
          placeholder={t('list.allStatuses')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={CALL_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
        <DatePicker.RangePicker
          data-testid="call-list-range"
          value={filters.range}
          allowEmpty={[true, true]}
          onChange={(r) => {
            setFilters((f) => ({ ...f, range: r, bounds: null }));
            setPage(1);
          }}
          placeholder={[t('list.from'), t('list.to')]}
        />
        <Checkbox data-testid="call-list-mine" checked={filters.mine} onChange={(e) => set('mine', e.target.checked)}>
          {t('list.mine')}
        </Checkbox>
        <Checkbox data-testid="call-list-voided" checked={filters.includeVoided} onChange={(e) => set('includeVoided', e.target.checked)}>
          {t('list.includeVoided')}
        </Checkbox>
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
      </div>
      {(filters.late || filters.rated) && (
        // Filters with no box in the toolbar: shown so the user sees why the list is short, and closable.
        <div className="toolbar" data-testid="call-list-special">
          {filters.late && (
            <Tag color="red" closable onClose={() => set('late', false)} data-testid="call-list-late-tag">
              {t('list.onlyLate')}
            </Tag>
          )}
          {filters.rated && (
            <Tag color="blue" closable onClose={() => set('rated', false)} data-testid="call-list-rated-tag">
              {t('list.onlyRated')}
            </Tag>
          )}
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<CallListRow>
        data-testid="call-list-table"
        className="clickable-rows"
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1500 }}
        rowClassName={(r) => (r.voided ? 'voided-row' : '')}
        onRow={(r) => ({
          onClick: () => navigate('records', r.id),
          // Rows are reachable with Tab and open with Enter, like the rest of the console.
          onKeyDown: (e) => {
            if (e.key === 'Enter') navigate('records', r.id);
          },
          tabIndex: 0,
          'data-testid': 'call-row',
          'data-record-no': r.recordNo,
        })}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => <span data-testid="call-list-total">{t('common.total', { n: capped ? `${n}+` : n })}</span>,
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
      />
      {openId && <CallDetail id={openId} onClose={() => navigate('records')} />}
    </Card>
  );
}
