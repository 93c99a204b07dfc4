import { Divider, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../admin/settingsStore';
import { CallbackRulesForm } from '../../callbacks/CallbackRulesForm';
import { DeadlineRulesForm } from './DeadlineRulesForm';
import { HolidayCalendar } from './HolidayCalendar';

/** 设置 → 时限与节假日 (admin): complaint deadlines, callback rules, the holiday calendar. */
export function ComplaintSettings() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  if (!settings) return <Skeleton active />;
  // Keyed by the stored values so a change arriving by sync is shown.
  return (
    <>
      <Divider titlePlacement="start">{t('complaint.settings.rules')}</Divider>
      <DeadlineRulesForm key={JSON.stringify(settings.deadlineRules)} settings={settings} />
      <Divider titlePlacement="start">{t('callback.rules.title')}</Divider>
      <CallbackRulesForm key={JSON.stringify(settings.callbackRules)} settings={settings} />
      <Divider titlePlacement="start">{t('complaint.settings.calendar')}</Divider>
      <HolidayCalendar key={JSON.stringify(settings.calendar)} settings={settings} />
    </>
  );
}
