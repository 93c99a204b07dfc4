import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { clearErrors, errorProps } from '../../components/FieldHelp';
import { useSettings } from './settingsStore';

type Values = Omit<Settings, 'workstation'>;

/** Organisation settings (name, hotline, area code, time rules, departments). Admin only. */
export function OrgSettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = useSettings((s) => s.put);
  const [v, setV] = useState<Values>(() => ({ ...settings, departments: [...settings.departments] }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => clearErrors(e, [k]));
  };

  const setDept = (i: number, name: string) => {
    const departments = [...v.departments];
    departments[i] = name;
    set('departments', departments);
  };

  const submit = async () => {
    setBusy(true);
    const res = await call('settings.update', {
      organisationName: v.organisationName,
      hotline: v.hotline,
      areaCode: v.areaCode.trim(),
      answerWithinSeconds: v.answerWithinSeconds,
      repeatCallerHours: v.repeatCallerHours,
      idleLockMinutes: v.idleLockMinutes,
      loginLockMinutes: v.loginLockMinutes,
      // Empty lines are slots the admin added and did not use.
      departments: v.departments.map((d) => d.trim()).filter(Boolean),
    });
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      message.error(errorText(res.error));
      return;
    }
    put(res.result);
    setV({ ...res.result, departments: [...res.result.departments] });
    message.success(t('settings.saved'));
  };

  return (
    <Form layout="vertical" onFinish={() => void submit()} data-testid="settings-form">
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label={t('settings.organisationName')} required {...errorProps(errors, 'organisationName')}>
            <Input data-testid="settings-organisationName" value={v.organisationName} onChange={(e) => set('organisationName', e.target.value)} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t('settings.hotline')} required {...errorProps(errors, 'hotline')}>
            <Input data-testid="settings-hotline" value={v.hotline} onChange={(e) => set('hotline', e.target.value)} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t('settings.areaCode')} {...errorProps(errors, 'areaCode')}>
            <Input data-testid="settings-areaCode" value={v.areaCode} onChange={(e) => set('areaCode', e.target.value)} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t('settings.answerWithinSeconds')} {...errorProps(errors, 'answerWithinSeconds', t('settings.answerWithinHelp'))}>
            <InputNumber
              data-testid="settings-answerWithinSeconds"
              min={3}
              max={120}
              precision={0}
              style={{ width: '100%' }}
              value={v.answerWithinSeconds}
              onChange={(n) => set('answerWithinSeconds', typeof n === 'number' ? n : v.answerWithinSeconds)}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t('settings.repeatCallerHours')} {...errorProps(errors, 'repeatCallerHours')}>
            <InputNumber
              data-testid="settings-repeatCallerHours"
              min={1}
              max={168}
              precision={0}
              style={{ width: '100%' }}
              value={v.repeatCallerHours}
              onChange={(n) => set('repeatCallerHours', typeof n === 'number' ? n : v.repeatCallerHours)}
            />
          </Form.Item>
        </Col>
        {/* No min/max here: an out-of-range number goes to the core and is refused beside the field, not silently clamped. */}
        <Col span={6}>
          <Form.Item label={t('lock.idleLockMinutes')} {...errorProps(errors, 'idleLockMinutes', t('lock.idleLockHelp'))}>
            <InputNumber
              data-testid="settings-idleLockMinutes"
              precision={0}
              style={{ width: '100%' }}
              value={v.idleLockMinutes}
              onChange={(n) => set('idleLockMinutes', typeof n === 'number' ? n : v.idleLockMinutes)}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t('lock.loginLockMinutes')} {...errorProps(errors, 'loginLockMinutes', t('lock.loginLockHelp'))}>
            <InputNumber
              data-testid="settings-loginLockMinutes"
              precision={0}
              style={{ width: '100%' }}
              value={v.loginLockMinutes}
              onChange={(n) => set('loginLockMinutes', typeof n === 'number' ? n : v.loginLockMinutes)}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t('settings.workstation')}>
            <Input value={settings.workstation} disabled />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('settings.departments')} {...errorProps(errors, 'departments')}>
            {v.departments.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional (errors come back as departments.N).
              <div className="dept-row" key={`dept-${i + 1}`}>
                <Input
                  data-testid={`settings-department-${i}`}
                  aria-label={`${t('settings.departments')} ${i + 1}`}
                  placeholder={t('settings.departmentPh')}
                  value={d}
                  onChange={(e) => setDept(i, e.target.value)}
                />
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() =>
                    set(
                      'departments',
                      v.departments.filter((_, j) => j !== i),
                    )
                  }
                />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} data-testid="settings-add-department" onClick={() => set('departments', [...v.departments, ''])}>
              {t('settings.addDepartment')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
