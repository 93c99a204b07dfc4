import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../components/router';
import { mayTakeCalls, useRole } from '../auth/sessionStore';
import { ComplaintList } from './ComplaintList';
import { ComplaintSheet } from './ComplaintSheet';
import { MyComplaints } from './MyComplaints';
import { NewComplaintDrawer } from './NewComplaint';
import { blankValues } from './form/values';

type Tab = 'mine' | 'all';
// Coming back from a sheet returns to the tab the user left.
let lastTab: Tab = 'mine';

/** 投诉处理 (#/complaints, #/complaints/<id>): 我的待办, 投诉列表, 新建投诉; a row opens the sheet. */
export function ComplaintsPage({ openId }: { openId: string | null }) {
  const { t } = useTranslation();
  const role = useRole();
  const [tab, setTab] = useState<Tab>(lastTab);
  const [creating, setCreating] = useState(false);

  if (openId) return <ComplaintSheet key={openId} id={openId} />;

  return (
    <Card
      className="page-card"
      size="small"
      title={t('complaint.title')}
      extra={
        mayTakeCalls(role) && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="complaint-new-button" onClick={() => setCreating(true)}>
            {t('complaint.new')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          lastTab = k as Tab;
          setTab(k as Tab);
        }}
        items={[
          { key: 'mine', label: <span data-testid="complaint-tab-mine">{t('complaint.tabs.mine')}</span>, children: <MyComplaints /> },
          { key: 'all', label: <span data-testid="complaint-tab-all">{t('complaint.tabs.all')}</span>, children: <ComplaintList /> },
        ]}
      />
      {creating && (
        <NewComplaintDrawer
          title={t('complaint.newTitle')}
          initial={blankValues('visit')}
          callId={null}
          onClose={() => setCreating(false)}
          onDone={(c) => {
            setCreating(false);
            navigate('complaints', c.id);
          }}
        />
      )}
    </Card>
  );
}
