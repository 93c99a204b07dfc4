import { Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinFigures, PeriodFigures } from '../../../../shared/api/bulletinTypes';
import { EChart } from '../../components/charts/EChart';
import { useLabel } from '../../i18n/labels';
import { CHART_KEYS, chartOptions } from './charts';
import type { FigureUnit as Unit } from '../../../../shared/domain/bulletinRows';
import { formatChange, formatValue } from './figureRows';

interface Headline {
  key: string;
  unit: Unit;
  get: (p: PeriodFigures) => number | null;
}

const HEADLINES: Headline[] = [
  { key: 'calls', unit: 'count', get: (p) => p.calls.total },
  { key: 'complaints', unit: 'count', get: (p) => p.complaints.total },
  { key: 'onSpot', unit: 'percent', get: (p) => p.calls.onSpotRatePercent },
  { key: 'satisfied', unit: 'percent', get: (p) => p.callbacks.satisfiedRatePercent },
  { key: 'completion', unit: 'percent', get: (p) => p.complaints.completion.ratePercent },
];

/** The period at a glance: five headline figures beside the period before, then the four charts. */
export function Overview({ figures }: { figures: BulletinFigures }) {
  const { t } = useTranslation();
  const { lang } = useLabel();
  const options = useMemo(() => chartOptions(figures, { t, lang }), [figures, t, lang]);
  return (
    <div data-testid="bulletin-overview">
      <Row gutter={12} className="bulletin-headlines">
        {HEADLINES.map((h) => {
          const cur = h.get(figures.current);
          return (
            <Col flex="1" key={h.key}>
              <Card size="small">
                <Statistic
                  // 1234 as in the tables below (and the .xlsx), not 1,234.
                  groupSeparator=""
                  title={t(`bulletin.headline.${h.key}`)}
                  value={h.unit === 'percent' && cur !== null ? `${formatValue(cur, h.unit)}%` : formatValue(cur, h.unit)}
                  valueRender={(v) => (
                    <span data-data="" data-testid={`headline-${h.key}`}>
                      {v}
                    </span>
                  )}
                />
                <div className="bulletin-headline-change">
                  {t('bulletin.table.mom')} <span data-data="">{formatChange(t, cur, h.get(figures.previous), h.unit)}</span>
                </div>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Row gutter={[12, 12]}>
        {CHART_KEYS.map((k) => (
          <Col span={12} key={k}>
            <Card size="small" title={t(`bulletin.charts.${k}`)} className="bulletin-chart">
              <EChart option={options[k]} height={230} testId={`bulletin-chart-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
