import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditPage, User } from '../../../../shared/api/types';
import { AUDIT_ACTIONS, type AuditFilter, type AuditRow } from '../../../../shared/sync/audit';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { fmtDateTime } from '../../components/format';
import { downloadBase64 } from '../tracking/download';
import { AuditVerifyCard } from './AuditVerifyCard';

const PAGE_SIZE = 50;
type Shown = AuditRow & { unsent?: boolean };

/**
 * 设置 → 审计日志 (administrators): who read which customer data, from every workstation through the hub,
 * or this workstation's rows alone with a note why. Filters by user, customer, kind and date; exports.
 */
export function AuditLogPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [users, setUsers] = useState<User[]>([]);
  const [customers, setCustomers] = useState<{ value: string; label: string }[]>([]);
  const [userId, setUserId] = useState<string>();
  const [customerId, setCustomerId] = useState<string>();
  const [action, setAction] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AuditPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const searchSeq = useRef(0);

  const filter = useCallback((): AuditFilter => {
    const f: AuditFilter = {};
    if (userId) f.userId = userId;
    if (customerId) f.customerId = customerId;
    if (action) f.action = action;
    if (range?.[0]) f.from = range[0].startOf('day').toISOString();
    if (range?.[1]) f.to = range[1].add(1, 'day').startOf('day').toISOString();
    return f;
  }, [userId, customerId, action, range]);

  const load = useCallback(
    async (p: number) => {
      setLoading(true);
      const res = await call('audit.query', { ...filter(), limit: PAGE_SIZE, offset: (p - 1) * PAGE_SIZE });
      setLoading(false);
      if (!res.ok) return void message.error(errorText(res.error));
      setData(res.result);
      setPage(p);
    },
    [filter, message],
  );

  // The first page once on opening; later pages and changed filters by the buttons.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on purpose
  useEffect(() => {
    void call('users.list', {}).then((r) => r.ok && setUsers(r.result));
    void load(1);
  }, []);

  const searchCustomers = async (q: string) => {
    const n = ++searchSeq.current;
    if (!q.trim()) return setCustomers([]);
    const res = await call('customers.search', { q: q.trim(), limit: 20 });
    if (n !== searchSeq.current || !res.ok) return;
    setCustomers(res.result.map((c) => ({ value: c.id, label: c.organisation ? `${c.name}(${c.organisation})` : c.name })));
  };

  const exportXlsx = async () => {
    setExporting(true);
    const res = await call('audit.export', filter());
    setExporting(false);
    if (!res.ok) return void message.error(errorText(res.error));
    downloadBase64(res.result.filename, res.result.mime, res.result.base64);
    message.success(t('audit.exported', { n: res.result.rows }));
  };

  const reset = () => {
    setUserId(undefined);
    setCustomerId(undefined);
    setAction(undefined);
    setRange(null);
  };

  const label = (group: 'actions' | 'entities', key: string) => {
    const k = `audit.${group}.${key}`;
    return t(k) === k ? key : t(k);
  };
  const names = data?.customerNames ?? {};
  // Looked up in the table, not through t(): a detail is free text (JSON, colons) and no key.
  const details = t('audit.details', { returnObjects: true }) as Record<string, string>;
  const columns: TableColumnsType<Shown> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 230,
      render: (v: string, r) => (
        <Space size={4}>
          {fmtDateTime(v)}
          {r.unsent && (
            <Tooltip title={t('audit.unsentHelp')}>
              <Tag color="orange">{t('audit.unsent')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('audit.workstation'), dataIndex: 'workstation', width: 70 },
    { title: t('audit.seq'), dataIndex: 'seq', width: 64 },
    {
      title: t('audit.user'),
      key: 'user',
      width: 140,
      render: (_, r) => (
        <span>
          <span data-data="">{r.actorName}</span> <Typography.Text type="secondary">{t(`roles.${r.actorRole}`, { defaultValue: r.actorRole })}</Typography.Text>
        </span>
      ),
    },
    { title: t('audit.action'), dataIndex: 'action', width: 96, render: (v: string) => label('actions', v) },
    { title: t('audit.entity'), dataIndex: 'entity', width: 100, render: (v: string) => label('entities', v) },
    { title: t('audit.count'), dataIndex: 'count', width: 72, align: 'right' },
    { title: t('audit.customers'), key: 'customers', width: 150, onCell: dataCell, render: (_, r) => r.customerIds.map((c) => names[c] ?? c.slice(-6)).join('、') },
    { title: t('audit.detail'), dataIndex: 'detail', ellipsis: true, render: (v: string) => details[v] ?? v },
  ];
  const rows: Shown[] = [...(page === 1 ? (data?.unsent ?? []).map((r) => ({ ...r, unsent: true })) : []), ...(data?.rows ?? [])];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="audit-panel">
      <AuditVerifyCard />
      <Space wrap>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 120 }}
          placeholder={t('audit.anyUser')}
          value={userId}
          onChange={setUserId}
          data-testid="audit-filter-user"
          options={users.map((u) => ({ value: u.id, label: u.displayName }))}
        />
        <Select
          allowClear
          showSearch
          filterOption={false}
          style={{ width: 220 }}
          placeholder={t('audit.customerPh')}
          value={customerId}
          onChange={setCustomerId}
          onSearch={(q) => void searchCustomers(q)}
          data-testid="audit-filter-customer"
          options={customers}
        />
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder={t('audit.anyAction')}
          value={action}
          onChange={setAction}
          data-testid="audit-filter-action"
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: label('actions', a) }))}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} data-testid="audit-filter-dates" />
        <Button type="primary" icon={<SearchOutlined />} onClick={() => void load(1)} data-testid="audit-search">
          {t('audit.search')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={reset}>
          {t('audit.reset')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Space>
      {data && (
        <Alert
          type={data.source === 'hub' ? 'info' : 'warning'}
          showIcon
          data-testid="audit-source"
          message={data.note ? t(`audit.note.${data.note}`) : t(`audit.source.${data.source}`)}
        />
      )}
      <Table<Shown>
        size="small"
        rowKey={(r) => `${r.workstation}:${r.seq}:${r.unsent ? 'u' : 'h'}`}
        loading={loading}
        columns={columns}
        dataSource={rows}
        data-testid="audit-table"
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('audit.total', { n }),
          onChange: (p) => void load(p),
        }}
      />
    </Space>
  );
}
