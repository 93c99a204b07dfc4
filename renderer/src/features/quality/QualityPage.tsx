import { Card, DatePicker, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../components/router';
import { CasesTable } from './CasesTable';
import { FindingsTable } from './FindingsTable';
import { lastMonth } from './labels';
import { ReviewScreen } from './ReviewScreen';
import { MONTH, reviewTargetOf } from './route';
import { SampleTab } from './SampleTab';
import './quality.css';

type Tab = 'sample' | 'findings' | 'cases';
const TABS: Tab[] = ['sample', 'findings', 'cases'];

/**
 * 质检 (#/quality?month=…&tab=…): a month's sample (draw, per-agent summary, the sampled records, 手工加入),
 * the team's findings (the board's drill-down opens ?tab=findings&overdue=1), and the teaching cases.
 * #/quality/review?… is the review screen.
 */
export function QualityPage({ openId, query = '' }: { openId: string | null; query?: string }) {
  const { t } = useTranslation();
  const params = new URLSearchParams(query);
  const month = MONTH.test(params.get('month') ?? '') ? (params.get('month') as string) : lastMonth();
  const tab: Tab = (TABS as string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'sample';
  const [overdue] = useState(params.get('overdue') === '1');

  if (openId === 'review') {
    const target = reviewTargetOf(query);
    if (target) return <ReviewScreen key={`${target.month}:${target.kind}:${target.recordId}`} target={target} readOnly={false} />;
  }

  const setQuery = (p: { month?: string; tab?: Tab }) => navigate('quality', null, { month: p.month ?? month, tab: (p.tab ?? tab) === 'sample' ? null : (p.tab ?? tab) });

  return (
    <Card
      className="page-card qa-page"
      size="small"
      data-testid="quality-page"
      title={
        <Space size={12}>
          {t('quality.title')}
          {tab === 'sample' && (
            <DatePicker
              picker="month"
              allowClear={false}
              data-testid="qa-month"
              aria-label={t('quality.month')}
              value={dayjs(`${month}-01`)}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => d && setQuery({ month: d.format('YYYY-MM') })}
            />
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setQuery({ tab: k as Tab })}
        items={[
          { key: 'sample', label: <span data-testid="qa-tab-sample">{t('quality.tabs.sample')}</span>, children: tab === 'sample' ? <SampleTab key={month} month={month} /> : null },
          {
            key: 'findings',
            label: <span data-testid="qa-tab-findings">{t('quality.tabs.findings')}</span>,
            children: tab === 'findings' ? <FindingsTable scope="team" initialOverdue={overdue} /> : null,
          },
          {
            key: 'cases',
            label: <span data-testid="qa-tab-cases">{t('quality.tabs.cases')}</span>,
            children: tab === 'cases' ? <CasesTable openable /> : null,
          },
        ]}
      />
    </Card>
  );
}
