import { Alert, Card, DatePicker, Table, type TableColumnsType, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaReview } from '../../../../shared/api/qualityTypes';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { fmtMinute } from '../../components/format';
import { navigate } from '../../components/router';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { CasesTable } from './CasesTable';
import { FindingsTable } from './FindingsTable';
import { RecordKindTag, ScoreText, TeachingCaseTag } from './labels';
import { ReviewScreen } from './ReviewScreen';
import { reviewTargetOf } from './route';
import './quality.css';

type Tab = 'reviews' | 'findings' | 'cases';
const TABS: Tab[] = ['reviews', 'findings', 'cases'];

const openReview = (r: QaReview) => navigate('myQuality', 'review', { month: r.month, kind: r.recordKind, id: r.recordId });

/**
 * 我的质检 (#/myQuality?tab=…): the agent's own reviews (opened read-only at #/myQuality/review?…), their
 * findings answered with an improvement report or an appeal, and the team's teaching cases.
 */
export function MyQualityPage({ openId, query = '' }: { openId: string | null; query?: string }) {
  const { t } = useTranslation();
  const params = new URLSearchParams(query);
  const tab: Tab = (TABS as string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'reviews';

  if (openId === 'review') {
    const target = reviewTargetOf(query);
    if (target) return <ReviewScreen key={`${target.month}:${target.kind}:${target.recordId}`} target={target} readOnly />;
  }

  return (
    <Card className="page-card qa-page" size="small" title={t('quality.mine.title')} data-testid="my-quality-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate('myQuality', null, { tab: k === 'reviews' ? null : k })}
        items={[
          { key: 'reviews', label: <span data-testid="my-qa-tab-reviews">{t('quality.mine.tabs.reviews')}</span>, children: tab === 'reviews' ? <MyReviews /> : null },
          {
            key: 'findings',
            label: <span data-testid="my-qa-tab-findings">{t('quality.mine.tabs.findings')}</span>,
            children: tab === 'findings' ? <FindingsTable scope="mine" /> : null,
          },
          { key: 'cases', label: <span data-testid="my-qa-tab-cases">{t('quality.mine.tabs.cases')}</span>, children: tab === 'cases' ? <CasesTable openable={false} /> : null },
        ]}
      />
    </Card>
  );
}

function MyReviews() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<string | null>(null);
  const [rows, setRows] = useState<QaReview[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('qa.reviews', { scope: 'mine', ...(month ? { month } : {}) });
    setLoading(false);
    if (!res.ok) {
      setError(errorText(res.error));
      return;
    }
    setError(null);
    setRows(res.result);
  }, [month]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['qa_review'], () => void load());

  const columns: TableColumnsType<QaReview> = [
    { title: t('quality.mine.month'), dataIndex: 'month', width: 90 },
    {
      title: t('quality.findings.record'),
      dataIndex: 'recordNo',
      width: 190,
      render: (_: unknown, r) => (
        <span className="qa-record-cell">
          <RecordKindTag kind={r.recordKind} />
          <span data-data="">{r.recordNo || t('quality.items.noNumber')}</span>
        </span>
      ),
    },
    { title: t('quality.cases.score'), dataIndex: 'score', width: 130, render: (_: unknown, r) => <ScoreText score={r.score} voided={r.voided} /> },
    {
      title: t('quality.review.comment'),
      dataIndex: 'comment',
      ellipsis: true,
      render: (v: string, r) => (
        <span>
          <TeachingCaseTag value={r.teachingCase} />
          <span data-data="">{v}</span>
        </span>
      ),
    },
    { title: t('quality.items.reviewer'), dataIndex: 'reviewerName', width: 100, render: (v: string) => <span data-data="">{v}</span> },
    { title: t('quality.cases.reviewedAt'), dataIndex: 'reviewedAt', width: 140, render: (v: string) => fmtMinute(v) },
  ];

  return (
    <div data-testid="my-reviews">
      <div className="toolbar">
        <DatePicker
          picker="month"
          placeholder={t('quality.mine.allMonths')}
          aria-label={t('quality.mine.month')}
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(d) => setMonth(d ? d.format('YYYY-MM') : null)}
          data-testid="my-qa-month"
        />
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<QaReview>
        data-testid="my-reviews-table"
        className="clickable-rows"
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{ defaultPageSize: 50, showTotal: (n) => t('common.total', { n }) }}
        onRow={(r) =>
          ({
            onClick: () => openReview(r),
            onKeyDown: (e: React.KeyboardEvent) => {
              if (e.key === 'Enter' && e.target === e.currentTarget) openReview(r);
            },
            tabIndex: 0,
            'data-testid': 'my-review-row',
          }) as never
        }
        locale={{ emptyText: t('quality.mine.empty') }}
      />
    </div>
  );
}
