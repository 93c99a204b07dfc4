import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Table, type TableColumnsType } from 'antd';
import { type KeyboardEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParamsOf } from '../../../../shared/api/contract';
import type { ComplaintRow } from '../../../../shared/api/types';
import { COMPLAINT_STATUSES, type ComplaintStatus, SEVERITIES, type Severity } from '../../../../shared/domain/complaint';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { fmtShort } from '../../components/format';
import { navigate } from '../../components/router';
import { useNow } from '../../components/useNow';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { DeadlineCell } from './Clocks';
import { ComplaintStatusTag, SeverityTag } from './tags';

/** Columns both complaint lists share; `now` makes the deadline column count down. */
export function rowColumns(t: (k: string, o?: Record<string, unknown>) => string, now: number): TableColumnsType<ComplaintRow> {
  return [
    { title: t('complaint.fields.complaintNo'), dataIndex: 'complaintNo', width: 160 },
    { title: t('complaint.fields.severity'), dataIndex: 'severity', width: 90, render: (v: Severity) => <SeverityTag severity={v} /> },
    { title: t('complaint.fields.status'), dataIndex: 'status', width: 112, render: (v: ComplaintStatus) => <ComplaintStatusTag status={v} /> },
    { title: t('complaint.fields.nextDeadline'), dataIndex: 'nextDeadline', width: 240, render: (_: unknown, r) => <DeadlineCell row={r} now={now} /> },
    { title: t('complaint.fields.complainant'), dataIndex: 'complainant', width: 90, ellipsis: true, onCell: dataCell },
    { title: t('complaint.fields.phone'), dataIndex: 'phone', width: 124 },
    {
      title: t('complaint.list.handlerDept'),
      dataIndex: 'handlerName',
      width: 140,
      ellipsis: true,
      onCell: dataCell,
      render: (_: unknown, r) => [r.handlerName, r.departments.join('、')].filter(Boolean).join(' · '),
    },
    { title: t('complaint.fields.round'), dataIndex: 'round', width: 72, render: (n: number) => t('complaint.roundN', { n }) },
    { title: t('complaint.fields.repeatIndex'), dataIndex: 'repeatIndex', width: 100, render: (n: number) => t('complaint.repeatN', { n }) },
    { title: t('complaint.fields.receivedAt'), dataIndex: 'receivedAt', width: 110, render: (v: string) => fmtShort(v) },
  ];
}

/** Rows open the sheet with a click or Enter, like the call list. */
export const openRow = (r: ComplaintRow) => ({
  onClick: () => navigate('complaints', r.id),
  onKeyDown: (e: KeyboardEvent) => {
    if (e.key === 'Enter') navigate('complaints', r.id);
  },
  tabIndex: 0,
  'data-testid': 'complaint-row',
  'data-complaint-no': r.complaintNo,
});

interface Filters {
  q: string;
  status: ComplaintStatus | undefined;
  severity: Severity | undefined;
}

/** 投诉列表: search, status and severity filters, the next deadline counting down with breached / close marks. */
export function ComplaintList() {
  const { t } = useTranslation();
  const now = useNow(true);
  const [filters, setFilters] = useState<Filters>({ q: '', status: undefined, severity: undefined });
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [rows, setRows] = useState<ComplaintRow[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const id = setTimeout(() => setQ(filters.q), 250);
    return () => clearTimeout(id);
  }, [filters.q]);

  const load = useCallback(async () => {
    setLoading(true);
    const params: ParamsOf<'complaints.list'> = {
      ...(q.trim() ? { q: q.trim() } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.severity ? { severity: filters.severity } : {}),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    };
    const res = await call('complaints.list', params);
    setLoading(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setRows(res.result.rows);
    setTotal(res.result.total);
  }, [filters.status, filters.severity, q, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['complaint'], () => void load());

  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => {
    setFilters((f) => ({ ...f, [k]: v }));
    setPage(1);
  };

  return (
    <>
      <div className="toolbar">
        <Input
          data-testid="complaint-list-search"
          prefix={<SearchOutlined />}
          placeholder={t('complaint.list.searchPh')}
          aria-label={t('common.search')}
          allowClear
          style={{ width: 280 }}
          value={filters.q}
          onChange={(e) => set('q', e.target.value)}
          onPressEnter={() => setQ(filters.q)}
        />
        <Select
          data-testid="complaint-list-status"
          aria-label={t('complaint.fields.status')}
          allowClear
          placeholder={t('complaint.list.allStatuses')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaint.statuses.${s}`) }))}
        />
        <Select
          data-testid="complaint-list-severity"
          aria-label={t('complaint.fields.severity')}
          allowClear
          placeholder={t('complaint.list.allSeverities')}
          style={{ width: 120 }}
          value={filters.severity}
          onChange={(v) => set('severity', v)}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`complaint.severities.${s}`) }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<ComplaintRow>
        data-testid="complaint-table"
        className="clickable-rows"
        size="small"
        rowKey="id"
        loading={loading}
        columns={rowColumns(t, now)}
        dataSource={rows}
        scroll={{ x: 1240 }}
        rowClassName={(r) => (r.status === 'voided' ? 'voided-row' : '')}
        onRow={openRow}
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
    </>
  );
}
