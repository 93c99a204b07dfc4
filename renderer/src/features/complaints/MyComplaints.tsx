import { Alert, Empty, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintRow } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useNow } from '../../components/useNow';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { openRow, rowColumns } from './ComplaintList';

/** 我的待办: complaints waiting for a step from this user, soonest deadline first (the core sorts them). */
export function MyComplaints() {
  const { t } = useTranslation();
  const now = useNow(true);
  const [rows, setRows] = useState<ComplaintRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await call('complaints.mine', {});
    if (res.ok) {
      setRows(res.result);
      setError(null);
    } else setError(errorText(res.error));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['complaint'], () => void load());

  const base = rowColumns(t, now);
  const columns: TableColumnsType<ComplaintRow> = [
    {
      title: t('complaint.fields.nextAction'),
      dataIndex: 'nextAction',
      width: 120,
      render: (a: ComplaintRow['nextAction']) =>
        a ? (
          <Tag color="geekblue" data-testid="next-action" data-action={a}>
            {t(`complaint.nextActions.${a}`)}
          </Tag>
        ) : null,
    },
    ...base,
  ];

  return (
    <>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<ComplaintRow>
        data-testid="complaint-mine-table"
        className="clickable-rows"
        size="small"
        rowKey="id"
        loading={rows === null && !error}
        columns={columns}
        dataSource={rows ?? []}
        scroll={{ x: 1400 }}
        onRow={openRow}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaint.list.emptyMine')} /> }}
      />
    </>
  );
}
