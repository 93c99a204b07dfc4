import { Button, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { cancelJob, SHOW_PROGRESS_AFTER_MS, useJobs } from './jobs';
import { useNow } from './useNow';
import './jobs.css';

export interface JobProgressProps {
  /** What is running, in words: 正在导出跟踪表. */
  title: string;
  done: number;
  total: number;
  /** In place of "done / total (percent)": e.g. while a job is still finding what to count. */
  countText?: string;
  onCancel?: () => void;
  cancelling?: boolean;
  /** Names the bar and its parts for tests: `<testId>`, `<testId>-count`, `<testId>-cancel`. */
  testId?: string;
}

/** A long job's progress: how many of how many, the share done, and a button that cancels it. Any long report may use it. */
export function JobProgress({ title, done, total, countText, onCancel, cancelling, testId = 'job-progress' }: JobProgressProps) {
  const { t } = useTranslation();
  const percent = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0;
  return (
    <div className="job-progress" data-testid={testId} role="status" aria-live="polite">
      <div className="job-progress-head">
        <Typography.Text strong>{title}</Typography.Text>
        <span className="job-progress-count" data-testid={`${testId}-count`}>
          {countText ?? t('jobs.count', { done: done.toLocaleString(), total: total.toLocaleString(), percent })}
        </span>
      </div>
      <div className="job-progress-bar">
        <Progress percent={percent} size="small" status="active" showInfo={false} />
        {onCancel && (
          <Button size="small" onClick={onCancel} loading={cancelling} data-testid={`${testId}-cancel`}>
            {t('jobs.cancel')}
          </Button>
        )}
      </div>
    </div>
  );
}

/**
 * The core's running jobs, in a corner of every page, each once it has run a second. It stays while the
 * user moves on (to the call form on a screen pop): the job goes on in the core and ends where it was started.
 */
export function JobTray() {
  const { t } = useTranslation();
  const jobs = Object.values(useJobs((s) => s.jobs));
  const now = useNow(jobs.length > 0, 250);
  const shown = jobs.filter((j) => now - j.startedAt >= SHOW_PROGRESS_AFTER_MS);
  if (!shown.length) return null;
  return (
    <div className="job-tray no-print" data-testid="job-tray">
      {shown.map((j) => (
        <JobProgress
          key={j.status.jobId}
          title={j.label}
          done={j.status.done}
          total={j.status.total}
          // While an export selects its rows, the counts are of the table scanned, not of rows to write.
          countText={j.status.phase === 'select' ? t('jobs.selecting', { percent: j.status.total ? Math.floor((j.status.done * 100) / j.status.total) : 0 }) : undefined}
          cancelling={j.cancelling}
          onCancel={() => void cancelJob(j.status.jobId)}
        />
      ))}
    </div>
  );
}
