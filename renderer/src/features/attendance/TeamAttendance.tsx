import { Alert, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceMonth } from '../../../../shared/api/qualityTypes';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useSettings } from '../admin/settingsStore';
import { FlagTag, MonthPicker, RateText, thisMonth } from './bits';
import { MonthCalendar } from './MonthCalendar';

const count = (n: number, color: string) => (n > 0 ? <Tag color={color}>{n}</Tag> : <span className="att-muted">0</span>);

/**
 * 团队考勤 (team leads): each person's month, lowest rate first (the core's order), with the flags and
 * the sign-ins whose workstation clock was far from the hub's (时钟异常). A row opens the person's calendar.
 */
export function TeamAttendance() {
  const { t } = useTranslation();
  const rules = useSettings((s) => s.settings?.attendance) ?? DEFAULT_SETTINGS.attendance;
  const [month, setMonth] = useState(thisMonth);
  const [rows, setRows] = useState<AttendanceMonth[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('attendance.team', { month });
    setLoading(false);
    if (res.ok) {
      setRows(res.result);
      setError(null);
    } else setError(errorText(res.error));
  }, [month]);
  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['attendance', 'leave'], () => void load(), { ms: 2000 });

  const columns: TableColumnsType<AttendanceMonth> = [
    { key: 'user', title: t('attendance.team.user'), dataIndex: 'userName', width: 110, onCell: dataCell },
    { key: 'rate', title: t('attendance.team.rate'), width: 90, align: 'right', render: (_: unknown, m: AttendanceMonth) => <RateText m={m} /> },
    { key: 'flag', title: t('attendance.team.flag'), width: 110, render: (_: unknown, m: AttendanceMonth) => <FlagTag flag={m.flag} /> },
    { key: 'due', title: t('attendance.team.due'), dataIndex: 'dueDays', width: 80, align: 'right' },
    { key: 'present', title: t('attendance.team.present'), dataIndex: 'presentDays', width: 80, align: 'right' },
    { key: 'late', title: t('attendance.team.late'), dataIndex: 'lateDays', width: 80, align: 'right', render: (n: number) => count(n, 'orange') },
    { key: 'early', title: t('attendance.team.early'), dataIndex: 'earlyDays', width: 80, align: 'right', render: (n: number) => count(n, 'orange') },
    { key: 'absent', title: t('attendance.team.absent'), dataIndex: 'absentDays', width: 80, align: 'right', render: (n: number) => count(n, 'red') },
    { key: 'leave', title: t('attendance.team.leave'), dataIndex: 'leaveDays', width: 80, align: 'right', render: (n: number) => count(n, 'blue') },
    {
      key: 'clock',
      title: t('attendance.team.clock'),
      dataIndex: 'clockSuspect',
      width: 100,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Tag color="magenta" title={t('attendance.clock.helpCount', { n })} data-testid="team-clock-suspect">
            {n}
          </Tag>
        ) : (
          <span className="att-muted">0</span>
        ),
    },
  ];

  return (
    <div data-testid="attendance-team">
      <Space className="att-month-bar" size={12} wrap>
        <MonthPicker value={month} onChange={setMonth} testId="attendance-team-month" />
        <Typography.Text type="secondary">{t('attendance.month.rule', { low: rules.flagBelowPercent, high: rules.commendAbovePercent })}</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<AttendanceMonth>
        data-testid="attendance-team-table"
        rowKey="userId"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 480 }}
        locale={{ emptyText: t('attendance.team.empty') }}
        rowClassName={(m) => (m.flag === 'low' ? 'att-row-low' : '')}
        onRow={(m) => ({ 'data-testid': 'attendance-team-row', 'data-user-id': m.userId, 'data-flag': m.flag ?? '' }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (m) => <MonthCalendar month={m.month} days={m.days} testId={`attendance-calendar-${m.userId}`} />,
        }}
      />
    </div>
  );
}
