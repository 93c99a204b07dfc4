import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

/** 考勤 (#/attendance): my attendance and my leave; team attendance and leave approvals for team leads. */
export function AttendancePage() {
  const { t } = useTranslation();
  return <Card className="page-card" size="small" title={t('nav.attendance', { defaultValue: '考勤' })} data-testid="attendance-page" />;
}
