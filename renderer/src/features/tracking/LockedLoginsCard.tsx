import { App, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockedLogin } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { DATA_ATTR } from '../../components/dataField';
import { fmtDateTime } from '../../components/format';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import '../../i18n/lockedLogins';

/**
 * 登录已锁定的账号: the logins of this workstation locked (10 wrong passwords) or in back-off, so that the
 * lead, who lands on the board, can let a colleague back in without an administrator. Shown only
 * when there is one. A failed login tells the UI nothing, so the list is also asked again every minute.
 */
export function LockedLoginsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [locked, setLocked] = useState<LockedLogin[]>([]);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await call('users.locked', {});
    // A side card: when the list cannot be read the board stays as it is, without it.
    setLocked(res.ok ? res.result : []);
  }, []);
  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), 60_000);
    return () => clearInterval(id);
  }, [load]);
  useRecordsChanged(['user'], () => void load());

  const unlock = async (u: LockedLogin) => {
    setBusy(u.id);
    const res = await call('users.unlock', { id: u.id });
    setBusy(null);
    if (!res.ok) message.error(errorText(res.error));
    else if (res.result.unlocked) message.success(t('lockedLogins.unlocked'));
    else message.info(t('lockedLogins.notLocked'));
    await load();
  };

  if (!locked.length) return null;
  return (
    <Card size="small" title={t('lockedLogins.title')} data-testid="board-locked-logins" style={{ marginTop: 12 }}>
      <Flex vertical gap={8}>
        {locked.map((u) => (
          <Flex key={u.id} justify="space-between" align="center" gap={12} data-testid={`locked-login-${u.username}`}>
            <Space wrap>
              <Typography.Text strong {...DATA_ATTR}>
                {u.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" {...DATA_ATTR}>
                {u.username}
              </Typography.Text>
              <Tag>{t(`roles.${u.role}`)}</Tag>
              {u.lockedUntil ? (
                <Tag color="red">{t('lockedLogins.lockedUntil', { time: fmtDateTime(u.lockedUntil) })}</Tag>
              ) : (
                <Tag color="orange">{t('lockedLogins.throttled', { n: u.failures })}</Tag>
              )}
              {u.lockedUntil && <Typography.Text type="secondary">{t('lockedLogins.failures', { n: u.failures })}</Typography.Text>}
            </Space>
            <Button size="small" loading={busy === u.id} data-testid={`locked-login-unlock-${u.username}`} onClick={() => void unlock(u)}>
              {t('lockedLogins.unlock')}
            </Button>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
