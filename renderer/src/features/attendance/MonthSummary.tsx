import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AttendanceMonth } from '../../../../shared/api/qualityTypes';
import { FlagTag, RateText } from './bits';

/** A month in one line: the rate with its flag, then what it is made of. */
export function MonthSummary({ m }: { m: AttendanceMonth }) {
  const { t } = useTranslation();
  return (
    <Space size={[8, 4]} wrap className="att-summary" data-testid="attendance-summary">
      <span className="att-rate-label">{t('attendance.month.rate')}</span>
      <span className="att-rate">{m.rate === null ? <Typography.Text type="secondary">{t('attendance.month.noRate')}</Typography.Text> : <RateText m={m} />}</span>
      <FlagTag flag={m.flag} />
      <Tag>{t('attendance.month.due', { n: m.dueDays })}</Tag>
      <Tag color="green">{t('attendance.month.present', { n: m.presentDays })}</Tag>
      <Tag color={m.lateDays ? 'orange' : undefined}>{t('attendance.month.late', { n: m.lateDays })}</Tag>
      <Tag color={m.earlyDays ? 'orange' : undefined}>{t('attendance.month.early', { n: m.earlyDays })}</Tag>
      <Tag color={m.absentDays ? 'red' : undefined}>{t('attendance.month.absent', { n: m.absentDays })}</Tag>
      <Tag color={m.leaveDays ? 'blue' : undefined}>{t('attendance.month.leave', { n: m.leaveDays })}</Tag>
      {m.clockSuspect > 0 && (
        <Tag color="magenta" title={t('attendance.clock.helpCount', { n: m.clockSuspect })}>
          {t('attendance.clock.suspect')} {m.clockSuspect}
        </Tag>
      )}
    </Space>
  );
}
