import { Col, Form, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPRAISAL_PARTS, type AppraisalPart, type AppraisalWeights, MIN_SERVICE_STANDARD_SHARE } from '../../../../shared/domain/appraisal';
import { errorProps } from '../../components/FieldHelp';
import { useLabel } from '../../i18n/labels';

const share = (w: AppraisalWeights, p: AppraisalPart): number | null => {
  const total = APPRAISAL_PARTS.reduce((s, x) => s + (Number.isFinite(w[x]) ? w[x] : 0), 0);
  return total > 0 ? Math.round((w[p] / total) * 1000) / 10 : null;
};

/** The seven parts' weights, each with its share of the total as typed (service standards at least 20%). */
export function WeightsEditor({ value, errors, onChange }: { value: AppraisalWeights; errors: Record<string, string>; onChange: (part: AppraisalPart, n: number) => void }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('qualitySettings.weightsHelp')}</Typography.Paragraph>
      <Row gutter={16}>
        {APPRAISAL_PARTS.map((p) => {
          const s = share(value, p);
          const low = p === 'serviceStandard' && s !== null && s < MIN_SERVICE_STANDARD_SHARE * 100;
          return (
            <Col span={6} key={p}>
              <Form.Item label={label('appraisalPart', p)} {...errorProps(errors, `appraisalWeights.${p}`)}>
                <InputNumber
                  data-testid={`qs-weight-${p}`}
                  precision={0}
                  style={{ width: '100%' }}
                  value={value[p]}
                  onChange={(n) => onChange(p, typeof n === 'number' ? n : value[p])}
                  suffix={
                    <span className={low ? 'qs-share qs-share-low' : 'qs-share'} data-testid={`qs-share-${p}`}>
                      {s === null ? '—' : t('qualitySettings.share', { n: s })}
                    </span>
                  }
                />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
