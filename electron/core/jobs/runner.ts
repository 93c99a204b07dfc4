import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { JobChunk, JobKind, JobPhase, JobStatus } from '../../../shared/api/jobsTypes';
import { classifyStoreError } from '../../../shared/node/storeHealth';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';

/**
 * Long work on the core's one thread, in steps (docs/reports.md, "Long exports"). The core serves the
 * call screen from the same thread, so a long export must not hold it: the work runs a step (a chunk of
 * rows), then gives the event loop back (setImmediate) so that the requests waiting meanwhile are
 * answered, then the next step. Each step reports `job.progress`; a cancel is seen at the next step. The
 * result is a file in `<dataDir>/exports/`, handed once to the job's owner and then deleted.
 */

/**
 * A step works about this long before it gives the thread back: the longest a request that arrives
 * meanwhile (a screen pop) waits. Steps are cut by time, not by rows, so a slower machine holds calls no longer.
 */
export const JOB_STEP_MS = 50;
/** A finished file nobody takes is deleted after this long (it holds customers' data in the clear). */
export const KEEP_FILE_MS = 15 * 60_000;
/** jobs.read hands a file over in pieces of this size (base64 in an envelope: about 5.3 MB each). */
export const READ_PIECE_BYTES = 4 * 1024 * 1024;
/** Finished jobs remembered for jobs.status; older ones are forgotten. */
const KEEP_FINISHED = 50;

export interface JobSpec {
  kind: JobKind;
  ownerId: string;
  /** Where the first phase stands at the start (its work done so far, of `total`). */
  done?: number;
  total: number;
  filename: string;
  mime: string;
  /** The file's extension in the exports folder. */
  ext: string;
  /** The first phase's total (e.g. the rows to scan); the work may change it with its phase. */
  phase: JobPhase;
  /**
   * Writes the file, one step at a time: after each step it awaits `step(progress)`, which reports it,
   * lets other requests run, and throws when the job was cancelled (or the store closed) meanwhile.
   */
  run(file: string, step: (progress: JobProgress) => Promise<void>): Promise<void>;
}

export interface JobProgress {
  done: number;
  total?: number;
  phase?: JobPhase;
}

interface Job {
  status: JobStatus;
  ownerId: string;
  mime: string;
  file: string;
  cancelled: boolean;
  /** The file was handed over (or deleted): it cannot be taken again. */
  gone: boolean;
  expiry?: NodeJS.Timeout;
  finished: Promise<void>;
}

class Cancelled extends Error {}

/**
 * Wraps a job's `step` so that the work can call it after every small piece: it steps (reports progress
 * and yields) only once JOB_STEP_MS have passed since the last step.
 */
export function stepByTime(step: (p: JobProgress) => Promise<void>): (p: JobProgress) => Promise<void> {
  let next = performance.now() + JOB_STEP_MS;
  return async (p) => {
    if (performance.now() < next) return;
    await step(p);
    next = performance.now() + JOB_STEP_MS;
  };
}

