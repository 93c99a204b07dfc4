import { DatePicker, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { BULLETIN_KINDS, type BulletinKind } from '../../../../shared/domain/bulletin';
import { localDay } from '../../../../shared/domain/calendar';
import { anchorMonth, type BulletinChoice, keyOf, switchKind } from './period';

/** 月报 / 季报, then which month or quarter. Periods that have not begun cannot be picked. */
export function PeriodControls({ value, onChange }: { value: BulletinChoice; onChange: (v: BulletinChoice) => void }) {
  const { t } = useTranslation();
  const { year, month } = anchorMonth(value);
  const shown = dayjs(`${year}-${String(month).padStart(2, '0')}-01`);
  const today = dayjs(localDay(new Date().toISOString()));
  return (
    <Space size={8} data-testid="bulletin-period">
      <Segmented<BulletinKind>
        value={value.kind}
        onChange={(k) => onChange(switchKind(value, k))}
        options={BULLETIN_KINDS.map((k) => ({ value: k, label: <span data-testid={`bulletin-kind-${k}`}>{t(`bulletin.kindShort.${k}`)}</span> }))}
      />
      <DatePicker
        data-testid="bulletin-period-key"
        aria-label={t('bulletin.period.label')}
        picker={value.kind === 'monthly' ? 'month' : 'quarter'}
        allowClear={false}
        value={shown}
        // The key as the contract writes it (2026-11, 2026-Q4) reads the same in both languages.
        format={() => value.periodKey}
        disabledDate={(d: Dayjs) => d.startOf('month').isAfter(today)}
        onChange={(d) => d && onChange({ kind: value.kind, periodKey: keyOf(value.kind, d.year(), d.month() + 1) })}
      />
    </Space>
  );
}
