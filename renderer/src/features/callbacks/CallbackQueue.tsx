import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type KeyboardEvent, type MouseEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackRow } from '../../../../shared/api/types';
import { CALLBACK_KINDS, CALLBACK_STATUSES, type CallbackKind, type CallbackStatus } from '../../../../shared/domain/callback';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { fmtMinute } from '../../components/format';
import { navigate } from '../../components/router';
import { useNow } from '../../components/useNow';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { rangeText } from '../trends/range';
import { AssignDialog, CancelDialog } from './LeadDialogs';
import { CallbackKindTag, CallbackStatusTag, DueCell, liveUrgency, useCallbackRules } from './labels';
import { type QueueFilters, queueParams, type Scope } from './queueQuery';

export type { Scope } from './queueQuery';

const openRow = (r: CallbackRow) => ({
  onClick: () => navigate('callbacks', r.id),
  onKeyDown: (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) navigate('callbacks', r.id);
  },
  tabIndex: 0,
  'data-testid': 'callback-row',
  'data-callback-id': r.id,
  'data-kind': r.kind,
});

// Buttons inside a clickable row must not also open the row.
const stop = (fn: () => void) => (e: MouseEvent) => {
  e.stopPropagation();
  fn();
};

/**
 * One tab of the queue: ordered by due time (the core's order), overdue rows red, due-soon amber. The
 * filters belong to the page (CallbacksPage), so that they survive opening a callback and coming back.
 */
