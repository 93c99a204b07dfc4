import { SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Input, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser } from '../../../../shared/api';
import { COMPLAINT_CHANNELS, COMPLAINT_STATUSES, SEVERITIES } from '../../../../shared/domain/complaint';
import type { TrackingView } from '../../../../shared/domain/tracking';
import { useLabel } from '../../i18n/labels';
import { useCallRules } from '../admin/settingsStore';
import { rangeText } from '../trends/range';
import type { BoardList } from './preset';

/** The search is sent this long after the last key, so that typing a word makes one query. */
export const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  view: TrackingView;
  list: BoardList | undefined;
  users: DirectoryUser[];
  update: (patch: Partial<TrackingView>) => void;
  clearList: () => void;
  reset: () => void;
}

/**
 * The filter bar. Memoised: a new page of rows does not re-render it, and typing re-renders only the
 * search box (its text is its own state until the debounce hands it to the view).
 */
export const TrackingFilters = memo(function TrackingFilters({ view, list, users, update, clearList, reset }: Props) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const { departments } = useCallRules();
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null = view.from && view.to ? [dayjs(view.from), dayjs(view.to).subtract(1, 'ms')] : null;
  return (
    <Space wrap className="tracking-filters no-print" data-testid="tracking-filters">
      <SearchBox value={view.q ?? ''} onSearch={(q) => update({ q: q || undefined })} />
      <Select
        mode="multiple"
        allowClear
        placeholder={t('tracking.status')}
        value={view.status ?? []}
        onChange={(v) => update({ status: v.length ? v : undefined })}
        options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: label('complaintStatus', s) }))}
        style={{ minWidth: 160 }}
        // The statuses read whole (in English "Handled, callback due" is wider than the box).
        popupMatchSelectWidth={false}
        data-testid="tracking-status"
      />
      <Select
        mode="multiple"
        allowClear
        placeholder={t('tracking.severity')}
        value={view.severity ?? []}
        onChange={(v) => update({ severity: v.length ? v : undefined })}
        options={SEVERITIES.map((s) => ({ value: s, label: label('severity', s) }))}
        style={{ minWidth: 160 }}
        data-testid="tracking-severity"
      />
      <Select
        allowClear
        placeholder={t('tracking.department')}
        value={view.department}
        onChange={(v) => update({ department: v })}
        options={departments.map((d) => ({ value: d, label: d }))}
        style={{ width: 130 }}
        data-testid="tracking-department"
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('tracking.handler')}
        value={view.handlerId}
        onChange={(v) => update({ handlerId: v })}
        options={users.map((u) => ({ value: u.id, label: u.displayName }))}
        style={{ width: 120 }}
        data-testid="tracking-handler"
      />
      <Select
        allowClear
        placeholder={t('tracking.channel')}
        value={view.channel}
        onChange={(v) => update({ channel: v })}
        options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: label('complaintChannel', c) }))}
        style={{ width: 100 }}
        data-testid="tracking-channel"
      />
      <DatePicker.RangePicker
        value={range}
        onChange={(r) =>
          update({
            from: r?.[0] ? r[0].startOf('day').toISOString() : undefined,
            to: r?.[1] ? r[1].endOf('day').add(1, 'ms').toISOString() : undefined,
          })
        }
        data-testid="tracking-range"
      />
      <Checkbox checked={!!view.overdue} onChange={(e) => update({ overdue: e.target.checked || undefined })} data-testid="tracking-overdue">
        {t('tracking.overdue')}
      </Checkbox>
      {(view.replyDueFrom || view.replyDueTo || view.replyDue) && (
        // Set by the board's reply-deadline trend: no box sets it, so it shows as a closable tag.
        <Tag
          color="blue"
          closable
          onClose={() => update({ replyDueFrom: undefined, replyDueTo: undefined, replyDue: undefined })}
          data-testid="tracking-reply-due"
        >
          {t('trends.tags.replyDue', { range: rangeText(view.replyDueFrom, view.replyDueTo) })}
          {view.replyDue ? ` · ${t(`trends.tags.${view.replyDue}`)}` : ''}
        </Tag>
      )}
      {list && (
        <Tag color="blue" closable onClose={clearList} data-testid="tracking-list">
          {t(`tracking.list.${list}`)}
        </Tag>
      )}
      <Button onClick={reset}>{t('tracking.reset')}</Button>
    </Space>
  );
});

/** The search text is local while typing; the view (and the query) gets it after a pause. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const sent = useRef(value);
  // A change from outside (reset, the board's drill-down) replaces what is in the box.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);
  const latest = useRef(onSearch);
  latest.current = onSearch;
  useEffect(() => {
    if (text === sent.current) return;
    const id = setTimeout(() => {
      sent.current = text;
      latest.current(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [text]);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={t('tracking.search')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      style={{ width: 300 }}
      data-testid="tracking-search"
    />
  );
}
