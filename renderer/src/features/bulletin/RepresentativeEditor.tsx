import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinNarrative } from '../../../../shared/api/bulletinTypes';
import { ComplaintPicker, type PickedComplaint } from './ComplaintPicker';
import { type Errors, FieldBox, ListError } from './fieldBox';
import { DATA_ATTR } from '../../components/dataField';

type Problem = BulletinNarrative['representative'][number];

/**
 * 典型问题: complaints of the period a lead picks as representative, each with its problem and its
 * handling (filled from the complaint when picked, then edited in the lead's words).
 */
export function RepresentativeEditor({
  items,
  onChange,
  errors,
  range,
}: {
  items: Problem[];
  onChange: (next: Problem[]) => void;
  errors: Errors;
  range: { from: string; to: string };
}) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const update = (i: number, patch: Partial<Problem>) => onChange(items.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const add = (c: PickedComplaint) => {
    setPicking(false);
    if (items.some((p) => p.complaintId === c.id)) return;
    onChange([...items, { complaintId: c.id, complaintNo: c.complaintNo, summary: c.problem, handling: c.handling }]);
  };
  return (
    <div data-testid="bulletin-representative">
      {items.map((p, i) => (
        <Card
          key={p.complaintId}
          size="small"
          className="bulletin-item"
          data-testid={`bulletin-rep-${i}`}
          title={
            <Typography.Link href={`#/complaints/${encodeURIComponent(p.complaintId)}`} data-data="">
              {p.complaintNo}
            </Typography.Link>
          }
          extra={
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('bulletin.narrative.remove')} onClick={() => onChange(items.filter((_, j) => j !== i))} data-testid={`bulletin-rep-${i}-remove`} />
          }
        >
          {/* A complaint that no longer exists, or picked twice, is refused by the core beside its row. */}
          <ListError path={`representative.${i}.complaintId`} errors={errors} />
          <FieldBox path={`representative.${i}.summary`} label={t('bulletin.narrative.problem')} errors={errors} required>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} value={p.summary} onChange={(e) => update(i, { summary: e.target.value })} data-testid={`bulletin-rep-${i}-summary`} {...DATA_ATTR} />
          </FieldBox>
          <FieldBox path={`representative.${i}.handling`} label={t('bulletin.narrative.handling')} errors={errors}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} value={p.handling} onChange={(e) => update(i, { handling: e.target.value })} data-testid={`bulletin-rep-${i}-handling`} {...DATA_ATTR} />
          </FieldBox>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="bulletin-rep-add">
        {t('bulletin.narrative.addRepresentative')}
      </Button>
      {picking && <ComplaintPicker range={range} picked={items.map((p) => p.complaintId)} onPick={add} onClose={() => setPicking(false)} />}
    </div>
  );
}
