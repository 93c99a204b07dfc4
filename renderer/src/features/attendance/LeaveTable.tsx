import { Table, type TableColumnsType, Tag } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeaveRow } from '../../../../shared/api/qualityTypes';
import type { LeaveStatus } from '../../../../shared/domain/attendance';
import { dataCell } from '../../components/dataField';
import { fmtMinute } from '../../components/format';
import { useLabel } from '../../i18n/labels';

const STATUS_COLOR: Record<LeaveStatus, string | undefined> = { requested: 'gold', approved: 'green', refused: 'red', cancelled: undefined };

export function LeaveStatusTag({ status }: { status: LeaveStatus }) {
  const { label } = useLabel();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="leave-status" data-status={status}>
      {label('leaveStatus', status)}
    </Tag>
  );
}

/** Leave requests, the requester's own (`who` off) or the team's; `actions` renders the row's buttons. */
export function LeaveTable({
  rows,
  loading,
  who,
  actions,
  testId,
  emptyText,
}: {
  rows: LeaveRow[];
  loading: boolean;
  who: boolean;
  actions: (l: LeaveRow) => ReactNode;
  testId: string;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const columns: TableColumnsType<LeaveRow> = [
    ...(who ? [{ key: 'user', title: t('attendance.leave.user'), dataIndex: 'userName', width: 80, onCell: dataCell }] : []),
    { key: 'type', title: t('attendance.leave.type'), dataIndex: 'type', width: 118, render: (x: LeaveRow['type']) => label('leaveType', x) },
    {
      key: 'period',
      title: t('attendance.leave.period'),
      width: 180,
      render: (_: unknown, l: LeaveRow) => (l.fromDay === l.toDay ? l.fromDay : `${l.fromDay} – ${l.toDay}`),
    },
    { key: 'days', title: t('attendance.leave.daysCol'), dataIndex: 'workingDays', width: 60, align: 'right', render: (n: number) => t('attendance.leave.days', { n }) },
    { key: 'reason', title: t('attendance.leave.reason'), dataIndex: 'reason', ellipsis: { showTitle: true }, onCell: dataCell },
    { key: 'status', title: t('attendance.leave.status'), dataIndex: 'status', width: 125, render: (s: LeaveStatus) => <LeaveStatusTag status={s} /> },
    {
      key: 'decided',
      title: t('attendance.leave.decidedBy'),
      width: 130,
      onCell: dataCell,
      render: (_: unknown, l: LeaveRow) => (
        <>
          {l.decidedBy}
          {l.refuseReason && <div className="att-refuse-reason">{l.refuseReason}</div>}
        </>
      ),
    },
    { key: 'createdAt', title: t('attendance.leave.createdAt'), dataIndex: 'createdAt', width: 130, render: (iso: string) => fmtMinute(iso) },
    { key: 'actions', title: t('common.actions'), width: who ? 150 : 90, fixed: 'right', render: (_: unknown, l: LeaveRow) => actions(l) },
  ];
  return (
    <Table<LeaveRow>
      data-testid={testId}
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      // The reason takes what the other columns leave: about 200 px for a lead at 1366 px, more for the requester.
      scroll={{ x: 1120 }}
      locale={{ emptyText }}
      onRow={(l) => ({ 'data-testid': 'leave-row', 'data-leave-id': l.id }) as HTMLAttributes<HTMLElement>}
    />
  );
}
