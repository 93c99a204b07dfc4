import { App as AntApp, Button, ConfigProvider, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, use, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from './api/client';
import { navigate, useRoute } from './components/router';
import { subscribeThrottled } from './components/useRecordsChanged';
import { LoginPage } from './features/auth/LoginPage';
import { mayTakeCalls, useSession } from './features/auth/sessionStore';
import { useActiveCall } from './features/calls/activeCallStore';
import { useCallbackCounts } from './features/callbacks/countsStore';
import './features/callbacks/callbacks.css';
import './features/complaints/complaints.css';
import { usePrintRoute } from './features/print/printRoute';
import './features/scripts/scripts.css';
import { useSync } from './features/sync/syncStore';
import { i18n } from './i18n';

// The login page loads with the app; the call screen as soon as someone is logged in (the first thing an
// agent needs), and every other screen when first opened.
const CallScreen = lazy(() => import('./features/calls/CallScreen').then((m) => ({ default: m.CallScreen })));
const CallList = lazy(() => import('./features/calls/CallList').then((m) => ({ default: m.CallList })));
const SettingsPage = lazy(() => import('./features/admin/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const CallbacksPage = lazy(() => import('./features/callbacks/CallbacksPage').then((m) => ({ default: m.CallbacksPage })));
const CustomersPage = lazy(() => import('./features/customers/CustomersPage').then((m) => ({ default: m.CustomersPage })));
const ComplaintsPage = lazy(() => import('./features/complaints/ComplaintsPage').then((m) => ({ default: m.ComplaintsPage })));
const PrintPage = lazy(() => import('./features/print/PrintPage').then((m) => ({ default: m.PrintPage })));
const SetupPage = lazy(() => import('./features/setup/SetupPage').then((m) => ({ default: m.SetupPage })));
const BoardPage = lazy(() => import('./features/tracking/BoardPage').then((m) => ({ default: m.BoardPage })));
const TrackingPage = lazy(() => import('./features/tracking/TrackingPage').then((m) => ({ default: m.TrackingPage })));
const QualityPage = lazy(() => import('./features/quality/QualityPage').then((m) => ({ default: m.QualityPage })));
const MyQualityPage = lazy(() => import('./features/quality/MyQualityPage').then((m) => ({ default: m.MyQualityPage })));
const AppraisalPage = lazy(() => import('./features/appraisal/AppraisalPage').then((m) => ({ default: m.AppraisalPage })));
const AttendancePage = lazy(() => import('./features/attendance/AttendancePage').then((m) => ({ default: m.AttendancePage })));
const BulletinPage = lazy(() => import('./features/bulletin/BulletinPage').then((m) => ({ default: m.BulletinPage })));
const HandoverPage = lazy(() => import('./features/handover/HandoverPage').then((m) => ({ default: m.HandoverPage })));
// Shown only when the core cannot be reached; its illustrations are not worth loading before the login page.
const Result = lazy(() => import('antd/es/result'));
const StoreCheck = lazy(() => import('./features/backups/StoreCheck').then((m) => ({ default: m.StoreCheck })));
const IdleLock = lazy(() => import('./features/auth/LockScreen').then((m) => ({ default: m.IdleLock })));
// The offer to sign in for the shift after a login (features/attendance); loaded with the console, shown at most once a day.
const SignInPrompt = lazy(() => import('./features/attendance/SignInPrompt').then((m) => ({ default: m.SignInPrompt })));
// Nor the console's frame (menu, sync indicator, banners) and the settings store with its schemas.
type Frame = [typeof import('./components/AppLayout'), typeof import('./features/admin/settingsStore')];
let frame: Promise<Frame> | null = null;
const loadFrame = () => (frame ??= Promise.all([import('./components/AppLayout'), import('./features/admin/settingsStore')]));
const loadingScreen = (
  <div className="center-page">
    <Spin size="large" />
  </div>
);

export function App() {
  const { i18n: inst } = useTranslation();
  return (
    <ConfigProvider
      locale={inst.language === 'en' ? enUS : zhCN}
      // Calm and dense: the default palette, tighter radius; agents look at this all day.
      theme={{ algorithm: theme.defaultAlgorithm, token: { borderRadius: 4, fontSize: 14 } }}
    >
      <AntApp>
        <Root />
      </AntApp>
    </ConfigProvider>
  );
}

function Root() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  const bootError = useSession((s) => s.bootError);
  const boot = useSession((s) => s.boot);

  useEffect(() => {
    void boot();
  }, [boot]);

  if (phase === 'boot')
    return (
      <div className="center-page">
        <Spin size="large" description={t('app.loading')} />
      </div>
    );
  if (phase === 'unreachable')
    return (
      <div className="center-page">
        <Suspense fallback={<Spin size="large" />}>
          {/* A damaged store offers the restore of a backup; any other failure shows what went wrong. */}
          <StoreCheck>
            <Result status="error" title={t('app.title')} subTitle={bootError} extra={<Button onClick={() => void boot()}>{t('common.refresh')}</Button>} />
          </StoreCheck>
        </Suspense>
      </div>
    );
  if (phase === 'setup')
    return (
      <Suspense fallback={loadingScreen}>
        <SetupPage />
      </Suspense>
    );
  if (phase === 'login') return <LoginPage />;
  return (
    <Suspense fallback={loadingScreen}>
      <Workspace />
    </Suspense>
  );
}

function Workspace() {
  const [{ AppLayout, defaultPage, navItems }, { useSettings }] = use(loadFrame());
  const route = useRoute();
  // #/print/…: the paper form alone. The console stays mounted underneath (hidden), so a call in progress survives.
  const print = usePrintRoute();
  const printing = !!print;
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const ended = useSession((s) => s.ended);
  const loadSettings = useSettings((s) => s.load);
  const loadSync = useSync((s) => s.load);
  const putSync = useSync((s) => s.put);
  const role = session?.user.role ?? 'agent';
  const takesCalls = mayTakeCalls(role);
  const locked = useSession((s) => s.locked);
  // A toast is the signed-in user's ("已保存:红线否决,0 分", "已批准"): it does not outlive the session into the next user's.
  const { message } = AntApp.useApp();
  useEffect(() => () => message.destroy(), [message]);
  // A call that rings while the console is locked pops once it is unlocked (the core refuses its lookup until then).
  const [heldCall, setHeldCall] = useState<{ phone: string; rangAt: string } | null>(null);
  useEffect(() => {
    if (locked || !heldCall) return;
    useActiveCall.getState().ring(heldCall.phone, heldCall.rangAt);
    navigate('calls');
    setHeldCall(null);
  }, [locked, heldCall]);

  useEffect(() => {
    void loadSettings();
    void loadSync();
    const loadCounts = () => void useCallbackCounts.getState().load();
    loadCounts();
    const offs = [
      subscribeThrottled((e) => e.entity === 'callback', loadCounts),
      onEvent('session.ended', (e) => ended(i18n.t(`login.ended.${e.reason === 'logout' ? 'logout' : 'expired'}`))),
      // Joining a hub or a pull replaces the settings; throttled like the lists.
      subscribeThrottled((e) => e.entity === 'settings', () => void loadSettings()),
      onEvent('sync.status', putSync),
    ];
    if (takesCalls)
      offs.push(
        onEvent('call.incoming', (e) => {
          if (useSession.getState().locked) {
            setHeldCall({ phone: e.phone, rangAt: e.rangAt });
            return;
          }
          useActiveCall.getState().ring(e.phone, e.rangAt);
          navigate('calls');
        }),
      );
    return () => {
      for (const off of offs) off();
      useActiveCall.getState().reset();
      useSync.getState().reset();
      useCallbackCounts.getState().reset();
    };
  }, [ended, loadSettings, loadSync, putSync, takesCalls]);

  const allowed = navItems(t).some((n) => n.page === route.page && n.allowed(role));
  useEffect(() => {
    if (!allowed && !printing) navigate(defaultPage(role));
  }, [allowed, role, printing, defaultPage]);

  useEffect(() => {
    document.title = `${session?.organisationName ?? ''} — ${t('app.title')}`;
  }, [session?.organisationName, t]);

  const page = allowed ? route.page : defaultPage(role);
  return (
    <>
      {print && (
        <Suspense fallback={loadingScreen}>
          <PrintPage kind={print.kind} id={print.id} />
        </Suspense>
      )}
      <div className={printing ? 'workspace hidden-under-print' : 'workspace'}>
        <AppLayout page={page}>
          {takesCalls && (
            <Suspense fallback={page === 'calls' ? loadingScreen : null}>
              <CallScreen visible={page === 'calls' && !printing} />
            </Suspense>
          )}
          <Suspense fallback={loadingScreen}>
            {page === 'records' && <CallList openId={route.id} query={route.query} />}
            {page === 'customers' && <CustomersPage />}
            {page === 'tracking' && <TrackingPage />}
            {page === 'board' && <BoardPage />}
            {page === 'complaints' && <ComplaintsPage openId={route.id} />}
            {page === 'callbacks' && <CallbacksPage openId={route.id} query={route.query} />}
            {page === 'quality' && <QualityPage openId={route.id} query={route.query} />}
            {page === 'myQuality' && <MyQualityPage openId={route.id} query={route.query} />}
            {page === 'appraisal' && <AppraisalPage />}
            {page === 'attendance' && <AttendancePage />}
            {page === 'bulletin' && <BulletinPage openId={route.id} query={route.query} />}
            {page === 'handover' && <HandoverPage openId={route.id} query={route.query} />}
            {page === 'settings' && <SettingsPage />}
          </Suspense>
        </AppLayout>
      </div>
      <Suspense fallback={null}>
        <IdleLock pendingCall={!!heldCall} />
      </Suspense>
      <Suspense fallback={null}>
        <SignInPrompt />
      </Suspense>
    </>
  );
}
