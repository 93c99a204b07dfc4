import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../api/errors';
import { errorProps } from '../../components/FieldHelp';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSettings } from '../admin/settingsStore';
import { loginRefusalText } from './loginErrors';
import { useSession } from './sessionStore';
import { useIdleLock } from './useIdleLock';
import './lock.css';

/**
 * The idle lock: after the configured idle minutes the core marks the session locked and this overlay
 * covers the console. The workspace stays mounted underneath (made inert), so the open call's form and
 * its typed text are untouched; only the password of the signed-in user opens it again.
 */
export function IdleLock({ pendingCall }: { pendingCall: boolean }) {
  const locked = useSession((s) => s.locked);
  const lock = useSession((s) => s.lock);
  const minutes = useSettings((s) => s.settings?.idleLockMinutes ?? 15);
  const onIdle = useCallback(() => void lock(), [lock]);
  useIdleLock(minutes, !locked, onIdle);
  return locked ? <LockOverlay pendingCall={pendingCall} /> : null;
}

function LockOverlay({ pendingCall }: { pendingCall: boolean }) {
  const { t } = useTranslation();
  const name = useSession((s) => s.session?.user.displayName ?? '');
  const unlock = useSession((s) => s.unlock);
  const logout = useSession((s) => s.logout);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Keyboard focus must not wander into the form underneath.
  useEffect(() => {
    const ws = document.querySelector('.workspace');
    ws?.setAttribute('inert', '');
    return () => ws?.removeAttribute('inert');
  }, []);

  const submit = async () => {
    if (!password) {
      setErrors({ password: t('errors.fields.required') });
      return;
    }
    setBusy(true);
    const res = await unlock(password);
    setBusy(false);
    if (res.ok) return;
    setPassword('');
    const fields = fieldErrors(res.error);
    setErrors(fields);
    if (!Object.keys(fields).length) setFailure(loginRefusalText(res.error));
  };

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-label={t('lock.title')} data-testid="lock-overlay">
      <Card className="auth-card" title={<span><LockOutlined /> {t('lock.title')}</span>} extra={<LanguageSwitch />}>
        <Typography.Paragraph data-testid="lock-user">{t('lock.intro', { name })}</Typography.Paragraph>
        {pendingCall && <Alert type="warning" showIcon title={t('lock.incoming')} className="form-alert" data-testid="lock-incoming" />}
        {failure && <Alert type="error" showIcon title={<span data-testid="lock-error">{failure}</span>} className="form-alert" />}
        <Form layout="vertical" onFinish={() => void submit()}>
          <Form.Item label={t('lock.password')} required {...errorProps(errors, 'password')}>
            <Input.Password
              data-testid="lock-password"
              prefix={<LockOutlined />}
              autoFocus
              autoComplete="current-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setErrors({});
                setFailure(null);
              }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="lock-unlock">
            {t('lock.unlock')}
          </Button>
          <Button type="link" block onClick={() => void logout()} data-testid="lock-logout">
            {t('lock.logout')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
