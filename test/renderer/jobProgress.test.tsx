import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/jobsTypes';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { JobProgress, JobTray } from '../../renderer/src/components/JobProgress';
import { trackJob, useJobs } from '../../renderer/src/components/jobs';
import { downloadJobFile } from '../../renderer/src/features/tracking/download';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';

const settle = () => act(async () => {});
const JOB: JobStatus = { jobId: '01a20584-06f7-7129-91b2-27fa7cfc5475', kind: 'tracking_export', phase: 'write', done: 0, total: 200_000, state: 'running', filename: '客户投诉及处理跟踪表-202611221000.xlsx' };

/** Shows the tracked jobs at once, as after a second of running. */
const ranASecond = () => act(() => useJobs.setState((s) => ({ jobs: Object.fromEntries(Object.entries(s.jobs).map(([k, j]) => [k, { ...j, startedAt: Date.now() - 2000 }])) })));

afterEach(() => {
  setBridgeForTests(null);
  window.hotline = undefined;
  useJobs.setState({ jobs: {} });
});

describe('JobProgress', () => {
  it('shows how many of how many, the share done, and cancels', () => {
    let cancelled = 0;
    render(<JobProgress title="正在导出跟踪表" done={50_000} total={200_000} onCancel={() => cancelled++} />);
    expect(screen.getByTestId('job-progress').textContent).toContain('正在导出跟踪表');
    expect(screen.getByTestId('job-progress-count').textContent).toBe('50,000 / 200,000 条(25%)');
    fireEvent.click(screen.getByTestId('job-progress-cancel'));
    expect(cancelled).toBe(1);
  });
});

describe('JobTray: a core job from start to end', () => {
  it('follows the progress events, hides a job that has run less than a second, and runs its end once', async () => {
    const fake = fakeBridge();
    const ended: string[] = [];
    render(
      <AntApp>
        <JobTray />
      </AntApp>,
    );
    act(() => trackJob({ ...JOB, phase: 'select', done: 0, total: 1000 }, '正在导出跟踪表', { onDone: (s) => void ended.push(`done ${s.done}`) }));
    await settle();
    // A quick job shows no bar.
    expect(screen.queryByTestId('job-tray')).toBeNull();
    await ranASecond();
    // While the rows are being selected, the share of the table scanned.
    await act(async () => fake.emit('job.progress', { ...JOB, phase: 'select', done: 400, total: 1000 }));
    expect(screen.getByTestId('job-progress-count').textContent).toBe('正在筛选(40%)');
    // The rows found, the writing begins: its count starts again from 0.
    await act(async () => fake.emit('job.progress', { ...JOB, phase: 'write', done: 0 }));
    expect(screen.getByTestId('job-progress-count').textContent).toBe('0 / 200,000 条(0%)');
    await act(async () => fake.emit('job.progress', { ...JOB, done: 20_000 }));
    expect(screen.getByTestId('job-progress-count').textContent).toBe('20,000 / 200,000 条(10%)');
    // An older event (crossed with a poll) does not move the bar back.
    await act(async () => fake.emit('job.progress', { ...JOB, done: 2_000 }));
    expect(screen.getByTestId('job-progress-count').textContent).toContain('20,000');
    await act(async () => fake.emit('job.progress', { ...JOB, done: 200_000, state: 'done', size: 9 }));
    await act(async () => fake.emit('job.progress', { ...JOB, done: 200_000, state: 'done', size: 9 }));
    await settle();
    expect(ended).toEqual(['done 200000']);
    expect(screen.queryByTestId('job-tray')).toBeNull();
  });

  it('cancels from the bar: the core is asked, and the job ends as cancelled', async () => {
    const fake = fakeBridge({ 'jobs.cancel': () => ({ ok: true, result: { ...JOB, done: 4_000, state: 'cancelled' } }) });
    const ended: string[] = [];
    render(
      <AntApp>
        <JobTray />
      </AntApp>,
    );
    act(() => trackJob(JOB, '正在导出跟踪表', { onDone: () => void ended.push('done'), onCancelled: (s) => ended.push(`cancelled at ${s.done}`) }));
    await ranASecond();
    fireEvent.click(screen.getByTestId('job-progress-cancel'));
    await settle();
    expect(fake.of('jobs.cancel')[0]!.params).toEqual({ jobId: JOB.jobId });
    expect(ended).toEqual(['cancelled at 4000']);
    expect(screen.queryByTestId('job-tray')).toBeNull();
  });
});

describe('downloadJobFile', () => {
  it('in the desktop app, fetches the file in pieces over IPC and saves one Blob', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = (b: Blob | MediaSource) => {
      blobs.push(b as Blob);
      return 'blob:x';
    };
    URL.revokeObjectURL = () => {};
    const fake = fakeBridge({
      'jobs.read': (p) =>
        p.offset === 0
          ? { ok: true, result: { filename: JOB.filename, mime: 'text/csv', base64: btoa('abc'), offset: 0, size: 5, next: 3 } }
          : { ok: true, result: { filename: JOB.filename, mime: 'text/csv', base64: btoa('de'), offset: 3, size: 5, next: null } },
    });
    expect(await downloadJobFile({ ...JOB, state: 'done' })).toBe(true);
    expect(fake.of('jobs.read').map((c) => c.params.offset)).toEqual([0, 3]);
    expect(blobs).toHaveLength(1);
    const text = await new Promise<string>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result));
      r.readAsText(blobs[0]!);
    });
    expect(text).toBe('abcde');
    expect(blobs[0]!.type).toBe('text/csv');
  });

  it('in the browser host, downloads it by URL (the page never holds it)', async () => {
    const clicked: { href: string; download: string }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    };
    try {
      expect(await downloadJobFile({ ...JOB, state: 'done' })).toBe(true);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(clicked).toEqual([{ href: `/jobs/${JOB.jobId}/file`, download: JOB.filename }]);
  });
});
