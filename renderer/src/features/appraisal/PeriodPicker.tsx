import { DatePicker, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { APPRAISAL_PERIODS, type AppraisalPeriod } from '../../../../shared/domain/appraisal';
import { localDay } from '../../../../shared/domain/calendar';
import { anchorMonth, keyOf, type PeriodChoice, switchPeriod } from './period';

/** 考核期: month, quarter or year, then which one. Periods that have not begun cannot be picked. */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (v: PeriodChoice) => void }) {
  const { t } = useTranslation();
  const { year, month } = anchorMonth(value);
  const shown = dayjs(`${year}-${String(month).padStart(2, '0')}-01`);
  const today = dayjs(localDay(new Date().toISOString()));
  return (
    <Space size={8} data-testid="appraisal-period">
      <Segmented<AppraisalPeriod>
        data-testid="appraisal-period-kind"
        value={value.period}
        onChange={(p) => onChange(switchPeriod(value, p))}
        options={APPRAISAL_PERIODS.map((p) => ({ value: p, label: <span data-testid={`appraisal-period-${p}`}>{t(`appraisal.period.kinds.${p}`)}</span> }))}
      />
      <DatePicker
        data-testid="appraisal-period-key"
        aria-label={t('appraisal.period.label')}
        picker={value.period}
        allowClear={false}
        value={shown}
        // A quarter shows as 2026-Q4 in both languages (antd's default names it by locale).
        format={value.period === 'quarter' ? () => value.key : undefined}
        disabledDate={(d: Dayjs) => d.startOf('month').isAfter(today)}
        onChange={(d) => d && onChange({ period: value.period, key: keyOf(value.period, d.year(), d.month() + 1) })}
      />
    </Space>
  );
}
