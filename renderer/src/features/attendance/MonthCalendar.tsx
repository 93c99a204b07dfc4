import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AttendanceDay } from '../../../../shared/api/qualityTypes';
import { DATA_ATTR } from '../../components/dataField';
import { useLabel } from '../../i18n/labels';
import { ClockTag, hhmm, StateTag, todayDay } from './bits';

/** Monday first, as Chinese calendars are printed. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

function daysIn(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

function DayCell({ day, d, today }: { day: string; d: AttendanceDay | undefined; today: boolean }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const r = d?.record ?? null;
  const detail = [
    r ? `${r.shift.name} ${r.shift.start}–${r.shift.end}` : '',
    r ? t('attendance.today.signedIn', { time: hhmm(r.signInAt) }) : '',
    r?.signOutAt ? t('attendance.today.signedOut', { time: hhmm(r.signOutAt) }) : '',
    r?.lateMinutes ? t('attendance.today.late', { n: r.lateMinutes }) : '',
    r?.earlyMinutes ? t('attendance.today.early', { n: r.earlyMinutes }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const cell = (
    <div className={`att-day att-day-${d?.state ?? 'none'}${d && !d.working ? ' att-day-off' : ''}${today ? ' att-day-today' : ''}`} data-testid={`att-day-${day}`} data-state={d?.state ?? ''}>
      <div className="att-day-head">
        <span className="att-day-num">{Number(day.slice(8))}</span>
        {r?.clockSuspect && <ClockTag seconds={r.clockOffsetSeconds} />}
      </div>
      {d && d.state !== 'rest' && <StateTag state={d.state} />}
      {d?.state === 'rest' && <span className="att-muted">{t('attendance.states.rest')}</span>}
      {r && (
        <div className="att-day-times" {...DATA_ATTR}>
          {hhmm(r.signInAt)}–{hhmm(r.signOutAt) || '…'}
        </div>
      )}
      {d?.leave && <div className="att-day-times">{label('leaveType', d.leave.type)}</div>}
    </div>
  );
  return detail ? <Tooltip title={<span {...DATA_ATTR}>{detail}</span>}>{cell}</Tooltip> : cell;
}

/** A month of attendance as a calendar: each day's state, the sign-in and sign-out times, leave taken. */
export function MonthCalendar({ month, days, testId = 'attendance-calendar' }: { month: string; days: AttendanceDay[]; testId?: string }) {
  const { t } = useTranslation();
  const byDay = new Map(days.map((d) => [d.day, d]));
  const all = daysIn(month);
  const now = todayDay();
  const lead = WEEK.indexOf(weekday(all[0] ?? `${month}-01`) as (typeof WEEK)[number]);
  return (
    <div className="att-calendar" data-testid={testId}>
      {WEEK.map((w) => (
        <div key={`h${w}`} className="att-weekday">
          {t(`attendance.weekdays.${w}`)}
        </div>
      ))}
      {Array.from({ length: lead }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the 1st have no identity
        <div key={`blank${i}`} className="att-day att-day-blank" />
      ))}
      {all.map((day) => (
        <DayCell key={day} day={day} d={byDay.get(day)} today={day === now} />
      ))}
    </div>
  );
}
