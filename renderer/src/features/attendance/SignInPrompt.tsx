import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceToday } from '../../../../shared/api/qualityTypes';
import { call } from '../../api/client';
import { DATA_ATTR } from '../../components/dataField';
import { useSession } from '../auth/sessionStore';
import { SignInDialog } from './SignInDialog';
import '../../i18n/consoleSections';

const OFFERED_KEY = 'hotline.signInOffered';

/** The day this user was last offered the sign-in on this workstation ('' when never, or storage is unavailable). */
function offeredOn(userId: string): string {
  try {
    return globalThis.localStorage?.getItem(`${OFFERED_KEY}.${userId}`) ?? '';
  } catch {
    return '';
  }
}
function markOffered(userId: string, day: string): void {
  try {
    globalThis.localStorage?.setItem(`${OFFERED_KEY}.${userId}`, day);
  } catch {
    // Not remembering only means the offer may come again at the next login today.
  }
}

/**
 * 上班签到: the first login of a shift day offers to sign in, with the suggested shift chosen (Enter signs
 * in, Esc skips). Only after a login (not a reload of a running session), only on a working day without
 * a sign-in, once a day per user on this workstation; administrators do not attend and are never asked.
 */
export function SignInPrompt() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const fresh = useSession((s) => s.freshLogin);
  const [today, setToday] = useState<AttendanceToday | null>(null);
  const userId = session?.user.id ?? '';
  const role = session?.user.role;

  // Unmounted (signed out) before the answer came: nothing to show. Clearing the flag below re-runs the
  // effect, so the answer is not tied to the effect's own cleanup.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  // Until the day is known the offer may still come; the end-to-end tests wait for the marker below.
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (!fresh) return;
    // The login is used up whatever the answer: a later screen does not ask again.
    setAsking(userId !== '' && role !== 'admin');
    useSession.setState({ freshLogin: false });
    if (!userId || role === 'admin') return;
    void call('attendance.today', {}).then((res) => {
      if (!mounted.current) return;
      setAsking(false);
      if (!res.ok || useSession.getState().session?.user.id !== userId) return;
      const d = res.result;
      if (!d.working || d.record || d.shifts.length === 0 || offeredOn(userId) === d.day) return;
      markOffered(userId, d.day);
      setToday(d);
    });
  }, [fresh, userId, role]);

  const settled = !fresh && !asking ? <span hidden data-testid="signin-prompt-checked" /> : null;
  if (!today || !session) return settled;
  return (
    <>
      {settled}
      <SignInDialog
        today={today}
        title={t('attendance.signIn.promptTitle')}
        intro={
          <>
            <span {...DATA_ATTR}>{session.user.displayName}</span>
            {t('attendance.signIn.promptBody', { day: today.day })}
          </>
        }
        cancelText={t('attendance.signIn.skip')}
        onClose={() => setToday(null)}
        onSignedIn={() => {
          setToday(null);
          message.success(t('attendance.today.signedInOk'));
        }}
      />
    </>
  );
}
