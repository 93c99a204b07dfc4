import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverRow } from '../../../../shared/api/handoverTypes';
import { HANDOVER_ITEM_KINDS, HANDOVER_STATUSES, type HandoverStatus } from '../../../../shared/domain/handover';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { fmtMinute } from '../../components/format';
import { navigate, navigateWith } from '../../components/router';
import { useHotkeys } from '../../components/useHotkeys';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { HandoverDetail } from './HandoverDetail';
import { HandoverNew } from './HandoverNew';
import './handover.css';
import './strings';

const PAGE = 50;
type Filter = HandoverStatus | 'all';

/**
 * 交接班 (#/handover): the handovers, open ones first; #/handover?status=open is the board's drill-down,
 * #/handover/new makes one (Alt+N), #/handover/<id> opens one.
 */
export function HandoverPage({ openId, query }: { openId: string | null; query: string }) {
  if (openId === 'new') return <HandoverNew />;
  if (openId) return <HandoverDetail id={openId} />;
  return <HandoverList query={query} />;
}

function HandoverList({ query }: { query: string }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const status = new URLSearchParams(query).get('status');
  const filter: Filter = (HANDOVER_STATUSES as readonly string[]).includes(status ?? '') ? (status as HandoverStatus) : 'all';
  const [rows, setRows] = useState<HandoverRow[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('handover.list', { ...(filter === 'all' ? {} : { status: filter }), limit: PAGE, offset: (page - 1) * PAGE });
    setLoading(false);
    if (!res.ok) return void setError(errorText(res.error));
    setRows(res.result.rows);
    setTotal(res.result.total);
    setError(null);
  }, [filter, page]);
  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['handover'], () => void load());
  useHotkeys({ 'Alt+N': () => navigate('handover', 'new') });

  const columns = useMemo(
    () => [
      { title: t('handover.columns.day'), dataIndex: 'day', width: 110 },
      { title: t('handover.columns.shift'), dataIndex: 'shiftName', width: 90, onCell: dataCell },
      { title: t('handover.columns.createdBy'), dataIndex: 'createdBy', width: 110, onCell: dataCell },
      { title: t('handover.columns.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => fmtMinute(v) },
      {
        title: t('handover.columns.items'),
        key: 'items',
        render: (_: unknown, r: HandoverRow) => (
          <Space size={4} wrap>
            {HANDOVER_ITEM_KINDS.filter((k) => r.counts[k]).map((k) => (
              <Tag key={k}>
                {label('handoverItemKind', k)} {r.counts[k]}
              </Tag>
            ))}
            {!HANDOVER_ITEM_KINDS.some((k) => r.counts[k]) && <Typography.Text type="secondary">{t('handover.detail.noItems')}</Typography.Text>}
          </Space>
        ),
      },
      {
        title: t('handover.columns.status'),
        dataIndex: 'status',
        width: 130,
        render: (s: HandoverStatus) => <Tag color={s === 'open' ? 'orange' : 'green'}>{label('handoverStatus', s)}</Tag>,
      },
      {
        title: t('handover.columns.acknowledgedBy'),
        key: 'ack',
        width: 200,
        render: (_: unknown, r: HandoverRow) =>
          r.acknowledgedAt ? (
            <span>
              <span data-data="">{r.acknowledgedBy}</span> <Typography.Text type="secondary">{fmtMinute(r.acknowledgedAt)}</Typography.Text>
            </span>
          ) : (
            '—'
          ),
      },
    ],
    [t, label],
  );

  return (
    <Card
      className="page-card"
      size="small"
      title={t('handover.title')}
      data-testid="handover-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('handover', 'new')} data-testid="handover-new-button" title="Alt+N">
          {t('handover.new')}
        </Button>
      }
    >
      <div className="toolbar">
        <Segmented<Filter>
          value={filter}
          onChange={(v) => {
            setPage(1);
            navigateWith('handover', { status: v === 'all' ? null : v });
          }}
          options={[
            { value: 'open', label: label('handoverStatus', 'open') },
            { value: 'acknowledged', label: label('handoverStatus', 'acknowledged') },
            { value: 'all', label: t('handover.all') },
          ]}
          data-testid="handover-filter"
        />
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<HandoverRow>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        columns={columns}
        locale={{ emptyText: t('handover.empty') }}
        pagination={{ current: page, pageSize: PAGE, total, showSizeChanger: false, onChange: setPage }}
        className="clickable-rows"
        data-testid="handover-list"
        onRow={(r) => ({
          onClick: () => navigate('handover', r.id),
          onKeyDown: (e) => e.key === 'Enter' && navigate('handover', r.id),
          tabIndex: 0,
          'data-testid': 'handover-row',
          'data-status': r.status,
        }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
