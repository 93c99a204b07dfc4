import { Alert, Card, Col, Row, Segmented, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardTrends, TrendSpan } from '../../../../shared/api/trendsTypes';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { type ChartClick, EChart } from '../../components/charts/EChart';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { drill, type TrendSeries } from './drill';
import { complaintsOption, replyDueOption, satisfactionOption } from './options';
import './trends.css';

const CHART_HEIGHT = 240;
/**
 * Trends move slowly: a burst of saves redraws them at most this often. Twelve months cost about 0.3 s of
 * the core at a million calls (docs/reports.md), so they are asked for less often than 30 days (30 ms).
 */
const REFRESH_MS: Record<TrendSpan, number> = { '30d': 10_000, '12m': 60_000 };
const DRILLS = /^(rated|callback:\w+|severity:\w+|replyDue:(met|missed))$/;

/**
 * 趋势 on the team-lead board: the satisfaction trend, complaints by severity and reply-deadline
 * compliance over 30 days or 12 months. A click on a point or bar opens the list behind it.
 */
export function TrendsCard() {
  const { t } = useTranslation();
  const { label, lang } = useLabel();
  const [span, setSpan] = useState<TrendSpan>('30d');
  const [data, setData] = useState<BoardTrends | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await call('board.trends', { span });
    if (res.ok) {
      setData(res.result);
      setError(null);
    } else setError(errorText(res.error));
  }, [span]);
  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['call', 'complaint', 'callback'], () => void load(), { ms: REFRESH_MS[span] });

  // The other span's points stay out until its own answer arrives (a switch never shows months as days).
  const points = useMemo(() => (data?.span === span ? (data.points ?? []) : []), [data, span]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `t` and `label` change with `lang`
  const options = useMemo(() => {
    const w = { t: t as (key: string, opts?: Record<string, unknown>) => string, label, lang };
    return { satisfaction: satisfactionOption(points, w), complaints: complaintsOption(points, w), replyDue: replyDueOption(points, w) };
  }, [points, lang]);

  const open = (p: ChartClick) => {
    const point = points[p.dataIndex];
    if (point && typeof p.seriesId === 'string' && DRILLS.test(p.seriesId)) drill(p.seriesId as TrendSeries, point);
  };

  const chart = (key: keyof typeof options, title: string) => (
    <Col span={8}>
      <Typography.Text strong className="trends-chart-title">
        {title}
      </Typography.Text>
      <EChart option={options[key]} height={CHART_HEIGHT} onClick={open} testId={`trends-${key}`} />
    </Col>
  );

  return (
    <Card
      size="small"
      title={t('trends.title')}
      style={{ marginTop: 12 }}
      data-testid="board-trends"
      extra={
        <Segmented<TrendSpan>
          size="small"
          value={span}
          onChange={setSpan}
          options={[
            { value: '30d', label: t('trends.span.30d') },
            { value: '12m', label: t('trends.span.12m') },
          ]}
          data-testid="trends-span"
        />
      }
    >
      {error && <Alert type="error" showIcon title={error} data-testid="trends-error" />}
      <Row gutter={16}>
        {chart('satisfaction', t('trends.satisfaction.title'))}
        {chart('complaints', t('trends.complaints.title'))}
        {chart('replyDue', t('trends.replyDue.title'))}
      </Row>
      <Typography.Text type="secondary" className="trends-hint">
        {t('trends.hint')}
      </Typography.Text>
    </Card>
  );
}