const rm = (file: string) => fs.rmSync(file, { force: true });
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly ctx: CoreContext,
    readonly dir: string,
  ) {
    // Files left by a process that stopped mid-export or before its owner took them.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  start(spec: JobSpec): JobStatus {
    for (const j of this.jobs.values())
      if (j.ownerId === spec.ownerId && j.status.state === 'running' && !j.cancelled)
        throw new ApiFailure('refused', 'an export of yours is still running: wait for it or cancel it');
    const jobId = randomUUID();
    const job: Job = {
      status: { jobId, kind: spec.kind, phase: spec.phase, done: spec.done ?? 0, total: spec.total, state: 'running', filename: spec.filename },
      ownerId: spec.ownerId,
      mime: spec.mime,
      file: path.join(this.dir, `${jobId}.${spec.ext}`),
      cancelled: false,
      gone: false,
      finished: Promise.resolve(),
    };
    this.jobs.set(jobId, job);
    job.finished = this.drive(job, spec);
    this.prune();
    return { ...job.status };
  }

  private emit(job: Job): void {
    this.ctx.emit('job.progress', { ...job.status });
  }

  private async drive(job: Job, spec: JobSpec): Promise<void> {
    const step = async (p: JobProgress) => {
      job.status = { ...job.status, ...p };
      this.emit(job);
      await yieldToRequests();
      if (job.cancelled || !this.ctx.db.open) throw new Cancelled();
    };
    try {
      // The first step runs after the answer that started the job has gone out.
      await yieldToRequests();
      if (job.cancelled) throw new Cancelled();
      await spec.run(job.file, step);
      if (job.cancelled) throw new Cancelled();
      job.status = { ...job.status, state: 'done', done: job.status.total, size: fs.statSync(job.file).size };
      job.expiry = setTimeout(() => this.discard(job), KEEP_FILE_MS);
      job.expiry.unref();
    } catch (err) {
      rm(job.file);
      job.gone = true;
      if (err instanceof Cancelled || job.cancelled) job.status = { ...job.status, state: 'cancelled' };
      else {
        const code = err instanceof ApiFailure ? err.code : (classifyStoreError(err) ?? 'internal');
        this.ctx.log.error({ job: job.status.jobId, kind: job.status.kind, err: err instanceof Error ? err.message : String(err) }, 'a job failed');
        job.status = { ...job.status, state: 'failed', error: { code, message: code === 'internal' ? 'the export failed; the details are in the log' : String((err as Error).message) } };
      }
    }
    this.emit(job);
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.discard(j);
      this.jobs.delete(j.status.jobId);
    }
  }

  private discard(job: Job): void {
    if (job.expiry) clearTimeout(job.expiry);
    rm(job.file);
    job.gone = true;
  }

  /** Another user's job is as good as none: they learn nothing of it. */
  private mine(jobId: string, ownerId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job || job.ownerId !== ownerId) throw new ApiFailure('not_found', 'no such job');
    return job;
  }

  status(jobId: string, ownerId: string): JobStatus {
    return { ...this.mine(jobId, ownerId).status };
  }

  /** Running: stops at its next step and deletes the partial file. Done: its file is deleted unread. */
  cancel(jobId: string, ownerId: string): JobStatus {
    const job = this.mine(jobId, ownerId);
    if (job.status.state === 'running' || job.status.state === 'done') {
      job.cancelled = true;
      if (job.status.state === 'done') this.discard(job);
      job.status = { ...job.status, state: 'cancelled' };
      this.emit(job);
    }
    return { ...job.status };
  }

  private ready(jobId: string, ownerId: string): Job {
    const job = this.mine(jobId, ownerId);
    if (job.status.state !== 'done') throw new ApiFailure('refused', `the job is ${job.status.state}, not done`);
    if (job.gone) throw new ApiFailure('not_found', 'the file was already taken or has expired');
    return job;
  }

  /** A piece of the finished file; the last piece deletes it (one-time). */
  read(jobId: string, ownerId: string, offset: number): JobChunk {
    const job = this.ready(jobId, ownerId);
    const size = job.status.size ?? 0;
    if (offset > size) throw new ApiFailure('invalid_params', 'offset past the end of the file', [{ field: 'offset', code: 'out_of_range', message: 'past the end', params: { maximum: size } }]);
    const length = Math.min(READ_PIECE_BYTES, size - offset);
    const buf = Buffer.alloc(length);
    const fd = fs.openSync(job.file, 'r');
    try {
      fs.readSync(fd, buf, 0, length, offset);
    } finally {
      fs.closeSync(fd);
    }
    const next = offset + length < size ? offset + length : null;
    if (next === null) this.discard(job);
    return { filename: job.status.filename, mime: job.mime, base64: buf.toString('base64'), offset, size, next };
  }

  /**
   * The finished file for a download by URL (the browser host): it is the caller's to send and delete
   * (`done`); nobody can take it again.
   */
  take(jobId: string, ownerId: string): { file: string; filename: string; mime: string; size: number; done(): void } {
    const job = this.ready(jobId, ownerId);
    job.gone = true;
    if (job.expiry) clearTimeout(job.expiry);
    return { file: job.file, filename: job.status.filename, mime: job.mime, size: job.status.size ?? 0, done: () => rm(job.file) };
  }

  /** Resolves when the job has stopped (done, failed or cancelled, its partial file deleted): for tests. */
  settled(jobId: string): Promise<void> {
    return this.jobs.get(jobId)?.finished ?? Promise.resolve();
  }
}

const runners = new WeakMap<Database.Database, JobRunner>();

/** The jobs of this store's core (a restored store is a new connection, so its jobs start afresh). */
export function jobsOf(ctx: CoreContext): JobRunner {
  let r = runners.get(ctx.db);
  if (!r) {
    r = new JobRunner(ctx, path.join(ctx.store?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-')), 'exports'));
    runners.set(ctx.db, r);
  }
  return r;
}
