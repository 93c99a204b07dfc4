import { App, Button, Col, Form, InputNumber, Radio, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../../shared/api/types';
import type { DeadlineRules } from '../../../../../shared/domain/deadlines';
import { call } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { clearErrors } from '../../../components/FieldHelp';
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
  const [v, setV] = useState<DeadlineRules>(() => ({ ...settings.deadlineRules }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = (patch: Partial<DeadlineRules>) => {
    setV((old) => ({ ...old, ...patch }));
    setErrors((e) => clearErrors(e, Object.keys(patch).map((k) => `deadlineRules.${k}`)));
  };

  const submit = async () => {
    setBusy(true);
    const res = await call('settings.update', { deadlineRules: v });
    setBusy(false);
    if (!res.ok) {
      setErrors(complaintFieldErrors(res.error));
      message.error(errorText(res.error));
      return;
    }
    put(res.result);
    setV({ ...res.result.deadlineRules });
    message.success(t('complaint.settings.saved'));
  };

  const num = (k: NumberKey, max: number, min = 1) => (
    <Form.Item label={t(`complaint.settings.${k}`)} {...complaintErrorProps(errors, `deadlineRules.${k}`)}>
      <InputNumber
        data-testid={`rules-${k}`}
        min={min}
        max={max}
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
  );
}
