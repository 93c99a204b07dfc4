import { Card, Col, Form, Input, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinFigures, BulletinKind, BulletinNarrative } from '../../../../shared/api/bulletinTypes';
import { type Errors, FieldBox, ListError } from './fieldBox';
import { formatValue } from './figureRows';
import { KeyAccountsPanel } from './KeyAccountsPanel';
import { PlanEditor } from './PlanEditor';
import { RectificationsEditor } from './RectificationsEditor';
import { RepresentativeEditor } from './RepresentativeEditor';
import { DATA_ATTR } from '../../components/dataField';

function Section({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId: string }) {
  return (
    <Card size="small" className="bulletin-section" data-testid={testId} title={title} extra={hint && <Typography.Text type="secondary">{hint}</Typography.Text>}>
      {children}
    </Card>
  );
}

/** The QA and attendance figures in one sentence, beside the box the lead writes about them. */
export function qualitySentence(t: (k: string, o?: Record<string, unknown>) => string, f: BulletinFigures): string {
  const { qa, attendance } = f.current;
  return t('bulletin.qualityFigures', {
    reviews: qa.reviews,
    avg: formatValue(qa.averageScore, 'score'),
    fatal: qa.fatal,
    open: qa.findingsOpen,
    overdue: qa.findingsOverdue,
    rate: attendance.averageRatePercent === null ? '—' : `${formatValue(attendance.averageRatePercent, 'percent')}%`,
  });
}

/**
 * The sections people write: 概述, 典型问题, 整改反馈, 重要客户需求与困难 (beside what the records say),
 * 质检与考勤 (beside their figures) and, in a quarterly report, 改进计划 with last quarter's items.
 * Every message sits beside its box (`errors`, keyed by the path inside the narrative).
 */
export function NarrativeForm({
  kind,
  value,
  onChange,
  errors,
  figures,
}: {
  kind: BulletinKind;
  value: BulletinNarrative;
  onChange: (next: BulletinNarrative) => void;
  errors: Errors;
  figures: BulletinFigures;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<BulletinNarrative>) => onChange({ ...value, ...patch });
  const range = { from: figures.current.from, to: figures.current.to };
  const quote = (text: string) => set({ keyAccountNeeds: value.keyAccountNeeds ? `${value.keyAccountNeeds}\n${text}` : text });
  return (
    <Form layout="vertical" className="bulletin-narrative" data-testid="bulletin-narrative-form" component="div">
      <Section title={t('bulletin.narrative.summary')} hint={t('bulletin.narrative.summaryHint')} testId="bulletin-section-summary">
        <FieldBox path="summary" errors={errors}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} value={value.summary} onChange={(e) => set({ summary: e.target.value })} data-testid="bulletin-summary" {...DATA_ATTR} />
        </FieldBox>
      </Section>
      <Section title={t('bulletin.narrative.representative')} hint={t('bulletin.narrative.representativeHint')} testId="bulletin-section-representative">
        <RepresentativeEditor items={value.representative} onChange={(representative) => set({ representative })} errors={errors} range={range} />
        <ListError path="representative" errors={errors} />
      </Section>
      <Section title={t('bulletin.narrative.rectifications')} hint={t('bulletin.narrative.rectificationsHint')} testId="bulletin-section-rectifications">
        <RectificationsEditor items={value.rectifications} onChange={(rectifications) => set({ rectifications })} errors={errors} />
        <ListError path="rectifications" errors={errors} />
      </Section>
      <Section title={t('bulletin.narrative.keyAccountNeeds')} hint={t('bulletin.narrative.keyAccountHint')} testId="bulletin-section-keyAccounts">
        <Row gutter={16}>
          <Col span={13}>
            <FieldBox path="keyAccountNeeds" errors={errors}>
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} value={value.keyAccountNeeds} onChange={(e) => set({ keyAccountNeeds: e.target.value })} data-testid="bulletin-keyAccountNeeds" {...DATA_ATTR} />
            </FieldBox>
          </Col>
          <Col span={11}>
            <KeyAccountsPanel entries={figures.keyAccounts} total={figures.keyAccountsTotal} onQuote={quote} />
          </Col>
        </Row>
      </Section>
      <Section title={t('bulletin.narrative.qualityNotes')} hint={t('bulletin.narrative.qualityHint')} testId="bulletin-section-quality">
        <Typography.Paragraph type="secondary" data-data="" data-testid="bulletin-quality-figures">
          {qualitySentence(t, figures)}
        </Typography.Paragraph>
        <FieldBox path="qualityNotes" errors={errors}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} value={value.qualityNotes} onChange={(e) => set({ qualityNotes: e.target.value })} data-testid="bulletin-qualityNotes" {...DATA_ATTR} />
        </FieldBox>
      </Section>
      {kind === 'quarterly' && (
        <Section title={t('bulletin.narrative.improvementPlan')} testId="bulletin-section-plan">
          <PlanEditor items={value.improvementPlan} onChange={(improvementPlan) => set({ improvementPlan })} errors={errors} carried={figures.carriedPlan} />
          <ListError path="improvementPlan" errors={errors} />
        </Section>
      )}
    </Form>
  );
}
