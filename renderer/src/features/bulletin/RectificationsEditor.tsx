import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulletinNarrative } from '../../../../shared/api/bulletinTypes';
import { RECTIFICATION_STATUSES } from '../../../../shared/domain/bulletin';
import { useSettings } from '../admin/settingsStore';
import { type Errors, FieldBox } from './fieldBox';
import { DATA_ATTR } from '../../components/dataField';

type Rectification = BulletinNarrative['rectifications'][number];

/** 整改反馈: what was fed back to which department, the measure, and where it stands. */
export function RectificationsEditor({ items, onChange, errors }: { items: Rectification[]; onChange: (next: Rectification[]) => void; errors: Errors }) {
  const { t } = useTranslation();
  const departments = useSettings((s) => s.settings?.departments) ?? [];
  const update = (i: number, patch: Partial<Rectification>) => onChange(items.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => onChange([...items, { id: crypto.randomUUID(), department: '', issue: '', measure: '', status: 'open', note: '' }]);
  const box = (i: number, field: keyof Rectification) => `rectifications.${i}.${field}`;
  return (
    <div data-testid="bulletin-rectifications">
      {items.map((r, i) => (
        <Card
          key={r.id}
          size="small"
          className="bulletin-item"
          data-testid={`bulletin-rect-${i}`}
          extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('bulletin.narrative.remove')} onClick={() => onChange(items.filter((_, j) => j !== i))} />}
          title={t('bulletin.narrative.rectifications')}
        >
          <Row gutter={12}>
            <Col span={8}>
              <FieldBox path={box(i, 'department')} label={t('bulletin.narrative.department')} errors={errors} required>
                {/* A department named in settings, or another one written in: the records keep names as written. */}
                <AutoComplete
                  value={r.department}
                  options={departments.map((d) => ({ value: d }))}
                  onChange={(v) => update(i, { department: v })}
                  filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                  data-testid={`bulletin-rect-${i}-department`}
                  {...DATA_ATTR}
                />
              </FieldBox>
            </Col>
            <Col span={8}>
              <FieldBox path={box(i, 'status')} label={t('bulletin.narrative.status')} errors={errors}>
                <Select
                  value={r.status}
                  onChange={(v) => update(i, { status: v })}
                  options={RECTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`bulletin.rectificationStatus.${s}`) }))}
                  data-testid={`bulletin-rect-${i}-status`}
                />
              </FieldBox>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <FieldBox path={box(i, 'issue')} label={t('bulletin.narrative.issue')} errors={errors} required>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} value={r.issue} onChange={(e) => update(i, { issue: e.target.value })} data-testid={`bulletin-rect-${i}-issue`} {...DATA_ATTR} />
              </FieldBox>
            </Col>
            <Col span={12}>
              <FieldBox path={box(i, 'measure')} label={t('bulletin.narrative.measure')} errors={errors}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} value={r.measure} onChange={(e) => update(i, { measure: e.target.value })} data-testid={`bulletin-rect-${i}-measure`} {...DATA_ATTR} />
              </FieldBox>
            </Col>
          </Row>
          <FieldBox path={box(i, 'note')} label={t('bulletin.narrative.note')} errors={errors}>
            <Input value={r.note} onChange={(e) => update(i, { note: e.target.value })} data-testid={`bulletin-rect-${i}-note`} {...DATA_ATTR} />
          </FieldBox>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={add} data-testid="bulletin-rect-add">
        {t('bulletin.narrative.addRectification')}
      </Button>
    </div>
  );
}
