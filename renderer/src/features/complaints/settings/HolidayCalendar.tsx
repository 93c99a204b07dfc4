import { App, Button, Col, DatePicker, Descriptions, Row, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../../shared/api/types';
import type { CalendarOverrides } from '../../../../../shared/domain/calendar';
import { call } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useSettings } from '../../admin/settingsStore';
import { useCalendar } from '../calendarStore';

type ListKey = keyof CalendarOverrides;

/** One list of dates: add with a date picker, remove with the tag's ×. */
function DateList({ list, value, onChange }: { list: ListKey; value: string[]; onChange: (days: string[]) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const add = (d: Dayjs | null) => {
    if (!d) return;
    const day = d.format('YYYY-MM-DD');
    if (value.includes(day)) {
      setError(t('complaint.settings.duplicate'));
      return;
    }
    setError(null);
    onChange([...value, day].sort());
  };
  return (
    <div data-testid={`calendar-${list}`}>
      <div className="sheet-section-title">{t(`complaint.settings.${list}`)}</div>
      <DatePicker data-testid={`calendar-add-${list}`} placeholder={t('complaint.settings.addDate')} value={null} onChange={add} />
      {error && (
        <Typography.Text type="danger" className="calendar-error">
          {error}
        </Typography.Text>
      )}
      <div className="calendar-days">
        {value.map((day) => (
          <Tag key={day} closable onClose={() => onChange(value.filter((x) => x !== day))} data-testid="calendar-day" data-day={day}>
            {day}
          </Tag>
        ))}
      </div>
    </div>
  );
}

/**
 * The public-holiday calendar: chinese-days knows the years the State Council has announced; an
 * administrator adds the days off and make-up working days of a year it does not know yet.
 */
export function HolidayCalendar({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = useSettings((s) => s.put);
  const status = useCalendar((s) => s.status);
  const reload = useCalendar((s) => s.load);
  const [v, setV] = useState<CalendarOverrides>(() => ({ holidays: [...settings.calendar.holidays], workdays: [...settings.calendar.workdays] }));
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void reload();
  }, [reload]);

  const save = async () => {
    setBusy(true);
    const res = await call('settings.update', { calendar: v });
    setBusy(false);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    put(res.result);
    await reload();
    message.success(t('complaint.settings.calendarSaved'));
  };

  const covered = (year: number, yes: boolean) => (
    <Tag color={yes ? 'green' : 'orange'} data-testid={`calendar-covers-${year}`}>
      {t('complaint.settings.covered', { year, state: t(yes ? 'complaint.settings.coveredYes' : 'complaint.settings.coveredNo') })}
    </Tag>
  );

  return (
    <div data-testid="calendar-editor">
      <Typography.Paragraph type="secondary">{t('complaint.settings.calendarIntro')}</Typography.Paragraph>
      {status && (
        <Descriptions size="small" column={2} className="sheet-section">
          <Descriptions.Item>{covered(status.year, status.coversThisYear)}</Descriptions.Item>
          <Descriptions.Item>{covered(status.year + 1, status.coversNextYear)}</Descriptions.Item>
        </Descriptions>
      )}
      <Row gutter={24}>
        <Col span={12}>
          <DateList list="holidays" value={v.holidays} onChange={(holidays) => setV((o) => ({ ...o, holidays }))} />
        </Col>
        <Col span={12}>
          <DateList list="workdays" value={v.workdays} onChange={(workdays) => setV((o) => ({ ...o, workdays }))} />
        </Col>
      </Row>
      <Button type="primary" loading={busy} onClick={() => void save()} data-testid="calendar-save" className="sheet-section">
        {t('common.save')}
      </Button>
    </div>
  );
}
