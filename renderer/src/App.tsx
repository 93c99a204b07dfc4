import { App as AntApp, Button, ConfigProvider, Result, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from './api/client';
import { AppLayout, defaultPage, navItems } from './components/AppLayout';
import { navigate, useRoute } from './components/router';
import { subscribeThrottled } from './components/useRecordsChanged';
import { SettingsPage } from './features/admin/SettingsPage';
import { useSettings } from './features/admin/settingsStore';
import { IdleLock } from './features/auth/LockScreen';
import { LoginPage } from './features/auth/LoginPage';
import { StoreCheck } from './features/backups/StoreCheck';
import { mayTakeCalls, useSession } from './features/auth/sessionStore';
import { useActiveCall } from './features/calls/activeCallStore';
import { CallList } from './features/calls/CallList';
import { CallScreen } from './features/calls/CallScreen';
import { CallbacksPage } from './features/callbacks/CallbacksPage';
import { useCallbackCounts } from './features/callbacks/countsStore';
import './features/callbacks/callbacks.css';
import { CustomersPage } from './features/customers/CustomersPage';
import { ComplaintsPage } from './features/complaints/ComplaintsPage';
import './features/complaints/complaints.css';
import { PrintPage, usePrintRoute } from './features/print/PrintPage';
import './features/scripts/scripts.css';
import { SetupPage } from './features/setup/SetupPage';
import { useSync } from './features/sync/syncStore';
import { BoardPage } from './features/tracking/BoardPage';
import { TrackingPage } from './features/tracking/TrackingPage';
import { i18n } from './i18n';

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
        {/* A damaged store offers the restore of a backup; any other failure shows what went wrong. */}
        <StoreCheck>
          <Result status="error" title={t('app.title')} subTitle={bootError} extra={<Button onClick={() => void boot()}>{t('common.refresh')}</Button>} />
        </StoreCheck>
      </div>
    );
  if (phase === 'setup') return <SetupPage />;
  if (phase === 'login') return <LoginPage />;
  return <Workspace />;
}

function Workspace() {
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
  }, [allowed, role, printing]);

  useEffect(() => {
    document.title = `${session?.organisationName ?? ''} — ${t('app.title')}`;
  }, [session?.organisationName, t]);

  const page = allowed ? route.page : defaultPage(role);
  return (
    <>
      {print && <PrintPage kind={print.kind} id={print.id} />}
      <div className={printing ? 'workspace hidden-under-print' : 'workspace'}>
        <AppLayout page={page}>
          {takesCalls && <CallScreen visible={page === 'calls' && !printing} />}
          {page === 'records' && <CallList openId={route.id} query={route.query} />}
          {page === 'customers' && <CustomersPage />}
          {page === 'tracking' && <TrackingPage />}
          {page === 'board' && <BoardPage />}
          {page === 'complaints' && <ComplaintsPage openId={route.id} />}
          {page === 'callbacks' && <CallbacksPage openId={route.id} query={route.query} />}
          {page === 'settings' && <SettingsPage />}
        </AppLayout>
      </div>
      <IdleLock pendingCall={!!heldCall} />
    </>
  );
}
