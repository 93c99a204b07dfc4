import { App, Button, Col, Divider, Form, InputNumber, Row } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/envelope';
import type { Settings } from '../../../../shared/api/types';
import { APPRAISAL_PARTS, type AppraisalWeights, type QualityRules } from '../../../../shared/domain/appraisal';
import type { AttendanceRules } from '../../../../shared/domain/attendance';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { checkAll, focusFirstError } from '../../api/validate';
import { clearErrors, errorProps } from '../../components/FieldHelp';
import { useMemoryDraft } from '../../components/memoryDraft';
import { useAskBeforeUnload } from '../../components/useLeaveGuard';
import { i18n } from '../../i18n';
import { useSettings } from './settingsStore';
import { ShiftsEditor } from './ShiftsEditor';
import { WeightsEditor } from './WeightsEditor';
import './qualitySettings.css';

interface Values {
  quality: QualityRules;
  appraisalWeights: AppraisalWeights;
  attendance: AttendanceRules;
}

const valuesOf = (s: Settings): Values => ({
  // Settings written before these existed fall back to the defaults.
  quality: { ...DEFAULT_SETTINGS.quality, ...s.quality },
  appraisalWeights: { ...DEFAULT_SETTINGS.appraisalWeights, ...s.appraisalWeights },
  attendance: { ...DEFAULT_SETTINGS.attendance, ...s.attendance, shifts: (s.attendance?.shifts ?? DEFAULT_SETTINGS.attendance.shifts).map((x) => ({ ...x })) },
});

/**
 * The words for the rules that span fields: the service-standard share (the core reports it at
 * appraisalWeights.serviceStandard without the share, so it is worked out here from what was sent),
 * the commendation line below the flag line, a shift listed twice, a time not written as HH:mm.
 */
export function qualityErrors(error: ApiError, v: Values): Record<string, string> {
  const out = fieldErrors(error);
  for (const issue of error.fields ?? []) {
    if (issue.field === 'appraisalWeights.serviceStandard' && issue.code === 'out_of_range' && !issue.params) {
      const total = APPRAISAL_PARTS.reduce((s, p) => s + v.appraisalWeights[p], 0);
      out[issue.field] =
        total === 0
          ? i18n.t('qualitySettings.weightsZero')
          : i18n.t('qualitySettings.serviceStandardShare', { n: Math.round((v.appraisalWeights.serviceStandard / total) * 1000) / 10 });
    }
    if (issue.field === 'attendance.commendAbovePercent' && issue.code === 'out_of_range' && !issue.params) out[issue.field] = i18n.t('qualitySettings.commendBelowFlag');
    if (/^attendance\.shifts\.\d+\.id$/.test(issue.field) && issue.code === 'duplicate') out[issue.field] = i18n.t('qualitySettings.duplicateShift');
    if (/^attendance\.shifts\.\d+\.(start|end)$/.test(issue.field) && issue.code === 'invalid_format') out[issue.field] = i18n.t('qualitySettings.timeFormat');
  }
  return out;
}

/** 设置 → 质检、绩效与考勤 (admin): sampling rate, rectification deadline, appraisal weights, shifts and attendance thresholds. */
export function QualitySettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = useSettings((s) => s.put);
  const stored = valuesOf(settings);
  const [v, setV] = useMemoryDraft<Values>('settings:quality', () => valuesOf(settings), JSON.stringify(stored));
  useAskBeforeUnload(JSON.stringify(v) !== JSON.stringify(stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLDivElement>(null);

  const patch = <K extends keyof Values>(k: K, p: Partial<Values[K]>, fields: string[]) => {
    setV((old) => ({ ...old, [k]: { ...old[k], ...p } }));
    setErrors((e) => clearErrors(e, fields));
  };

  const submit = async () => {
    const params = { quality: v.quality, appraisalWeights: v.appraisalWeights, attendance: { ...v.attendance, shifts: v.attendance.shifts.map((s) => ({ ...s, name: s.name.trim() })) } };
    // Every problem at once, by the contract's rules (the 20% share among them); the core checks again.
    const local = checkAll(api['settings.update'].params, params);
    const shown = (error: ApiError) => {
      setErrors(qualityErrors(error, v));
      focusFirstError(form.current);
    };
    if (local) return shown(local);
    setBusy(true);
    const res = await call('settings.update', params);
    setBusy(false);
    if (!res.ok) {
      shown(res.error);
      message.error(errorText(res.error));
      return;
    }
    put(res.result);
    setV(valuesOf(res.result));
    message.success(t('qualitySettings.saved'));
  };

  // No min/max on the number boxes: a value out of range is refused beside its box, never clamped.
  const num = (label: string, field: string, value: number, onChange: (n: number) => void, extra?: string) => (
    <Form.Item label={label} {...errorProps(errors, field, extra)}>
      <InputNumber data-testid={`qs-${field}`} precision={0} style={{ width: '100%' }} value={value} onChange={(n) => typeof n === 'number' && onChange(n)} />
    </Form.Item>
  );
  const q = v.quality;
  const a = v.attendance;
  return (
    <div ref={form}>
      <Form layout="vertical" onFinish={() => void submit()} data-testid="quality-settings-form" className="quality-settings">
        <Divider titlePlacement="start">{t('qualitySettings.quality')}</Divider>
        <Row gutter={16}>
          <Col span={8}>
            {num(t('qualitySettings.sampleRatePercent'), 'quality.sampleRatePercent', q.sampleRatePercent, (n) => patch('quality', { sampleRatePercent: n }, ['quality.sampleRatePercent']), t('qualitySettings.sampleRateHelp'))}
          </Col>
          <Col span={8}>
            {num(t('qualitySettings.rectifyWorkingDays'), 'quality.rectifyWorkingDays', q.rectifyWorkingDays, (n) => patch('quality', { rectifyWorkingDays: n }, ['quality.rectifyWorkingDays']), t('qualitySettings.rectifyHelp'))}
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('qualitySettings.weights')}</Divider>
        <WeightsEditor
          value={v.appraisalWeights}
          errors={errors}
          // Any weight changes the service-standard share: its message goes too.
          onChange={(p, n) => patch('appraisalWeights', { [p]: n }, [`appraisalWeights.${p}`, 'appraisalWeights.serviceStandard'])}
        />
        <Divider titlePlacement="start">{t('qualitySettings.attendance')}</Divider>
        <ShiftsEditor shifts={a.shifts} errors={errors} onChange={(shifts) => patch('attendance', { shifts }, ['attendance.shifts'])} />
        <Row gutter={16}>
          <Col span={8}>{num(t('qualitySettings.flagBelowPercent'), 'attendance.flagBelowPercent', a.flagBelowPercent, (n) => patch('attendance', { flagBelowPercent: n }, ['attendance.flagBelowPercent', 'attendance.commendAbovePercent']))}</Col>
          <Col span={8}>{num(t('qualitySettings.commendAbovePercent'), 'attendance.commendAbovePercent', a.commendAbovePercent, (n) => patch('attendance', { commendAbovePercent: n }, ['attendance.commendAbovePercent']))}</Col>
          <Col span={8}>
            {num(t('qualitySettings.clockSkewMinutes'), 'attendance.clockSkewMinutes', a.clockSkewMinutes, (n) => patch('attendance', { clockSkewMinutes: n }, ['attendance.clockSkewMinutes']), t('qualitySettings.clockSkewHelp'))}
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="qs-save">
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}
