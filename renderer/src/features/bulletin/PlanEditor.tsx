import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Input, Row, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BulletinNarrative, CarriedPlan, PlanItemValue } from '../../../../shared/api/bulletinTypes';
import { PLAN_STATUSES } from '../../../../shared/domain/bulletin';
import { dataCell } from '../../components/dataField';
import { type Errors, FieldBox } from './fieldBox';
import { DATA_ATTR } from '../../components/dataField';

type PlanItem = BulletinNarrative['improvementPlan'][number];

/** The previous quarter's plan, to follow up: an item carried over keeps its id, so it is carried once. */
export function CarriedPlanTable({ carried, taken, onCarry }: { carried: CarriedPlan; taken?: string[]; onCarry?: (item: PlanItemValue) => void }) {
  const { t } = useTranslation();
  const source = carried.fromVersion ? t('bulletin.narrative.carriedFrom', { n: carried.fromVersion }) : t('bulletin.narrative.carriedDraft');
  return (
    <Card size="small" className="bulletin-item" data-testid="bulletin-carried" title={`${t('bulletin.narrative.carriedPlan', { period: carried.fromPeriod })} · ${source}`}>
      <Table<PlanItemValue>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={carried.items}
        locale={{ emptyText: t('bulletin.narrative.empty') }}
        columns={[
          { key: 'item', title: t('bulletin.narrative.planItem'), dataIndex: 'item', onCell: dataCell },
          { key: 'owner', title: t('bulletin.narrative.owner'), dataIndex: 'owner', width: 110, onCell: dataCell },
          { key: 'due', title: t('bulletin.narrative.dueDay'), dataIndex: 'dueDay', width: 110, onCell: dataCell },
          { key: 'status', title: t('bulletin.narrative.status'), width: 90, render: (_, p) => t(`bulletin.planStatus.${p.status}`) },
          { key: 'followUp', title: t('bulletin.narrative.followUp'), dataIndex: 'followUp', onCell: dataCell },
          ...(onCarry
            ? [
                {
                  key: 'carry',
                  title: '',
                  width: 120,
                  render: (_: unknown, p: PlanItemValue) =>
                    taken?.includes(p.id) ? (
                      <Typography.Text type="secondary">{t('bulletin.narrative.carried')}</Typography.Text>
                    ) : (
                      <Button size="small" onClick={() => onCarry(p)} data-testid="bulletin-carry">
                        {t('bulletin.narrative.carry')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** 改进计划 (quarterly reports): items with an owner, a due day and a status, followed up next quarter. */
export function PlanEditor({ items, onChange, errors, carried }: { items: PlanItem[]; onChange: (next: PlanItem[]) => void; errors: Errors; carried: CarriedPlan | null }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<PlanItem>) => onChange(items.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const add = () => onChange([...items, { id: crypto.randomUUID(), item: '', owner: '', dueDay: '', status: 'planned', followUp: '' }]);
  const box = (i: number, field: keyof PlanItem) => `improvementPlan.${i}.${field}`;
  return (
    <div data-testid="bulletin-plan">
      {carried && <CarriedPlanTable carried={carried} taken={items.map((p) => p.id)} onCarry={(p) => onChange([...items, { ...p }])} />}
      {items.map((p, i) => (
        <Card
          key={p.id}
          size="small"
          className="bulletin-item"
          data-testid={`bulletin-plan-${i}`}
          title={t('bulletin.narrative.improvementPlan')}
          extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('bulletin.narrative.remove')} onClick={() => onChange(items.filter((_, j) => j !== i))} />}
        >
          <FieldBox path={box(i, 'item')} label={t('bulletin.narrative.planItem')} errors={errors} required>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} value={p.item} onChange={(e) => update(i, { item: e.target.value })} data-testid={`bulletin-plan-${i}-item`} {...DATA_ATTR} />
          </FieldBox>
          <Row gutter={12}>
            <Col span={8}>
              <FieldBox path={box(i, 'owner')} label={t('bulletin.narrative.owner')} errors={errors} required>
                <Input value={p.owner} onChange={(e) => update(i, { owner: e.target.value })} data-testid={`bulletin-plan-${i}-owner`} {...DATA_ATTR} />
              </FieldBox>
            </Col>
            <Col span={8}>
              <FieldBox path={box(i, 'dueDay')} label={t('bulletin.narrative.dueDay')} errors={errors} required>
                <DatePicker
                  className="bulletin-date"
                  value={p.dueDay ? dayjs(p.dueDay) : null}
                  onChange={(d) => update(i, { dueDay: d ? d.format('YYYY-MM-DD') : '' })}
                  data-testid={`bulletin-plan-${i}-dueDay`}
                />
              </FieldBox>
            </Col>
            <Col span={8}>
              <FieldBox path={box(i, 'status')} label={t('bulletin.narrative.status')} errors={errors}>
                <Select
                  value={p.status}
                  onChange={(v) => update(i, { status: v })}
                  options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`bulletin.planStatus.${s}`) }))}
                  data-testid={`bulletin-plan-${i}-status`}
                />
              </FieldBox>
            </Col>
          </Row>
          <FieldBox path={box(i, 'followUp')} label={t('bulletin.narrative.followUp')} errors={errors}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} value={p.followUp} onChange={(e) => update(i, { followUp: e.target.value })} data-testid={`bulletin-plan-${i}-followUp`} {...DATA_ATTR} />
          </FieldBox>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={add} data-testid="bulletin-plan-add">
        {t('bulletin.narrative.addPlanItem')}
      </Button>
    </div>
  );
}
