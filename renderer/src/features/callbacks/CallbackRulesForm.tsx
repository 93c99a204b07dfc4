import { App, Button, Col, Form, InputNumber, Radio, Row } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../../../shared/api/contract';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/api/types';
import { type CallbackRules, DEFAULT_CALLBACK_RULES } from '../../../../shared/domain/callback';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { checkAll, focusFirstError } from '../../api/validate';
import { clearErrors, prefixedErrorProps } from '../../components/FieldHelp';
import { useMemoryDraft } from '../../components/memoryDraft';
import { useAskBeforeUnload } from '../../components/useLeaveGuard';
import { useSettings } from '../admin/settingsStore';

type NumberKey = { [K in keyof CallbackRules]: CallbackRules[K] extends number ? K : never }[keyof CallbackRules];

/** 回访规则: satisfaction and key-account periods, retries, the due-soon warning, assignment. Admin only. */
export function CallbackRulesForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = useSettings((s) => s.put);
  // Typing comes back after a visit to another screen, unless the rules changed meanwhile (no lost typing).
  const [v, setV] = useMemoryDraft<CallbackRules>('settings:callbackRules', () => ({ ...DEFAULT_CALLBACK_RULES, ...settings.callbackRules }), JSON.stringify(settings.callbackRules));
  useAskBeforeUnload(JSON.stringify(v) !== JSON.stringify({ ...DEFAULT_CALLBACK_RULES, ...settings.callbackRules }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = (patch: Partial<CallbackRules>) => {
    setV((old) => ({ ...old, ...patch }));
    setErrors((e) => clearErrors(e, Object.keys(patch).map((k) => `callbackRules.${k}`)));
  };

  const form = useRef<HTMLDivElement>(null);
  const submit = async () => {
    // Every problem at once, by the contract's rules; a number out of range is refused, never clamped.
    const local = checkAll(api['settings.update'].params, { callbackRules: v });
    if (local) {
      setErrors(fieldErrors(local));
      focusFirstError(form.current);
      return;
    }
    setBusy(true);
    const res = await call('settings.update', { callbackRules: v });
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      message.error(errorText(res.error));
      focusFirstError(form.current);
      return;
    }
    put(res.result);
    message.success(t('callback.rules.saved'));
  };

  const num = (k: NumberKey, min: number, max: number) => (
    // The range is shown, not enforced by the box: antd would clamp a value out of range without a word.
    <Form.Item label={t(`callback.rules.${k}`)} extra={`${min}–${max}`} {...prefixedErrorProps('rules', errors, `callbackRules.${k}`)}>
      <InputNumber
        data-testid={`cbrules-${k}`}
        precision={0}
        style={{ width: '100%' }}
        value={v[k]}
        onChange={(n) => set({ [k]: typeof n === 'number' ? n : v[k] })}
      />
    </Form.Item>
  );

  return (
    <div ref={form}>
    <Form layout="vertical" onFinish={() => void submit()} data-testid="callback-rules-form" className="rules-form">
      <Row gutter={16}>
        <Col span={6}>{num('satisfactionDays', 1, 60)}</Col>
        <Col span={6}>
          <Form.Item label={t('complaint.settings.dayKind')}>
            <Radio.Group
              data-testid="cbrules-satisfactionWorkingDays"
              optionType="button"
              value={v.satisfactionWorkingDays}
              onChange={(e) => set({ satisfactionWorkingDays: e.target.value as boolean })}
              options={[
                { value: true, label: t('complaint.settings.workingDays') },
                { value: false, label: t('complaint.settings.naturalDays') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={6}>{num('keyAccountMonths', 1, 24)}</Col>
        <Col span={6}>{num('warnMinutes', 0, 7 * 24 * 60)}</Col>
        <Col span={6}>{num('retryMinutes', 5, 7 * 24 * 60)}</Col>
        <Col span={6}>{num('maxAttempts', 1, 20)}</Col>
        <Col span={12}>
          <Form.Item label={t('callback.rules.assignment')} extra={t(`callback.rules.assignmentHelp.${v.assignment}`)}>
            <Radio.Group
              data-testid="cbrules-assignment"
              optionType="button"
              value={v.assignment}
              onChange={(e) => set({ assignment: e.target.value as CallbackRules['assignment'] })}
              options={[
                { value: 'round_robin', label: t('callback.rules.round_robin') },
                { value: 'manual', label: t('callback.rules.manual') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="cbrules-save">
        {t('common.save')}
      </Button>
    </Form>
    </div>
  );
}
