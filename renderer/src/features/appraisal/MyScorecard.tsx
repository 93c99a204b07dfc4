import { Alert, Card, Col, Descriptions, Row, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppraisalRow } from '../../../../shared/api/qualityTypes';
import { APPRAISAL_PARTS, type AppraisalPart, type AppraisalWeights } from '../../../../shared/domain/appraisal';
import { attendanceFlag, effectiveShares, lateShare, num1, partFigure } from './figures';

interface PartLine {
  part: AppraisalPart;
  figure: string;
  score: number | null;
  weight: number;
  share: number | null;
}

/**
 * 我的绩效: the figures the appraisal counted for the viewer, each part's score, and how the total is
 * weighted, so that an agent can see what to improve. `row` is null when the viewer is not appraised.
 */
export function MyScorecard({ row, weights, th, loading }: { row: AppraisalRow | null; weights: AppraisalWeights; th: { flagBelow: number; commendAbove: number }; loading: boolean }) {
  const { t } = useTranslation();
  if (!row) return loading ? null : <Alert type="info" showIcon data-testid="appraisal-mine-none" title={t('appraisal.mine.noneYet')} />;
  const f = row.figures;
  const shares = effectiveShares(row.scores, weights);
  const lines: PartLine[] = APPRAISAL_PARTS.map((p) => ({ part: p, figure: partFigure(p, f, t, row.role), score: row.scores[p], weight: weights[p], share: shares[p] }));
  const flag = attendanceFlag(f.attendanceRate, th.flagBelow, th.commendAbove);
  const dash = '—';
  const columns: TableColumnsType<PartLine> = [
    { key: 'part', title: t('appraisal.mine.part'), dataIndex: 'part', render: (p: AppraisalPart) => t(`appraisal.parts.${p}`) },
    { key: 'figure', title: t('appraisal.mine.figure'), dataIndex: 'figure' },
    { key: 'score', title: t('appraisal.mine.score'), dataIndex: 'score', align: 'right', render: (s: number | null) => (s === null ? <Typography.Text type="secondary">{t('appraisal.mine.left')}</Typography.Text> : num1(s)) },
    { key: 'weight', title: t('appraisal.mine.weight'), dataIndex: 'weight', align: 'right' },
    { key: 'share', title: t('appraisal.mine.share'), dataIndex: 'share', align: 'right', render: (s: number | null) => (s === null ? dash : `${num1(s)}%`) },
    {
      key: 'points',
      title: t('appraisal.mine.points'),
      align: 'right',
      render: (_: unknown, l: PartLine) => (l.score === null || l.share === null ? dash : num1((l.score * l.share) / 100)),
    },
  ];
  return (
    <div data-testid="appraisal-mine">
      <Row gutter={12} className="appraisal-mine-head">
        <Col flex="180px">
          <Card size="small">
            <Statistic title={t('appraisal.mine.total')} value={num1(row.total)} styles={{ content: { fontSize: 32 } }} />
            <Typography.Text type="secondary" data-testid="appraisal-mine-rank">
              {t('appraisal.mine.rank', { n: row.rank })}
            </Typography.Text>
          </Card>
        </Col>
        <Col flex="auto">
          <Descriptions size="small" bordered column={4} data-testid="appraisal-mine-figures">
            <Descriptions.Item label={t('appraisal.mine.callsHandled')}>{f.callsHandled}</Descriptions.Item>
            <Descriptions.Item label={t('appraisal.mine.callsLate')}>{lateShare(f)}</Descriptions.Item>
            <Descriptions.Item label={t('appraisal.mine.complaints')}>
              <span className={f.complaints > 0 ? 'appraisal-danger' : undefined}>{f.complaints}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('appraisal.mine.callbacks')}>{f.callbacksDue ? `${f.callbacksOnTime}/${f.callbacksDue}` : dash}</Descriptions.Item>
            <Descriptions.Item label={t('appraisal.mine.qaAverage')}>
              <span data-testid="appraisal-mine-qa">{f.qaAverage === null ? dash : num1(f.qaAverage)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('appraisal.mine.fatalErrors')}>
              <span className={f.fatalErrors > 0 ? 'appraisal-danger' : undefined}>{f.fatalErrors}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('appraisal.mine.satisfaction')}>{f.satisfactionAverage === null ? dash : num1(f.satisfactionAverage)}</Descriptions.Item>
            <Descriptions.Item label={t('appraisal.mine.attendanceRate')}>
              <span data-testid="appraisal-mine-attendance" data-flag={flag ?? undefined} className={flag === 'low' ? 'appraisal-danger' : flag === 'commended' ? 'appraisal-good' : undefined}>
                {f.attendanceRate === null ? dash : `${num1(f.attendanceRate)}%`}
              </span>
            </Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>
      <Table<PartLine> data-testid="appraisal-mine-parts" rowKey="part" size="small" columns={columns} dataSource={lines} pagination={false} className="appraisal-mine-parts" />
      <Typography.Paragraph type="secondary" className="appraisal-how">
        {t('appraisal.mine.how')}
      </Typography.Paragraph>
    </div>
  );
}
