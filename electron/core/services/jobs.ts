import { type HandlerMap, sessionOf } from '../handler';
import { jobsOf } from '../jobs/runner';

/** A job is its starter's alone: another user (an administrator too) gets not_found. */
export const jobHandlers: HandlerMap<'jobs.status' | 'jobs.cancel' | 'jobs.read'> = {
  'jobs.status': ({ ctx, session, params }) => jobsOf(ctx).status(params.jobId, sessionOf(session).user.id),
  'jobs.cancel': ({ ctx, session, params }) => jobsOf(ctx).cancel(params.jobId, sessionOf(session).user.id),
  'jobs.read': ({ ctx, session, params }) => jobsOf(ctx).read(params.jobId, sessionOf(session).user.id, params.offset),
};
