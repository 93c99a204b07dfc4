import {
  AlertOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileTextOutlined,
  InteractionOutlined,
  LogoutOutlined,
  PhoneOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, ConfigProvider, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_TAKERS, CALLBACK_ROLES, HANDOVER_ROLES, isQaRole, isSupervisor, type Role } from '../../../shared/domain/roles';
import { useSettings } from '../features/admin/settingsStore';
import { mayTakeCalls, useSession } from '../features/auth/sessionStore';
import { CallbackBadge } from '../features/callbacks/CallbackBadge';
import { CalendarBanner } from '../features/complaints/CalendarBanner';
import { SyncIndicator, UpgradeAlert } from '../features/sync/SyncIndicator';
import '../features/bulletin/strings';
import '../features/handover/strings';
import '../features/tracking/strings';
import { JobTray } from './JobProgress';
import { landingPage } from './landing';
import { CONSOLE_THEME } from './theme';
import { LanguageSwitch } from './LanguageSwitch';
import { navigate, type Page } from './router';
import '../i18n/consoleSections';

interface NavItem {
  page: Page;
  icon: ReactNode;
  label: string;
  testId: string;
  allowed: (role: Role) => boolean;
}

/** Which pages a role sees. The core enforces the same rules; the menu only avoids dead ends. */
export function navItems(t: (k: string) => string): NavItem[] {
  return [
    { page: 'calls', icon: <PhoneOutlined />, label: t('layout.nav.calls'), testId: 'nav-calls', allowed: (r) => mayTakeCalls(r) },
    { page: 'records', icon: <UnorderedListOutlined />, label: t('layout.nav.callList'), testId: 'nav-records', allowed: () => true },
    { page: 'customers', icon: <TeamOutlined />, label: t('layout.nav.customers'), testId: 'nav-customers', allowed: () => true },
    { page: 'tracking', icon: <TableOutlined />, label: t('tracking.nav'), testId: 'nav-tracking', allowed: isSupervisor },
    { page: 'board', icon: <DashboardOutlined />, label: t('tracking.boardNav'), testId: 'nav-board', allowed: isSupervisor },
    { page: 'complaints', icon: <AlertOutlined />, label: t('complaint.nav'), testId: 'nav-complaints', allowed: () => true },
    { page: 'callbacks', icon: <ScheduleOutlined />, label: t('callback.nav'), testId: 'nav-callbacks', allowed: () => true },
    { page: 'quality', icon: <AuditOutlined />, label: t('quality.nav.quality'), testId: 'nav-quality', allowed: isQaRole },
    // Whoever serves customers is sampled and reviewed, and reads their reviews and findings here.
    { page: 'myQuality', icon: <SolutionOutlined />, label: t('quality.nav.myQuality'), testId: 'nav-myQuality', allowed: (r) => r !== 'admin' && (CALL_TAKERS.includes(r) || CALLBACK_ROLES.includes(r)) },
    { page: 'appraisal', icon: <TrophyOutlined />, label: t('quality.nav.appraisal'), testId: 'nav-appraisal', allowed: (r) => r !== 'admin' },
    // Administrators configure the product; they are not appraised and do not sign in for shifts.
    { page: 'attendance', icon: <CalendarOutlined />, label: t('quality.nav.attendance'), testId: 'nav-attendance', allowed: (r) => r !== 'admin' },
    { page: 'handover', icon: <InteractionOutlined />, label: t('handover.nav'), testId: 'nav-handover', allowed: (r) => HANDOVER_ROLES.includes(r) },
    // Leads write the bulletin and inspectors read its draft; everybody reads what was published.
    { page: 'bulletin', icon: <FileTextOutlined />, label: t('bulletin.nav'), testId: 'nav-bulletin', allowed: () => true },
    { page: 'settings', icon: <SettingOutlined />, label: t('layout.nav.settings'), testId: 'nav-settings', allowed: (r) => r === 'admin' },
  ];
}

/** The page a role is sent to when the address names one it may not use: where its day starts. */
export const defaultPage = (role: Role): Page => landingPage(role);

export function AppLayout({ page, children }: { page: Page; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const logout = useSession((s) => s.logout);
  const orgName = useSettings((s) => s.settings?.organisationName) ?? session?.organisationName ?? '';
  if (!session) return null;
  const { user } = session;
  const items = navItems(t).filter((n) => n.allowed(user.role));

  return (
    // The console's control sizes (the app's ConfigProvider above keeps the palette and the locale).
    <ConfigProvider theme={CONSOLE_THEME}>
      <Layout className="app-layout">
        <Layout.Sider width={176} theme="light" className="app-sider">
          <div className="app-brand">
            <PhoneOutlined /> {t('app.title')}
          </div>
          <Menu
            mode="inline"
            selectedKeys={[page]}
            onClick={(e) => navigate(e.key as Page)}
            items={items.map((n) => ({
              key: n.page,
              icon: n.icon,
              label: (
                <span data-testid={n.testId}>
                  {n.label}
                  {n.page === 'callbacks' && <CallbackBadge />}
                </span>
              ),
            }))}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="app-header">
            <Space size={12} className="app-header-left">
              <Typography.Text strong data-testid="header-org" data-data="">
                {orgName}
              </Typography.Text>
              <Tag data-testid="header-workstation">
                {t('layout.workstation')} {session.workstation}
              </Tag>
            </Space>
            <Space size={12}>
              <SyncIndicator />
              <span data-testid="header-user">
                <span data-data="">{user.displayName}</span> <Tag color="blue">{t(`roles.${user.role}`)}</Tag>
              </span>
              <LanguageSwitch />
              <Button data-testid="logout-button" size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
                {t('layout.logout')}
              </Button>
            </Space>
          </Layout.Header>
          <UpgradeAlert />
          <CalendarBanner />
          <Layout.Content className="app-content">{children}</Layout.Content>
          <JobTray />
        </Layout>
      </Layout>
    </ConfigProvider>
  );
}
