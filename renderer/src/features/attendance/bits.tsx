import { DatePicker, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AttendanceDayState, AttendanceMonth } from '../../../../shared/api/qualityTypes';
import { beijingTime, localDay } from '../../../../shared/domain/calendar';

/** The state colours of a day, the same in the calendar, the team table and the legend. */
export const STATE_COLOR: Record<AttendanceDayState, string | undefined> = {
  present: 'green',
  late: 'orange',
  early: 'orange',
  late_early: 'volcano',
  absent: 'red',
  leave: 'blue',
  rest: undefined,
  upcoming: undefined,
};

export function StateTag({ state }: { state: AttendanceDayState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} className="att-state" data-state={state}>
      {t(`attendance.states.${state}`)}
    </Tag>
  );
}

export function FlagTag({ flag }: { flag: AttendanceMonth['flag'] }) {
  const { t } = useTranslation();
  if (!flag) return null;
  return (
    <Tag color={flag === 'low' ? 'red' : 'green'} data-testid="attendance-flag" data-flag={flag}>
      {t(`attendance.flags.${flag}`)}
    </Tag>
  );
}

/** The rate as a percentage, red when flagged and green when commended. */
export function RateText({ m }: { m: Pick<AttendanceMonth, 'rate' | 'flag'> }) {
  const { t } = useTranslation();
  if (m.rate === null) return <span className="att-muted">—</span>;
  return (
    <Tooltip title={t('attendance.month.rate')}>
      <span className={m.flag === 'low' ? 'att-low' : m.flag === 'commended' ? 'att-good' : undefined} data-testid="attendance-rate">
        {m.rate}%
      </span>
    </Tooltip>
  );
}

export function ClockTag({ seconds }: { seconds: number | null }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('attendance.clock.help', { n: seconds ?? '?' })}>
      <Tag color="magenta" data-testid="attendance-clock-suspect">
        {t('attendance.clock.suspect')}
      </Tag>
    </Tooltip>
  );
}

/** HH:mm Beijing time of an instant ('' for none). */
export const hhmm = (iso: string | null): string => (iso ? beijingTime(iso).slice(11) : '');

export const todayDay = (): string => localDay(new Date().toISOString());
export const thisMonth = (): string => todayDay().slice(0, 7);

/** A month (2026-11) picker; months after this one cannot be picked. */
export function MonthPicker({ value, onChange, testId }: { value: string; onChange: (month: string) => void; testId: string }) {
  const { t } = useTranslation();
  const now = dayjs(`${thisMonth()}-01`);
  return (
    <DatePicker
      picker="month"
      data-testid={testId}
      aria-label={t('attendance.month.label')}
      allowClear={false}
      value={dayjs(`${value}-01`)}
      disabledDate={(d) => d.startOf('month').isAfter(now)}
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
    />
  );
}
