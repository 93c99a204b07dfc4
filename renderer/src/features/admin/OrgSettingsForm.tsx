import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Row } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../shared/api/contract';
import type { Settings } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { checkAll, focusFirstError } from '../../api/validate';
import { clearErrors, errorProps } from '../../components/FieldHelp';
import { useMemoryDraft } from '../../components/memoryDraft';
import { useAskBeforeUnload } from '../../components/useLeaveGuard';
import { useSettings } from './settingsStore';

type Values = Omit<Settings, 'workstation'>;

/** Organisation settings (name, hotline, area code, time rules, departments). Admin only. */
export function OrgSettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const put = useSettings((s) => s.put);
  // Typing comes back after a visit to another screen, unless the settings changed meanwhile (no lost typing).
  const initial = () => ({ ...settings, departments: [...settings.departments] });
  const [v, setV] = useMemoryDraft<Values>('settings:organisation', initial, JSON.stringify(settings));
  useAskBeforeUnload(JSON.stringify(v) !== JSON.stringify(initial()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [usage, setUsage] = useState<Record<string, number>>({});
  const form = useRef<HTMLDivElement>(null);

  // How many records name each department: removing one they use asks first.
  useEffect(() => {
    void call('settings.usage', {}).then((res) => res.ok && setUsage(res.result.departments));
  }, []);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => clearErrors(e, [k]));
  };

  const setDept = (i: number, name: string) => {
    const departments = [...v.departments];
    departments[i] = name;
    set('departments', departments);
  };

  const removeDept = (i: number) => {
    const name = v.departments[i]?.trim() ?? '';
    const remove = () => setV((old) => ({ ...old, departments: old.departments.filter((_, j) => j !== i) }));
    setErrors((e) => clearErrors(e, ['departments']));
    const count = usage[name] ?? 0;
    if (!count) {
      remove();
      return;
    }
    modal.confirm({
      title: t('settings.removeDeptTitle', { name }),
      content: t('settings.removeDeptBody', { count }),
      okText: t('common.remove'),
      okButtonProps: { danger: true, ...{ 'data-testid': 'remove-dept-ok' } },
      cancelText: t('common.cancel'),
      onOk: remove,
    });
  };

  const submit = async () => {
    const params = {
      organisationName: v.organisationName,
      hotline: v.hotline,
      areaCode: v.areaCode.trim(),
      answerWithinSeconds: v.answerWithinSeconds,
      repeatCallerHours: v.repeatCallerHours,
      idleLockMinutes: v.idleLockMinutes,
      loginLockMinutes: v.loginLockMinutes,
      // Empty lines are slots the admin added and did not use.
      departments: v.departments.map((d) => d.trim()).filter(Boolean),
    };
    // Every problem at once, with the rules the core checks again.
    const local = checkAll(api['settings.update'].params, params);
    const shown = (error: NonNullable<typeof local>) => {
      // A duplicate's index counts the non-empty lines sent; the boxes include empty ones.
      const sent = v.departments.map((d, i) => [d.trim(), i] as const).filter(([d]) => d);
      const errs = fieldErrors(error);
      const out: Record<string, string> = {};
      for (const [k, msg] of Object.entries(errs)) {
        const m = /^departments\.(\d+)$/.exec(k);
        out[m ? `departments.${sent[Number(m[1])]?.[1] ?? m[1]}` : k] = msg;
      }
      setErrors(out);
      focusFirstError(form.current);
    };
    if (local) {
      shown(local);
      return;
    }
    setBusy(true);
    const res = await call('settings.update', params);
    setBusy(false);
    if (!res.ok) {
      shown(res.error);
      message.error(errorText(res.error));
      return;
    }
    put(res.result);
    setV({ ...res.result, departments: [...res.result.departments] });
    message.success(t('settings.saved'));
  };

  return (
    // No min/max on the number boxes: antd would clamp −5 to 3 without a word; a value out of range is refused beside its box.
    <div ref={form}>
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
              precision={0}
              style={{ width: '100%' }}
              value={v.repeatCallerHours}
              onChange={(n) => set('repeatCallerHours', typeof n === 'number' ? n : v.repeatCallerHours)}
            />
          </Form.Item>
        </Col>
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
                  status={errors[`departments.${i}`] ? 'error' : undefined}
                  onChange={(e) => setDept(i, e.target.value)}
                />
                <Button icon={<DeleteOutlined />} aria-label={t('common.remove')} data-testid={`settings-remove-department-${i}`} onClick={() => removeDept(i)} />
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
    </div>
  );
}
