import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEAD_ROLES } from '../../../../shared/domain/roles';
import { useRole, useSession } from '../auth/sessionStore';
import { LeaveApprovals } from './LeaveApprovals';
import { MyAttendance } from './MyAttendance';
import { MyLeave } from './MyLeave';
import { TeamAttendance } from './TeamAttendance';
import './attendance.css';

type Tab = 'mine' | 'leave' | 'team' | 'approvals';
// Coming back to 考勤 opens the tab the user left; the next user starts on their own attendance.
let lastTab: Tab = 'mine';
useSession.subscribe((s) => {
  if (!s.session) lastTab = 'mine';
});

/** 考勤 (#/attendance): my attendance and my leave; team attendance and leave approvals for team leads. */
export function AttendancePage() {
  const { t } = useTranslation();
  const role = useRole();
  const lead = !!role && LEAD_ROLES.includes(role);
  const tabs: Tab[] = lead ? ['mine', 'leave', 'team', 'approvals'] : ['mine', 'leave'];
  const [tab, setTab] = useState<Tab>(() => (tabs.includes(lastTab) ? lastTab : 'mine'));
  const body = (k: Tab) => {
    if (k !== tab) return null; // each tab reads when shown, and again when shown again
    if (k === 'mine') return <MyAttendance />;
    if (k === 'leave') return <MyLeave />;
    if (k === 'team') return <TeamAttendance />;
    return <LeaveApprovals />;
  };
  return (
    <Card className="page-card" size="small" title={t('attendance.title')} data-testid="attendance-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          lastTab = k as Tab;
          setTab(k as Tab);
        }}
        items={tabs.map((k) => ({ key: k, label: <span data-testid={`attendance-tab-${k}`}>{t(`attendance.tabs.${k}`)}</span>, children: body(k) }))}
      />
    </Card>
  );
}
