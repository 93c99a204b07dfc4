import { Alert, Button, Card, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinListRow } from '../../../../shared/api/bulletinTypes';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { fmtDateTime } from '../../components/format';
import { navigate } from '../../components/router';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { periodName } from './period';

/** The published bulletins and quarterly reports, for every role: newest period first, each opening its latest version. */
export function PublishedList() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<BulletinListRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const res = await call('bulletin.list', {});
    if (!res.ok) return setError(errorText(res.error));
    setError(null);
    setRows(res.result.filter((r) => r.latest));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['bulletin_version'], () => void load(), { ms: 2000 });

  return (
    <Card className="page-card" size="small" title={t('bulletin.list.title')} data-testid="bulletin-list">
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<BulletinListRow>
        size="small"
        rowKey="bulletinId"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('bulletin.list.empty') }}
        onRow={(r) => ({ 'data-testid': 'bulletin-list-row', 'data-period': r.periodKey }) as never}
        columns={[
          { key: 'kind', title: t('bulletin.list.kind'), width: 200, render: (_, r) => t(`bulletin.kinds.${r.kind}`) },
          { key: 'period', title: t('bulletin.list.period'), width: 180, render: (_, r) => periodName(t, r.kind, r.periodKey) },
          {
            key: 'latest',
            title: t('bulletin.list.latest'),
            onCell: dataCell,
            render: (_, r) => (r.latest ? t('bulletin.version.line', { n: r.latest.number, by: r.latest.publishedBy, at: fmtDateTime(r.latest.publishedAt) }) : ''),
          },
          { key: 'versions', title: t('bulletin.list.versions'), dataIndex: 'versions', width: 90 },
          {
            key: 'open',
            title: '',
            width: 90,
            render: (_, r) =>
              r.latest && (
                <Button size="small" type="link" onClick={() => r.latest && navigate('bulletin', r.latest.id)} data-testid="bulletin-list-open">
                  {t('bulletin.actions.open')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
