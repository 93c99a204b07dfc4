import { Alert, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingRow } from '../../../../shared/api/qualityTypes';
import type { FindingDecision } from '../../../../shared/domain/qaReview';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { errorProps } from '../../components/FieldHelp';
import { ItemLabel } from './labels';

/** The lead's four answers, as the screen names them: rejecting a report and rejecting an appeal read differently. */
export type DecideAction = 'approve' | 'reject' | 'rejectAppeal' | 'uphold';
export const DECISION_OF: Record<DecideAction, FindingDecision> = { approve: 'approve', reject: 'reject', rejectAppeal: 'reject', uphold: 'uphold' };

/** Which answers a finding waits for: a report is approved or rejected; an appeal upheld or rejected. */
export function decideActions(f: Pick<FindingRow, 'status'>): DecideAction[] {
  if (f.status === 'reported') return ['approve', 'reject'];
  if (f.status === 'appealed') return ['uphold', 'rejectAppeal'];
  return [];
}

function FindingFacts({ f }: { f: FindingRow }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered className="qa-finding-facts" styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label={t('quality.findings.item')}>
        <ItemLabel id={f.itemId} />
      </Descriptions.Item>
      <Descriptions.Item label={t('quality.findings.text')}>
        <span className="pre-line" data-data="">
          {f.text}
        </span>
      </Descriptions.Item>
      {f.report ? (
        <Descriptions.Item label={t('quality.findings.report')}>
          <span className="pre-line" data-data="" data-testid="finding-report-text">
            {f.report}
          </span>
        </Descriptions.Item>
      ) : null}
      {f.appeal ? (
        <Descriptions.Item label={t('quality.findings.appeal')}>
          <span className="pre-line" data-data="" data-testid="finding-appeal-text">
            {f.appeal}
          </span>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** 批准关闭 / 驳回 / 申诉成立: a reason is required except to approve; the core says so beside the box too. */
export function DecideDialog({ finding, action, onClose, onDone }: { finding: FindingRow; action: DecideAction; onClose: () => void; onDone: (f: FindingRow) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = action !== 'approve';

  const submit = async () => {
    if (needsReason && !reason.trim()) {
      setErrors({ reason: t('errors.fields.required') });
      return;
    }
    setBusy(true);
    const res = await call('findings.decide', { id: finding.id, decision: DECISION_OF[action], reason: reason.trim() });
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      setAlert(errorText(res.error));
      return;
    }
    onDone(res.result);
  };

  return (
    <Modal
      open
      title={t(`quality.findings.decide.title.${action}`)}
      okText={t(`quality.findings.actions.${action}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: action === 'reject' || action === 'rejectAppeal', loading: busy, ...{ 'data-testid': 'finding-decide-submit' } }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="finding-decide-error" />}
      <FindingFacts f={finding} />
      <Typography.Paragraph type="secondary" className="qa-decide-hint">
        {t(`quality.findings.decide.hint.${action}`)}
      </Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={needsReason ? t('quality.findings.decide.reason') : t('quality.findings.decide.reasonOptional')} required={needsReason} {...errorProps(errors, 'reason')}>
          <Input.TextArea
            data-testid="finding-decide-reason"
            autoFocus
            value={reason}
            placeholder={t('quality.findings.decide.reasonPh')}
            onChange={(e) => {
              setReason(e.target.value);
              setErrors({});
            }}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={1000}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The agent's answer to their own open finding: an improvement report (整改报告) or an appeal (申诉). */
export function AnswerDialog({ finding, how, onClose, onDone }: { finding: FindingRow; how: 'report' | 'appeal'; onClose: () => void; onDone: (f: FindingRow) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = how === 'report' ? 'report' : 'reason';

  const submit = async () => {
    if (!text.trim()) {
      setErrors({ [field]: t('errors.fields.required') });
      return;
    }
    setBusy(true);
    const res = how === 'report' ? await call('findings.report', { id: finding.id, report: text.trim() }) : await call('findings.appeal', { id: finding.id, reason: text.trim() });
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      setAlert(errorText(res.error));
      return;
    }
    onDone(res.result);
  };

  return (
    <Modal
      open
      title={t(`quality.findings.answerDialog.${how}Title`)}
      okText={t(`quality.findings.answerDialog.${how}Ok`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'finding-answer-submit' } }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="finding-answer-error" />}
      <FindingFacts f={finding} />
      {finding.decisionReason && (
        <Alert type="warning" className="form-alert" data-testid="finding-last-decision" title={<span data-data="">{finding.decisionReason}</span>} />
      )}
      <Form layout="vertical" component="div" className="qa-answer-form">
        <Form.Item label={t(`quality.findings.answerDialog.${how}Label`)} required {...errorProps(errors, field)}>
          <Input.TextArea
            data-testid="finding-answer-text"
            autoFocus
            value={text}
            placeholder={t(`quality.findings.answerDialog.${how}Ph`)}
            onChange={(e) => {
              setText(e.target.value);
              setErrors({});
            }}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
