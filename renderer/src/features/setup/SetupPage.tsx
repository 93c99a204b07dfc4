import { App, Button, Card, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../shared/api/contract';
import type { FieldIssue } from '../../../../shared/domain/mutation';
import { call } from '../../api/client';
import { checkAll, focusFirstError } from '../../api/validate';
import { errorText, fieldErrors } from '../../api/errors';
import { clearErrors, errorProps } from '../../components/FieldHelp';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSession } from '../auth/sessionStore';

const EMPTY = {
  organisationName: '',
  hotline: '',
  areaCode: '',
  workstation: '',
  username: '',
  displayName: '',
  password: '',
  passwordConfirm: '',
};
type Values = typeof EMPTY;
/** Where each box's errors come back from `setup.initialize` (the admin sits in a sub-object). */
const PATH: Record<keyof Values, string> = {
  organisationName: 'organisationName',
  hotline: 'hotline',
  areaCode: 'areaCode',
  workstation: 'workstation',
  username: 'admin.username',
  displayName: 'admin.displayName',
  password: 'admin.password',
  passwordConfirm: 'passwordConfirm',
};

/** First run: the organisation and the first administrator, then straight into the app. */
export function SetupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const signedIn = useSession((s) => s.signedIn);
  const boot = useSession((s) => s.boot);
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = (k: keyof Values, value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => clearErrors(e, [PATH[k]]));
  };

  const submit = async () => {
    const params = {
      organisationName: v.organisationName,
      hotline: v.hotline,
      ...(v.areaCode.trim() ? { areaCode: v.areaCode.trim() } : {}),
      workstation: v.workstation,
      admin: { username: v.username, displayName: v.displayName, password: v.password },
    };
    // One round: the contract's own rules for every box, and the confirmation, all at once.
    const mismatch: FieldIssue[] =
      v.password && v.password !== v.passwordConfirm ? [{ field: 'passwordConfirm', code: 'mismatch', message: 'the passwords differ' }] : [];
    const local = checkAll(api['setup.initialize'].params, params, mismatch);
    if (local) {
      setErrors(fieldErrors(local));
      focusFirstError();
      return;
    }
    setBusy(true);
    const res = await call('setup.initialize', params);
    setBusy(false);
    if (res.ok) {
      signedIn(res.result);
      return;
    }
    // Another workstation (or tab) finished setup first: go to the login page instead.
    if (res.error.code === 'already_initialized') {
      message.info(errorText(res.error));
      void boot();
      return;
    }
    setErrors(fieldErrors(res.error));
    message.error(errorText(res.error));
    focusFirstError();
  };

  const field = (k: keyof Values, label: string, opts: { help?: string; placeholder?: string; password?: boolean; required?: boolean } = {}) => (
    <Form.Item label={label} required={opts.required ?? true} {...errorProps(errors, PATH[k], opts.help)}>
      {opts.password ? (
        <Input.Password data-testid={`setup-${k}`} value={v[k]} onChange={(e) => set(k, e.target.value)} autoComplete="new-password" />
      ) : (
        <Input data-testid={`setup-${k}`} value={v[k]} placeholder={opts.placeholder} onChange={(e) => set(k, e.target.value)} />
      )}
    </Form.Item>
  );

  return (
    <div className="center-page">
      <Card className="setup-card" title={`${t('app.title')} · ${t('setup.title')}`} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={() => void submit()} data-testid="setup-form">
          <Divider titlePlacement="start">{t('setup.org')}</Divider>
          <Row gutter={16}>
            <Col span={24}>{field('organisationName', t('setup.organisationName'), { placeholder: t('setup.organisationNamePh') })}</Col>
            <Col span={8}>{field('hotline', t('setup.hotline'))}</Col>
            <Col span={8}>{field('areaCode', t('setup.areaCode'), { help: t('setup.areaCodeHelp'), required: false })}</Col>
            <Col span={8}>{field('workstation', t('setup.workstation'), { help: t('setup.workstationHelp') })}</Col>
          </Row>
          <Divider titlePlacement="start">{t('setup.admin')}</Divider>
          <Row gutter={16}>
            <Col span={12}>{field('username', t('setup.username'))}</Col>
            <Col span={12}>{field('displayName', t('setup.displayName'))}</Col>
            <Col span={12}>{field('password', t('setup.password'), { password: true })}</Col>
            <Col span={12}>{field('passwordConfirm', t('setup.passwordConfirm'), { password: true })}</Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
