import { create } from 'zustand';
import type { JobStatus } from '../../../shared/api/jobsTypes';
import { call, onEvent } from '../api/client';

/**
 * The core's jobs this window started (long exports, docs/reports.md): their progress, from the
 * `job.progress` events and, in case an event is missed (the event stream reconnecting), from polling
 * jobs.status. A job's handlers run once when it ends, whichever page is on screen then: an export
 * started on the tracking sheet still downloads after a screen pop has opened the call form.
 */

/** A job shows its progress once it has run this long: a quick export needs no bar. */
export const SHOW_PROGRESS_AFTER_MS = 1000;
const POLL_MS = 1000;

export interface TrackedJob {
  status: JobStatus;
  /** What the job is, in words (the bar's title). */
  label: string;
  startedAt: number;
  cancelling?: boolean;
}

export interface JobHandlers {
  onDone(status: JobStatus): Promise<void> | void;
  onFailed?(status: JobStatus): void;
  onCancelled?(status: JobStatus): void;
}

export const useJobs = create<{ jobs: Record<string, TrackedJob> }>(() => ({ jobs: {} }));

const handlers = new Map<string, JobHandlers>();
let stopListening: (() => void) | null = null;

function put(jobId: string, patch: Partial<TrackedJob>): void {
  const cur = useJobs.getState().jobs[jobId];
  if (cur) useJobs.setState((s) => ({ jobs: { ...s.jobs, [jobId]: { ...cur, ...patch } } }));
}

const PHASE_ORDER = { select: 0, write: 1 } as const;

/** A newer state of a job: events and polls may cross, so a job never goes back (to an earlier phase or count). */
function update(next: JobStatus): void {
  const cur = useJobs.getState().jobs[next.jobId];
  if (cur?.status.state !== 'running') return;
  const phase = PHASE_ORDER[next.phase] - PHASE_ORDER[cur.status.phase];
  if (next.state === 'running' && (phase < 0 || (phase === 0 && next.done < cur.status.done))) return;
  put(next.jobId, { status: next });
  if (next.state !== 'running') void settle(next);
}

async function settle(status: JobStatus): Promise<void> {
  const h = handlers.get(status.jobId);
  handlers.delete(status.jobId);
  useJobs.setState((s) => {
    const { [status.jobId]: _gone, ...rest } = s.jobs;
    return { jobs: rest };
  });
  if (!handlers.size) {
    stopListening?.();
    stopListening = null;
  }
  if (status.state === 'done') await h?.onDone(status);
  else if (status.state === 'failed') h?.onFailed?.(status);
  else h?.onCancelled?.(status);
}

function listen(): void {
  if (stopListening) return;
  const off = onEvent('job.progress', update);
  const poll = setInterval(() => {
    for (const j of Object.values(useJobs.getState().jobs)) {
      void call('jobs.status', { jobId: j.status.jobId }).then((res) => {
        if (res.ok) update(res.result);
      });
    }
  }, POLL_MS);
  stopListening = () => {
    off();
    clearInterval(poll);
  };
}

/** Follows a job the core has started (the answer of e.g. tracking.exportStart) until it ends. */
export function trackJob(status: JobStatus, label: string, h: JobHandlers): void {
  handlers.set(status.jobId, h);
  useJobs.setState((s) => ({ jobs: { ...s.jobs, [status.jobId]: { status: { ...status, state: 'running' }, label, startedAt: Date.now() } } }));
  listen();
  if (status.state !== 'running') update(status);
}

export async function cancelJob(jobId: string): Promise<void> {
  put(jobId, { cancelling: true });
  const res = await call('jobs.cancel', { jobId });
  if (res.ok) update(res.result);
  else put(jobId, { cancelling: false });
}
