import { Alert, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceMonth, AttendanceToday } from '../../../../shared/api/qualityTypes';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useSettings } from '../admin/settingsStore';
import { MonthPicker, thisMonth } from './bits';
import { MonthCalendar } from './MonthCalendar';
import { MonthSummary } from './MonthSummary';
import { TodayCard } from './TodayCard';

/** 我的考勤: today's sign-in and sign-out, then the month as a calendar with its rate. */
export function MyAttendance() {
  const { t } = useTranslation();
  const rules = useSettings((s) => s.settings?.attendance) ?? DEFAULT_SETTINGS.attendance;
  const [month, setMonth] = useState(thisMonth);
  const [today, setToday] = useState<AttendanceToday | null>(null);
  const [todayError, setTodayError] = useState<string | null>(null);
  const [m, setM] = useState<AttendanceMonth | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const loadToday = useCallback(async () => {
    const res = await call('attendance.today', {});
    if (res.ok) {
      setToday(res.result);
      setTodayError(null);
    } else setTodayError(errorText(res.error));
  }, []);
  const loadMonth = useCallback(async () => {
    setLoading(true);
    const res = await call('attendance.mine', { month });
    setLoading(false);
    if (res.ok) {
      setM(res.result);
      setError(null);
    } else setError(errorText(res.error));
  }, [month]);
  useEffect(() => {
    void loadToday();
  }, [loadToday]);
  useEffect(() => {
    void loadMonth();
  }, [loadMonth]);
  const reload = () => {
    void loadToday();
    void loadMonth();
  };
  // The hub's receipt stamp (clock check) and a lead's leave decision arrive by sync.
  useRecordsChanged(['attendance', 'leave'], reload);

  return (
    <div data-testid="attendance-mine">
      <TodayCard today={today} error={todayError} onChanged={reload} />
      <Space className="att-month-bar" size={12} wrap>
        <MonthPicker value={month} onChange={setMonth} testId="attendance-month" />
        {m && m.month === month && <MonthSummary m={m} />}
      </Space>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Spin spinning={loading && !m}>{m && m.month === month ? <MonthCalendar month={month} days={m.days} /> : <div className="att-calendar-placeholder" />}</Spin>
      <Typography.Paragraph type="secondary" className="att-rule">
        {t('attendance.month.rule', { low: rules.flagBelowPercent, high: rules.commendAbovePercent })}
      </Typography.Paragraph>
    </div>
  );
}
