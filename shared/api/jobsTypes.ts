/**
 * Long work the core runs in steps (docs/reports.md, "Long exports"): a report or export that may take
 * longer than a second runs as a job, reports its progress as `job.progress` events, can be cancelled,
 * and leaves a file for its owner to take once.
 */

export const JOB_KINDS = ['tracking_export'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** running → done (a file waits for its owner) | failed | cancelled. */
export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * What a job is doing now: `select` finds the rows (done/total count the table's rows scanned), `write`
 * writes them to the file (done/total count the rows of the file).
 */
export const JOB_PHASES = ['select', 'write'] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

/** A job as its owner sees it, and the payload of each `job.progress` event. */
export interface JobStatus {
  jobId: string;
  kind: JobKind;
  phase: JobPhase;
  /** Units of the phase done so far, of `total`. */
  done: number;
  total: number;
  state: JobState;
  /** The file's name once known (an export names it at the start). */
  filename: string;
  /** Size in bytes of the finished file (state done). */
  size?: number;
  /** Why it failed (state failed): the same codes as an API error. */
  error?: { code: string; message: string };
}

/** One piece of a finished job's file (jobs.read), for bridges that cannot download it by URL (Electron). */
export interface JobChunk {
  filename: string;
  mime: string;
  /** The bytes from `offset`, base64. */
  base64: string;
  offset: number;
  size: number;
  /** Where the next piece starts, or null after the last one (the file is then deleted). */
  next: number | null;
}
