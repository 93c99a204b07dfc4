import { z } from 'zod';
import { uuid } from '../domain/fields';
import { ALL_ROLES, SUPERVISOR_ROLES } from '../domain/roles';
import { TrackingView } from '../domain/tracking';
import type * as J from './jobsTypes';
import { def } from './methodDef';

/** The board's drill-downs, as tracking.export takes them (test/core/trackingExportFull.test.ts checks they agree). */
const BoardList = z.enum(['escalation_overdue', 'unreported_major', 'callback_month']);
const JobId = z.strictObject({ jobId: uuid });

/**
 * Jobs: long exports and reports, run in steps with progress and cancel (docs/reports.md). A job is its
 * starter's: the others see nothing of it (not_found), so the job methods are open to every role.
 */
export const JOBS_API = {
  /** Annex 3 in full: every row of the view, streamed to a file in chunks; progress as `job.progress`. */
  'tracking.exportStart': def<J.JobStatus>()(TrackingView.extend({ format: z.enum(['xlsx', 'csv']), list: BoardList.optional() }).strict(), SUPERVISOR_ROLES),
  'jobs.status': def<J.JobStatus>()(JobId, ALL_ROLES),
  /** Stops a running job at its next step and deletes its partial file; a finished job's file is deleted. */
  'jobs.cancel': def<J.JobStatus>()(JobId, ALL_ROLES),
  /** A finished job's file, piece by piece (4 MiB); the last piece deletes it. */
  'jobs.read': def<J.JobChunk>()(z.strictObject({ jobId: uuid, offset: z.number().int().min(0).max(2 ** 40) }), ALL_ROLES),
} as const;
