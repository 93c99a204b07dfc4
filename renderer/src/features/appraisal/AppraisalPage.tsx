import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

/** 绩效 (#/appraisal): the team's ranked scorecards for QA roles, "my scorecard" for everyone else. */
export function AppraisalPage() {
  const { t } = useTranslation();
  return <Card className="page-card" size="small" title={t('nav.appraisal', { defaultValue: '绩效' })} data-testid="appraisal-page" />;
}