export function CallbackQueue({ scope, lead, filters, onFilters }: { scope: Scope; lead: boolean; filters: QueueFilters; onFilters: (update: (f: QueueFilters) => QueueFilters) => void }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const now = useNow(true, 30_000);
  const rules = useCallbackRules();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [rows, setRows] = useState<CallbackRow[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [assigning, setAssigning] = useState<CallbackRow | null>(null);
  const [cancelling, setCancelling] = useState<CallbackRow | null>(null);

  useEffect(() => {
    const id = setTimeout(() => setQ(filters.q), 250);
    return () => clearTimeout(id);
  }, [filters.q]);

  // Typing in the search box changes filters.q; the query waits for its debounced copy `q`.
  const { kind, status, overdue, dueBy, doneFrom, doneTo, satisfaction } = filters;
  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('callbacks.queue', queueParams(scope, { kind, status, overdue, dueBy, doneFrom, doneTo, satisfaction }, q, page, pageSize));
    setLoading(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setRows(res.result.rows);
    setTotal(res.result.total);
  }, [scope, q, kind, status, overdue, dueBy, doneFrom, doneTo, satisfaction, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['callback'], () => void load());

  const set = <K extends keyof QueueFilters>(k: K, v: QueueFilters[K]) => {
    onFilters((f) => ({ ...f, [k]: v }));
    setPage(1);
  };

  const columns: TableColumnsType<CallbackRow> = [
    { title: t('callback.fields.dueAt'), dataIndex: 'dueAt', width: 190, render: (_: unknown, r) => <DueCell c={r} now={now} rules={rules} /> },
    { title: t('callback.fields.kind'), dataIndex: 'kind', width: 110, render: (k: CallbackKind) => <CallbackKindTag kind={k} /> },
    {
      title: t('callback.fields.customer'),
      dataIndex: 'name',
      width: 200,
      ellipsis: true,
      render: (_: unknown, r) => (
        <span>
          {r.name ? <span data-data="">{r.name}</span> : <span className="muted">{t('callback.noName')}</span>}
          {r.organisation && (
            <div className="muted callback-org" data-data="">
              {r.organisation}
            </div>
          )}
        </span>
      ),
    },
    { title: t('callback.fields.phone'), dataIndex: 'phone', width: 130 },
    {
      title: t('callback.fields.subject'),
      dataIndex: 'subject',
      ellipsis: true,
      render: (_: unknown, r) => (
        <span>
          {r.complaintNo && (
            <Typography.Link className="callback-ref" onClick={stop(() => r.complaintId && navigate('complaints', r.complaintId))}>
              {r.complaintNo}
            </Typography.Link>
          )}
          {/* The subject as stored: typed, or written by the core when it made the callback (in Chinese). */}
          <span data-data="">{r.subject}</span>
        </span>
      ),
    },
    {
      title: t('callback.fields.assignee'),
      dataIndex: 'assigneeName',
      width: 100,
      render: (v: string) => (v ? <span data-data="">{v}</span> : <span className="muted">{t('callback.unassigned')}</span>),
    },
    { title: t('callback.fields.attempts'), dataIndex: 'attempts', width: 90, align: 'center' },
    { title: t('callback.fields.status'), dataIndex: 'status', width: 96, render: (s: CallbackStatus) => <CallbackStatusTag status={s} /> },
    ...(lead
      ? ([
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, r: CallbackRow) =>
              r.status === 'open' || r.status === 'unreachable' ? (
                <Space size={4}>
                  {r.status === 'open' && (
                    <Button size="small" data-testid="callback-assign" onClick={stop(() => setAssigning(r))}>
                      {t('callback.assign.button')}
                    </Button>
                  )}
                  <Button size="small" danger data-testid="callback-cancel" onClick={stop(() => setCancelling(r))}>
                    {t('callback.cancel.button')}
                  </Button>
                </Space>
              ) : null,
          },
        ] satisfies TableColumnsType<CallbackRow>)
      : []),
  ];

  return (
    <>
      <div className="toolbar">
        <Input
          data-testid="callback-search"
          prefix={<SearchOutlined />}
          placeholder={t('callback.searchPh')}
          aria-label={t('common.search')}
          allowClear
          style={{ width: 240 }}
          value={filters.q}
          onChange={(e) => set('q', e.target.value)}
          onPressEnter={() => setQ(filters.q)}
        />
        <Select
          data-testid="callback-filter-kind"
          aria-label={t('callback.fields.kind')}
          allowClear
          placeholder={t('callback.allKinds')}
          style={{ width: 140 }}
          value={filters.kind}
          onChange={(v) => set('kind', v)}
          options={CALLBACK_KINDS.map((k) => ({ value: k, label: t(`callback.kinds.${k}`) }))}
        />
        <Select
          data-testid="callback-filter-status"
          aria-label={t('callback.fields.status')}
          allowClear
          placeholder={t('callback.allStatuses')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={CALLBACK_STATUSES.map((s) => ({ value: s, label: t(`callback.statuses.${s}`) }))}
        />
        <Checkbox data-testid="callback-filter-overdue" checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)}>
          {t('callback.onlyOverdue')}
        </Checkbox>
        {filters.dueBy && (
          // No box in the toolbar sets this (the board's links do): shown so the user sees why, and closable.
          <Tag color="orange" closable onClose={() => set('dueBy', null)} data-testid="callback-filter-dueBy">
            {t('callback.dueByTag', { at: fmtMinute(filters.dueBy) })}
          </Tag>
        )}
        {(filters.doneFrom || filters.doneTo) && (
          // Set by the board's satisfaction trend, like dueBy: shown so the user sees why, and closable.
          <Tag color="blue" closable onClose={() => {
              onFilters((f) => ({ ...f, doneFrom: null, doneTo: null }));
              setPage(1);
            }} data-testid="callback-filter-done">
            {t('trends.tags.doneBetween', { range: rangeText(filters.doneFrom, filters.doneTo) })}
          </Tag>
        )}
        {filters.satisfaction && (
          <Tag color="blue" closable onClose={() => set('satisfaction', undefined)} data-testid="callback-filter-satisfaction">
            {t('trends.tags.satisfaction', { result: label('callbackResult', filters.satisfaction) })}
          </Tag>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="callback-queue-error" />}
      <Table<CallbackRow>
        data-testid="callback-table"
        className="clickable-rows"
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={rows}
        // Fits the queue's width at 1366 px for the people who work it; leads' action column scrolls into view.
        scroll={{ x: lead ? 1300 : 1080 }}
        rowClassName={(r) => `callback-row-${liveUrgency(r, now, rules)}`}
        onRow={openRow}
        locale={{ emptyText: t('callback.empty') }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
      />
      {assigning && <AssignDialog callback={assigning} onClose={() => setAssigning(null)} onDone={() => {
            setAssigning(null);
            void load();
          }}
        />}
      {cancelling && <CancelDialog callback={cancelling} onClose={() => setCancelling(null)} onDone={() => {
            setCancelling(null);
            void load();
          }}
        />}
    </>
  );
}
