import { LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceToday } from '../../../../shared/api/qualityTypes';
import { shiftEndInstant } from '../../../../shared/domain/attendance';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { DATA_ATTR } from '../../components/dataField';
import { ClockTag, hhmm } from './bits';
import { SignInDialog } from './SignInDialog';

/** Today's sign-in and sign-out, on 我的考勤. `onChanged` reloads the month below once either is done. */
export function TodayCard({ today, error, onChanged }: { today: AttendanceToday | null; error: string | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [signingIn, setSigningIn] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!today) return error ? <Alert type="error" showIcon title={error} className="form-alert" /> : null;
  const r = today.record;

  const signOut = async () => {
    setBusy(true);
    const res = await call('attendance.signOut', {});
    setBusy(false);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    message.success(t('attendance.today.signedOutOk'));
    onChanged();
  };

  const askSignOut = () => {
    if (!r) return;
    // Leaving before the shift's end (less the grace) is recorded as leaving early: say so first.
    const lastOnTime = shiftEndInstant(r.day, r.shift) - r.shift.graceMinutes * 60_000;
    if (Date.now() >= lastOnTime) {
      void signOut();
      return;
    }
    modal.confirm({
      title: t('attendance.today.signOutEarlyTitle'),
      content: t('attendance.today.signOutEarlyBody', { end: r.shift.end, grace: r.shift.graceMinutes }),
      okText: t('attendance.today.signOut'),
      okButtonProps: { ...{ 'data-testid': 'signout-early-ok' } },
      cancelText: t('common.cancel'),
      onOk: signOut,
    });
  };

  return (
    <Card size="small" className="att-today" data-testid="attendance-today" title={t('attendance.today.title', { day: today.day })}>
      <Space size={12} wrap>
        {!r && (
          <>
            <Typography.Text data-testid="attendance-today-state">{today.working ? t('attendance.today.notSignedIn') : t('attendance.today.restDay')}</Typography.Text>
            <Button type={today.working ? 'primary' : 'default'} icon={<LoginOutlined />} onClick={() => setSigningIn(true)} data-testid="attendance-signin">
              {t('attendance.today.signIn')}
            </Button>
          </>
        )}
        {r && (
          <>
            <Typography.Text data-testid="attendance-today-state">
              {t('attendance.today.signedIn', { time: hhmm(r.signInAt) })}
            </Typography.Text>
            <Tag>
              <span {...DATA_ATTR}>{r.shift.name}</span> {r.shift.start}–{r.shift.end}
            </Tag>
            {r.lateMinutes > 0 ? <Tag color="orange">{t('attendance.today.late', { n: r.lateMinutes })}</Tag> : <Tag color="green">{t('attendance.today.onTime')}</Tag>}
            {r.clockSuspect && <ClockTag seconds={r.clockOffsetSeconds} />}
            {r.signOutAt ? (
              <>
                <Typography.Text data-testid="attendance-today-out">{t('attendance.today.signedOut', { time: hhmm(r.signOutAt) })}</Typography.Text>
                {!!r.earlyMinutes && <Tag color="orange">{t('attendance.today.early', { n: r.earlyMinutes })}</Tag>}
              </>
            ) : (
              <Button icon={<LogoutOutlined />} loading={busy} onClick={askSignOut} data-testid="attendance-signout">
                {t('attendance.today.signOut')}
              </Button>
            )}
          </>
        )}
      </Space>
      {signingIn && (
        <SignInDialog
          today={today}
          title={t('attendance.signIn.title')}
          onClose={() => setSigningIn(false)}
          onSignedIn={() => {
            setSigningIn(false);
            message.success(t('attendance.today.signedInOk'));
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
