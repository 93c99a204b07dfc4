import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppraisalReport, AppraisalRow } from '../../../../shared/api/qualityTypes';
import { periodDays } from '../../../../shared/domain/appraisal';
import { isQaRole } from '../../../../shared/domain/roles';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/settings';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useSettings } from '../admin/settingsStore';
import { useRole, useSession } from '../auth/sessionStore';
import { downloadBase64 } from '../tracking/download';
import { MyScorecard } from './MyScorecard';
import { PeriodPicker } from './PeriodPicker';
import { DEFAULT_PERIOD, type PeriodChoice } from './period';
import { TeamRanking } from './TeamRanking';
import './appraisal.css';

// Coming back to the page shows the period the user left; the next user starts from last month.
let lastPeriod: PeriodChoice | null = null;
useSession.subscribe((s) => {
  if (!s.session) lastPeriod = null;
});

/** What changes an appraisal: calls, complaints, callbacks, reviews and sign-ins. */
const FEEDS = ['call', 'complaint', 'callback', 'qa_review', 'attendance', 'leave'] as const;

/**
 * 绩效 (#/appraisal). Quality inspectors and team leads see the team ranked, with the export; everyone
 * else sees only their own scorecard (the core refuses the team to them as well). Administrators are
 * not appraised.
 */
export function AppraisalPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const role = useRole();
  const team = !!role && isQaRole(role);
  const settings = useSettings((s) => s.settings);
  const weights = settings?.appraisalWeights ?? DEFAULT_SETTINGS.appraisalWeights;
  const attendance = settings?.attendance ?? DEFAULT_SETTINGS.attendance;
  const th = { flagBelow: attendance.flagBelowPercent, commendAbove: attendance.commendAbovePercent };
  const [period, setPeriodState] = useState<PeriodChoice>(() => lastPeriod ?? DEFAULT_PERIOD());
  const [report, setReport] = useState<AppraisalReport | null>(null);
  const [mine, setMine] = useState<AppraisalRow | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const appraised = role !== 'admin';

  const setPeriod = (p: PeriodChoice) => {
    lastPeriod = p;
    setPeriodState(p);
  };

  const load = useCallback(async () => {
    if (!appraised) return;
    setLoading(true);
    const params = { period: period.period, key: period.key };
    if (team) {
      const res = await call('appraisal.team', params);
      setLoading(false);
      if (!res.ok) return setError(errorText(res.error));
      setReport(res.result);
    } else {
      const res = await call('appraisal.mine', params);
      setLoading(false);
      if (!res.ok) return setError(errorText(res.error));
      setMine(res.result);
    }
    setError(null);
  }, [period.period, period.key, team, appraised]);

  useEffect(() => {
    void load();
  }, [load]);
  // An appraisal is a heavy read: a burst of changes (a pull) refreshes it at most every few seconds.
  useRecordsChanged(FEEDS, () => void load(), { ms: 5000 });

  const doExport = async () => {
    setExporting(true);
    const res = await call('appraisal.export', { period: period.period, key: period.key });
    setExporting(false);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    downloadBase64(res.result.filename, res.result.mime, res.result.base64);
    message.success(t('appraisal.team.exported', { n: res.result.rows, file: res.result.filename }));
  };

  const days = periodDays(period.period, period.key);
  return (
    <Card
      className="page-card"
      size="small"
      data-testid="appraisal-page"
      title={
        <Space size={12}>
          {team ? t('appraisal.team.title') : t('appraisal.mine.title')}
          {days && (
            <Typography.Text type="secondary" className="appraisal-range">
              {t('appraisal.range', { from: days.from, to: days.to })}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Space>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void load()} />
          {team && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="appraisal-export">
              {t('appraisal.team.export')}
            </Button>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="appraisal-error" />}
      {!appraised ? (
        <Alert type="info" showIcon data-testid="appraisal-not-appraised" title={t('appraisal.mine.none')} />
      ) : team ? (
        <TeamRanking rows={report?.rows ?? []} loading={loading} th={th} />
      ) : (
        <MyScorecard row={mine} weights={weights} th={th} loading={loading} />
      )}
    </Card>
  );
}
