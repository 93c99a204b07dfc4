import { CheckOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Radio, Rate, Row } from 'antd';
import { useState } from 'react';
import { api } from '../../../../shared/api/contract';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/envelope';
import type { Callback } from '../../../../shared/api/types';
import { CALLBACK_RESULTS, type CallbackOutcome, type CallbackResult, outcomeIssues } from '../../../../shared/domain/callback';
import type { FieldIssue } from '../../../../shared/domain/mutation';
import { call } from '../../api/client';
import { errorText, fieldIssueText } from '../../api/errors';
import { checkAll, focusFirstError } from '../../api/validate';
import { clearErrors, prefixedErrorProps } from '../../components/FieldHelp';
import { useMemoryDraft } from '../../components/memoryDraft';
import { useAskBeforeUnload } from '../../components/useLeaveGuard';
import { SnippetTextArea } from '../../components/SnippetTextArea';
import { useHotkeys } from '../../components/useHotkeys';
import { i18n } from '../../i18n';

type Reached = 'reached' | 'not_reached';
type Values = Omit<CallbackOutcome, 'scriptVersionId'>;
type TextKey = 'unsatisfactory' | 'remainingProblems' | 'suggestions' | 'evaluation' | 'note';
type ResultKey = 'satisfaction' | 'accuracy' | 'timeliness' | 'attitude';

const BLANK: Values = {
  satisfaction: null,
  score: null,
  accuracy: null,
  timeliness: null,
  attitude: null,
  unsatisfactory: '',
  remainingProblems: '',
  suggestions: '',
  evaluation: '',
  note: '',
};

/** `outcome.satisfaction` → `satisfaction`, with the callback's own wording where the generic one is vague. */
export function outcomeErrors(issues: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.field.replace(/^outcome\./, '');
    if (field in out) continue;
    const key = `callback.errors.${field}.${issue.code}`;
    out[field] = i18n.exists(key) ? i18n.t(key) : fieldIssueText({ ...issue, field });
  }
  return out;
}

interface Props {
  callback: Callback;
  scriptVersionId: string | null;
  onDone: (c: Callback, how: 'complete' | 'not_reached') => void;
}

/**
 * 回访结果: not reached (a note; the core counts the attempt and schedules the retry) or reached with
 * the survey of 002 §6.2 — satisfaction, score, accuracy / timeliness / attitude, what else was wrong,
 * remaining problems, suggestions. A suggestion callback records the evaluation told to the customer
 * instead of satisfaction. The same rule as the core (`outcomeIssues`) is checked before sending.
 */
