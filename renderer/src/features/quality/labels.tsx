import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingStatus, ScorecardItem, TeachingCase } from '../../../../shared/domain/qaReview';
import { findingOverdue } from '../../../../shared/domain/qaReview';
import type { QaRecordKind } from '../../../../shared/domain/quality';
import { call } from '../../api/client';
import { fmtMinute } from '../../components/format';
import { useLabel } from '../../i18n/labels';
import { spanText } from '../callbacks/labels';

/** Tags and small pieces the QA screens share: record kind, score, finding status and deadline, teaching case. */

const KIND_COLORS: Record<QaRecordKind, string> = { call: 'blue', complaint: 'red', callback: 'green' };
const STATUS_COLORS: Record<FindingStatus, string> = { open: 'orange', reported: 'processing', appealed: 'purple', closed: 'success', withdrawn: 'default' };

export function RecordKindTag({ kind }: { kind: QaRecordKind }) {
  const { label } = useLabel();
  return (
    <Tag color={KIND_COLORS[kind]} data-testid="qa-kind" data-kind={kind}>
      {label('qaRecordKind', kind)}
    </Tag>
  );
}

export function FindingStatusTag({ status }: { status: FindingStatus }) {
  const { label } = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="finding-status" data-status={status}>
      {label('findingStatus', status)}
    </Tag>
  );
}

export function TeachingCaseTag({ value }: { value: TeachingCase | null }) {
  const { label } = useLabel();
  if (!value) return null;
  return (
    <Tag color={value === 'good' ? 'green' : 'volcano'} data-testid="qa-case" data-case={value}>
      {label('teachingCase', value)}
    </Tag>
  );
}

/** A review's score: the number, or 红线否决 in red when a fatal item voided it. */
export function ScoreText({ score, voided }: { score: number | null; voided: boolean }) {
  const { t } = useTranslation();
  if (score === null) return <span className="muted">{t('quality.items.notReviewed')}</span>;
  if (voided)
    return (
      <Typography.Text type="danger" strong data-testid="qa-score" data-voided="1">
        {t('quality.score.voided')} · 0
      </Typography.Text>
    );
  return (
    <Typography.Text strong data-testid="qa-score" data-score={score}>
      {score}
    </Typography.Text>
  );
}

/** Due time, and in red how long past it an open finding is (the domain's rule: a report awaiting approval is not late). */
export function FindingDue({ f, now }: { f: { status: FindingStatus; dueAt: string }; now: number }) {
  const { t } = useTranslation();
  const overdue = findingOverdue(f, new Date(now));
  const due = Date.parse(f.dueAt);
  return (
    <span className="qa-due" data-testid="finding-due" data-overdue={overdue ? '1' : '0'}>
      <span>{fmtMinute(f.dueAt)}</span>
      {overdue && (
        <Typography.Text type="danger" strong data-testid="finding-overdue">
          {t('quality.findings.overdue', { span: spanText(now - due) })}
        </Typography.Text>
      )}
      {f.status === 'open' && !overdue && <span className="muted">{t('quality.findings.left', { span: spanText(due - now) })}</span>}
    </span>
  );
}

const BUILT_IN_ITEMS = new Set(['greeting', 'identity', 'solution', 'correct', 'record', 'attitude', 'red_leak', 'red_abuse', 'red_false_promise']);

/**
 * A scorecard item's words. In Chinese the label as the scorecard stores it; in English a built-in item by
 * its id, and a published one's own label (data, as written).
 */
export function useItemLabel(): (item: Pick<ScorecardItem, 'id' | 'label'> | undefined, id?: string | null) => { text: string; data: boolean } {
  const { t, i18n } = useTranslation();
  return (item, id) => {
    const key = item?.id ?? id ?? '';
    if (i18n.language === 'en' && BUILT_IN_ITEMS.has(key)) return { text: t(`quality.builtInItems.${key}`), data: false };
    if (item) return { text: item.label, data: true };
    if (BUILT_IN_ITEMS.has(key)) return { text: t(`quality.builtInItems.${key}`), data: false };
    return { text: key || t('quality.review.general'), data: !!key };
  };
}

// The active scorecard's items, fetched once per session: findings carry only their item's id.
let activeItems: Promise<ScorecardItem[]> | null = null;
let activeItemsNow: ScorecardItem[] = [];

export function useScorecardItems(): ScorecardItem[] {
  const [items, setItems] = useState(activeItemsNow);
  useEffect(() => {
    activeItems ??= call('scorecards.active', {}).then((r) => {
      if (r.ok) return r.result.items;
      activeItems = null; // asked again next time
      return [];
    });
    let live = true;
    void activeItems.then((list) => {
      activeItemsNow = list;
      if (live) setItems(list);
    });
    return () => {
      live = false;
    };
  }, []);
  return items;
}

export function ItemLabel({ item, id }: { item?: Pick<ScorecardItem, 'id' | 'label'>; id?: string | null }) {
  const label = useItemLabel();
  const known = useScorecardItems();
  const { text, data } = label(item ?? known.find((i) => i.id === id), id);
  return data ? <span data-data="">{text}</span> : <span>{text}</span>;
}

/** The month before this one (2026-11 in December 2026): the month a sample is drawn from. */
export function lastMonth(now = Date.now()): string {
  return dayjs(now).subtract(1, 'month').format('YYYY-MM');
}

/** A month's first and last instant, in Beijing time as the core counts months. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = (yy: number, mm: number) => Date.parse(`${yy}-${String(mm).padStart(2, '0')}-01T00:00:00+08:00`);
  const next = m === 12 ? start(y + 1, 1) : start(y, m + 1);
  return { from: new Date(start(y, m)).toISOString(), to: new Date(next - 1).toISOString() };
}
