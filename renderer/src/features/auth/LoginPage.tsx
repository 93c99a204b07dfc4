import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { clearErrors, errorProps } from '../../components/FieldHelp';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { loginRefusalText, SHOWN_ON_CARD } from './loginErrors';
import { useSession } from './sessionStore';

export function LoginPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notice = useSession((s) => s.notice);
  const signedIn = useSession((s) => s.signedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    const res = await call('auth.login', { username, password });
    setBusy(false);
    if (res.ok) {
      signedIn(res.result);
      return;
    }
    setErrors(fieldErrors(res.error));
    // Wrong credentials, the back-off and the lock are shown on the card, not as a fleeting toast: the agent must read them.
    if (SHOWN_ON_CARD.has(res.error.code)) setFailure(loginRefusalText(res.error));
    else message.error(errorText(res.error));
  };

  return (
    <div className="center-page">
      <Card className="auth-card" title={`${t('app.title')} · ${t('login.title')}`} extra={<LanguageSwitch />}>
        {notice && !failure && <Alert type="info" showIcon title={<span data-testid="login-notice">{notice}</span>} className="form-alert" />}
        {failure && <Alert type="error" showIcon title={<span data-testid="login-error">{failure}</span>} className="form-alert" />}
        <Form layout="vertical" onFinish={() => void submit()} data-testid="login-form">
          <Form.Item label={t('login.username')} required {...errorProps(errors, 'username')}>
            <Input
              data-testid="login-username"
              prefix={<UserOutlined />}
              autoFocus
              autoComplete="username"
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
                setFailure(null);
                setErrors((x) => clearErrors(x, ['username']));
              }}
            />
          </Form.Item>
          <Form.Item label={t('login.password')} required {...errorProps(errors, 'password')}>
            <Input.Password
              data-testid="login-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setFailure(null);
                setErrors((x) => clearErrors(x, ['password']));
              }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