export function OutcomeForm({ callback, scriptVersionId, onDone }: Props) {
  const { t } = useTranslation();
  const [reached, setReached] = useState<Reached>('reached');
  // Typing comes back if the officer leaves the screen and returns to this callback (no lost typing).
  const [v, setV, forgetDraft] = useMemoryDraft<Values>(`outcome:${callback.id}`, () => BLANK, String(callback.attempts));
  useAskBeforeUnload(JSON.stringify(v) !== JSON.stringify(BLANK));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const suggestion = callback.kind === 'suggestion';
  const e = (name: string) => prefixedErrorProps('outcome', errors, name);

  const set = (patch: Partial<Values>) => {
    setV((old) => ({ ...old, ...patch }));
    setErrors((x) => clearErrors(x, Object.keys(patch)));
  };

  const failed = (error: ApiError) => {
    setErrors(outcomeErrors(error.fields ?? []));
    setAlert(errorText(error));
  };

  const complete = async () => {
    const outcome: CallbackOutcome = { ...v, scriptVersionId };
    // The survey's own rule and the contract's schema, every problem at once.
    const local = checkAll(api['callbacks.complete'].params, { id: callback.id, outcome }, outcomeIssues(callback.kind, outcome));
    if (local?.fields?.length) {
      setErrors(outcomeErrors(local.fields));
      setAlert(t('callback.outcome.incomplete'));
      focusFirstError(document.querySelector('[data-testid="outcome-form"]'));
      return;
    }
    setBusy(true);
    const res = await call('callbacks.complete', { id: callback.id, outcome });
    setBusy(false);
    if (!res.ok) return failed(res.error);
    setAlert(null);
    forgetDraft();
    onDone(res.result, 'complete');
  };

  const notReached = async () => {
    setBusy(true);
    const res = await call('callbacks.notReached', { id: callback.id, ...(v.note.trim() ? { note: v.note.trim() } : {}) });
    setBusy(false);
    if (!res.ok) return failed(res.error);
    setAlert(null);
    setV(BLANK);
    onDone(res.result, 'not_reached');
  };

  const submit = () => void (reached === 'reached' ? complete() : notReached());
  useHotkeys({ 'Ctrl+S': submit }, !busy);

  const result = (name: ResultKey, required = false) => (
    <Form.Item label={t(`callback.outcome.${name}`)} required={required} {...e(name)}>
      <Radio.Group
        data-testid={`outcome-${name}`}
        optionType="button"
        value={v[name] ?? undefined}
        onChange={(ev) => set({ [name]: ev.target.value as CallbackResult })}
        options={CALLBACK_RESULTS.map((r) => ({ value: r, label: t(`complaint.callbackResults.${r}`) }))}
      />
    </Form.Item>
  );
  const text = (name: TextKey, required = false, rows = 1) => (
    <Form.Item label={t(`callback.outcome.${name}`)} required={required} {...e(name)}>
      <SnippetTextArea
        data-testid={`outcome-${name}`}
        value={v[name]}
        onChange={(x) => set({ [name]: x })}
        autoSize={{ minRows: rows, maxRows: 6 }}
        maxLength={2000}
      />
    </Form.Item>
  );
  const unsatisfied = v.satisfaction === 'unsatisfied';

  return (
    <div className="outcome-form" data-testid="outcome-form">
      <Radio.Group
        className="outcome-reached"
        data-testid="outcome-reached"
        optionType="button"
        buttonStyle="solid"
        value={reached}
        onChange={(ev) => {
          setReached(ev.target.value as Reached);
          setErrors({});
          setAlert(null);
        }}
        options={[
          { value: 'reached', label: t('callback.outcome.reached') },
          { value: 'not_reached', label: t('callback.outcome.notReached') },
        ]}
      />
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="outcome-error" />}
      <Form layout="vertical" component="div" className="call-form">
        {reached === 'not_reached' ? (
          text('note', false, 2)
        ) : (
          <Row gutter={12}>
            {suggestion ? (
              <Col span={24}>{text('evaluation', true, 3)}</Col>
            ) : (
              <>
                <Col span={14}>{result('satisfaction', true)}</Col>
                <Col span={10}>
                  <Form.Item label={t('callback.outcome.score')} {...e('score')}>
                    <Rate data-testid="outcome-score" allowClear value={v.score ?? 0} onChange={(n) => set({ score: n || null })} />
                  </Form.Item>
                </Col>
                <Col span={8}>{result('accuracy')}</Col>
                <Col span={8}>{result('timeliness')}</Col>
                <Col span={8}>{result('attitude')}</Col>
                {unsatisfied && callback.kind === 'complaint' && (
                  <Col span={24}>
                    <Alert type="warning" showIcon className="form-alert" data-testid="outcome-unsatisfied-warn" title={t('callback.outcome.reopenWarn')} />
                  </Col>
                )}
                <Col span={24}>{text('unsatisfactory')}</Col>
              </>
            )}
            <Col span={24}>{text('remainingProblems', unsatisfied)}</Col>
            <Col span={24}>{text('suggestions')}</Col>
            <Col span={24}>{text('note')}</Col>
          </Row>
        )}
      </Form>
      <div className="outcome-actions">
        {reached === 'reached' ? (
          <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={submit} data-testid="outcome-submit">
            {t('callback.outcome.complete')} <kbd>Ctrl+S</kbd>
          </Button>
        ) : (
          <Button icon={<PhoneOutlined />} loading={busy} onClick={submit} data-testid="outcome-not-reached">
            {t('callback.outcome.recordNotReached')} <kbd>Ctrl+S</kbd>
          </Button>
        )}
      </div>
    </div>
  );
}
