import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../components/router';
import { subscribeThrottled } from '../../components/useRecordsChanged';
import { useRole } from '../auth/sessionStore';
import { useCalendar } from './calendarStore';

/**
 * Above every page, for administrators only: working-day deadlines are only right when the calendar knows
 * next year's public holidays, and only an administrator can enter them (the shortcut to the calendar
 * editor). Shown to agents, it was a warning they could do nothing about, all day.
 */
export function CalendarBanner() {
  const { t } = useTranslation();
  const role = useRole();
  const status = useCalendar((s) => s.status);
  const load = useCalendar((s) => s.load);
  const [closed, setClosed] = useState(false);

  useEffect(() => {
    if (role !== 'admin') return;
    void load();
    return subscribeThrottled((e) => e.entity === 'settings', () => void load());
  }, [load, role]);

  if (role !== 'admin' || status?.coversNextYear !== false || closed) return null;
  return (
    <Alert
      type="warning"
      banner
      showIcon
      closable={{ onClose: () => setClosed(true) }}
      data-testid="calendar-banner"
      title={t('complaint.calendarBanner', { year: status.year + 1 })}
      action={
        <Button size="small" type="link" onClick={() => navigate('settings')}>
          {t('complaint.settings.calendar')}
        </Button>
      }
    />
  );
}
