import { App, Button, Col, Form, InputNumber, Radio, Row } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../../../../shared/api/contract';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../../shared/api/types';
import type { DeadlineRules } from '../../../../../shared/domain/deadlines';
import { call } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { checkAll, focusFirstError } from '../../../api/validate';
import { clearErrors } from '../../../components/FieldHelp';
import { useMemoryDraft } from '../../../components/memoryDraft';
import { useAskBeforeUnload } from '../../../components/useLeaveGuard';
import { useSettings } from '../../admin/settingsStore';
import { complaintFieldErrors } from '../errors';
import { complaintErrorProps } from '../form/ComplaintFormFields';

type NumberKey = { [K in keyof DeadlineRules]: DeadlineRules[K] extends number ? K : never }[keyof DeadlineRules];
type FlagKey = 'callbackWorkingDays' | 'suggestionWorkingDays';

/** Complaint deadlines: thresholds, 工作日 / 自然日, warning lead times. Admin only. */
export function DeadlineRulesForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = useSettings((s) => s.put);
  // Typing comes back after a visit to another screen, unless the rules changed meanwhile (no lost typing).
  const [v, setV] = useMemoryDraft<DeadlineRules>('settings:deadlineRules', () => ({ ...settings.deadlineRules }), JSON.stringify(settings.deadlineRules));
  useAskBeforeUnload(JSON.stringify(v) !== JSON.stringify({ ...settings.deadlineRules }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = (patch: Partial<DeadlineRules>) => {
    setV((old) => ({ ...old, ...patch }));
    setErrors((e) => clearErrors(e, Object.keys(patch).map((k) => `deadlineRules.${k}`)));
  };

  const form = useRef<HTMLDivElement>(null);
  const submit = async () => {
    // Every problem at once, by the contract's rules; a number out of range is refused, never clamped.
    const local = checkAll(api['settings.update'].params, { deadlineRules: v });
    if (local) {
      setErrors(complaintFieldErrors(local));
      focusFirstError(form.current);
      return;
    }
    setBusy(true);
    const res = await call('settings.update', { deadlineRules: v });
    setBusy(false);
    if (!res.ok) {
      setErrors(complaintFieldErrors(res.error));
      message.error(errorText(res.error));
      focusFirstError(form.current);
      return;
    }
    put(res.result);
    setV({ ...res.result.deadlineRules });
    message.success(t('complaint.settings.saved'));
  };

  const num = (k: NumberKey, max: number, min = 1) => (
    // The range is shown, not enforced by the box: antd would clamp a value out of range without a word.
    <Form.Item label={t(`complaint.settings.${k}`)} extra={`${min}–${max}`} {...complaintErrorProps(errors, `deadlineRules.${k}`)}>
      <InputNumber
        data-testid={`rules-${k}`}
        precision={0}
        style={{ width: '100%' }}
        value={v[k]}
        onChange={(n) => set({ [k]: typeof n === 'number' ? n : v[k] })}
      />
    </Form.Item>
  );
  const flag = (k: FlagKey) => (
    <Form.Item label={t('complaint.settings.dayKind')}>
      <Radio.Group
        data-testid={`rules-${k}`}
        optionType="button"
        value={v[k]}
        onChange={(e) => set({ [k]: e.target.value as boolean })}
        options={[
          { value: true, label: t('complaint.settings.workingDays') },
          { value: false, label: t('complaint.settings.naturalDays') },
        ]}
      />
    </Form.Item>
  );

  return (
    <div ref={form}>
    <Form layout="vertical" onFinish={() => void submit()} data-testid="rules-form" className="rules-form">
      <Row gutter={16}>
        <Col span={6}>{num('escalateMinutes', 24 * 60)}</Col>
        <Col span={6}>{num('reportHours', 24 * 14)}</Col>
        <Col span={6}>{num('callbackDays', 60)}</Col>
        <Col span={6}>{flag('callbackWorkingDays')}</Col>
        <Col span={6}>{num('suggestionDays', 60)}</Col>
        <Col span={6}>{flag('suggestionWorkingDays')}</Col>
      </Row>
      <div className="sheet-section-title">{t('complaint.settings.warnings')}</div>
      <Row gutter={16}>
        <Col span={6}>{num('warnEscalateMinutes', 24 * 60, 0)}</Col>
        <Col span={6}>{num('warnReportMinutes', 24 * 60, 0)}</Col>
        <Col span={6}>{num('warnCompleteMinutes', 7 * 24 * 60, 0)}</Col>
        <Col span={6}>{num('warnCallbackMinutes', 14 * 24 * 60, 0)}</Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="rules-save">
        {t('common.save')}
      </Button>
    </Form>
    </div>
  );
}
