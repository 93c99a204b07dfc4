import { api, isMethodName, type MethodName } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { checkBounds } from '../../shared/api/bounds';
import type { CoreContext } from './context';
import { classifyStoreError, storeProblemMessage } from '../../shared/node/storeHealth';
import { ApiFailure, fieldIssues } from './errors';
import { backupHandlers } from './services/backups';
import { adminHandlers } from './services/admin';
import { auditHandlers } from './services/audit';
import { authHandlers, isInitialized } from './services/auth';
import { callHandlers } from './services/calls';
import { customerHandlers } from './services/customers';
import type { Handler, HandlerMap } from './handler';
import { resolveSession, type Session } from './store/sessions';
import { syncHandlers } from './services/sync';
import { complaintHandlers } from './services/complaints';
import { boardHandlers } from './services/board';
import { trackingHandlers } from './services/tracking';
import { trackingPrintHandlers } from './services/trackingPrint';
import { callbackHandlers } from './services/callbacks';
import { callbackImportHandlers } from './services/callbackImport';
import { scriptHandlers } from './services/scripts';
import { revealHandlers } from './services/reveal';
import { attendanceHandlers } from './services/attendance';
import { appraisalHandlers } from './services/appraisal';
import { qualityHandlers } from './services/quality';
import { qualityFindingHandlers } from './services/qualityFindings';
import { scorecardHandlers } from './services/scorecards';
import { trendsHandlers } from './services/trends';
import { handoverHandlers } from './services/handover';
import { bulletinHandlers } from './services/bulletin';
import { jobHandlers } from './services/jobs';

const handlers: HandlerMap<MethodName> = {
  ...authHandlers,
  ...adminHandlers,
  ...customerHandlers,
  ...callHandlers,
  ...syncHandlers,
  ...complaintHandlers,
  ...trackingHandlers,
  ...trackingPrintHandlers,
  ...boardHandlers,
  ...scriptHandlers,
  ...callbackHandlers,
  ...callbackImportHandlers,
  ...revealHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...attendanceHandlers,
  ...appraisalHandlers,
  ...qualityHandlers,
  ...qualityFindingHandlers,
  ...scorecardHandlers,
  ...trendsHandlers,
  ...handoverHandlers,
  ...bulletinHandlers,
  ...jobHandlers,
};

const WHILE_DAMAGED: ReadonlySet<MethodName> = new Set<MethodName>(['store.status', 'store.recover']);
const WHILE_LOCKED: ReadonlySet<MethodName> = new Set<MethodName>(['auth.session', 'auth.unlock', 'auth.lock', 'auth.logout']);

export interface DispatchOutcome {
  envelope: Envelope<unknown>;
  session: Session | null;
}

/** Validates params, checks the session's role, runs the handler. Never throws: errors are data. */
export async function dispatch(ctx: CoreContext, token: string | null, method: string, raw: unknown): Promise<DispatchOutcome> {
  let session: Session | null = null;
  try {
    if (!isMethodName(method)) throw new ApiFailure('unknown_method', `unknown method: ${String(method).slice(0, 64)}`);
    const def = api[method];
    // A damaged store answers only the recovery screen's methods (the connection is read-only besides).
    if (ctx.store?.status().state === 'damaged' && !WHILE_DAMAGED.has(method))
      throw new ApiFailure('store_damaged', storeProblemMessage('store_damaged'));
    // Before zod and any handler: a 20,000-deep draft would overflow JSON.stringify's stack (shared/api/bounds.ts).
    const bounds = checkBounds(raw);
    if (bounds) throw new ApiFailure(bounds.code, bounds.message);
    const parsed = def.params.safeParse(raw ?? {}, { reportInput: true });
    if (!parsed.success) throw new ApiFailure('invalid_params', `invalid params for ${method}`, fieldIssues(parsed.error));
    if (def.roles !== 'public') {
      if (!isInitialized(ctx)) throw new ApiFailure('setup_required', 'this workstation has not been set up yet');
      session = resolveSession(ctx, token);
      if (def.roles !== 'any' && !def.roles.includes(session.user.role))
        throw new ApiFailure('forbidden', `role ${session.user.role} may not call ${method}`);
      // A console locked after idle time answers nothing but the lock screen's own calls until its password is given again.
      if (session.locked && !WHILE_LOCKED.has(method)) throw new ApiFailure('session_locked', 'the console is locked; enter your password to unlock it');
    }
    const handler = handlers[method] as Handler<MethodName>;
    const result = await handler({ ctx, session, params: parsed.data as never });
    return { envelope: { ok: true, result }, session };
  } catch (err) {
    if (err instanceof ApiFailure) {
      if (err.code !== 'invalid_params') ctx.log.warn({ method, code: err.code }, err.message);
      return { envelope: { ok: false, error: err.toError() }, session };
    }
    // The machine's errors (full disk, read-only folder, store locked or damaged) are for the user to act on, not bugs.
    const problem = classifyStoreError(err);
    if (problem) {
      // A damaged store is opened read-only, so its refusals of writes come back as SQLITE_READONLY.
      const code = ctx.store?.status().state === 'damaged' ? 'store_damaged' : problem;
      ctx.log.warn({ method, code, sqlite: (err as { code?: string }).code, err: (err as Error).message }, 'store problem');
      if (code === 'store_damaged') ctx.store?.markDamaged(String((err as Error).message));
      return { envelope: { ok: false, error: { code, message: storeProblemMessage(code) } }, session };
    }
    ctx.log.error({ method, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'internal error');
    return { envelope: { ok: false, error: { code: 'internal', message: 'internal error; the details are in the log' } }, session };
  }
}
