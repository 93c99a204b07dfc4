import { z } from 'zod';
import { CallRecordPatch, CALL_CATEGORIES, CALL_STATUSES } from '../domain/callRecord';
import { CustomerFields } from '../domain/customer';
import { COMPLAINT_STATUSES, COMPLAINT_TYPES, ComplaintAction, ComplaintFields, SEVERITIES } from '../domain/complaint';
import { isoTime, LIMITS, requiredText, text, uuid } from '../domain/fields';
import { requiredPhone } from '../domain/fieldRules';
import { ADMIN_ROLES, ALL_ROLES, CALL_TAKERS, SUPERVISOR_ROLES } from '../domain/roles';
import { OrganisationSettings, SettingsPatch, WorkstationCode } from '../domain/settings';
import { TrackingView } from '../domain/tracking';
import { CALLBACK_KINDS, CALLBACK_RESULTS, CALLBACK_STATUSES, CallbackOutcome, IMPORTED_CALLBACK_KINDS, MANUAL_CALLBACK_KINDS } from '../domain/callback';
import { ScriptContent, SCRIPT_KINDS } from '../domain/script';
import { DisplayName, Password, RoleSchema, Username } from '../domain/users';
import { REVEALABLE_FIELDS } from '../domain/visibility';
import { AUDIT_MAX_PAGE, AuditFilter } from '../sync/audit';
import { BULLETIN_API } from './bulletinContract';
import { HANDOVER_API } from './handoverContract';
import { JOBS_API } from './jobsContract';
import { def } from './methodDef';
import { QUALITY_API } from './qualityContract';
import { TRACKING_PRINT_API } from './trackingPrintContract';
import { TRENDS_API } from './trendsContract';
import type * as S from './storeTypes';
import type * as T from './types';

const Empty = z.strictObject({});
/** A backup's file name as backups.list gives it (electron/core/store/backups.ts). */
const BackupId = z.string().regex(/^hotline-\d{8}T\d{9}Z-[a-z_]+(-\d{1,4})?\.sqlite$/);
/**
 * Drill-downs of the team-lead board (numbers that the sheet's filters alone cannot express). Callbacks due
 * and overdue are not here: the board counts the callback queue and opens it (callbacks.queue dueBy / overdue).
 */
const BoardList = z.enum(['escalation_overdue', 'unreported_major', 'callback_month']);

export const api = {
  'setup.status': def<T.SetupStatus>()(Empty, 'public'),
  'setup.initialize': def<T.LoginResult>()(
    z.strictObject({
      organisationName: OrganisationSettings.shape.organisationName,
      hotline: OrganisationSettings.shape.hotline,
      areaCode: OrganisationSettings.shape.areaCode.optional(),
      workstation: WorkstationCode,
      admin: z.strictObject({ username: Username, displayName: DisplayName, password: Password }),
    }),
    'public',
  ),
  'auth.login': def<T.LoginResult>()(z.strictObject({ username: Username, password: z.string().min(1).max(128) }), 'public'),
  'auth.logout': def<{ loggedOut: true }>()(Empty, 'any'),
  'auth.session': def<T.SessionInfo>()(Empty, 'any'),
  /** The console is idle: lock this session (every other method answers session_locked) without ending it. */
  'auth.lock': def<{ locked: true }>()(Empty, 'any'),
  /** The session user's password again (same back-off and lock as a login); the session and its drafts stay. */
  'auth.unlock': def<{ locked: false }>()(z.strictObject({ password: z.string().min(1).max(128) }), 'any'),

  'settings.get': def<T.Settings>()(Empty, 'any'),
  'settings.update': def<T.Settings>()(SettingsPatch, ADMIN_ROLES),
  /** How many records use each department, so removing one that records still use asks first. */
  'settings.usage': def<{ departments: Record<string, number> }>()(Empty, ADMIN_ROLES),

  'users.list': def<T.User[]>()(Empty, ADMIN_ROLES),
  'users.create': def<T.User>()(
    z.strictObject({ username: Username, displayName: DisplayName, role: RoleSchema, password: Password }),
    ADMIN_ROLES,
  ),
  'users.update': def<T.User>()(
    z.strictObject({
      id: uuid,
      displayName: DisplayName.optional(),
      role: RoleSchema.optional(),
      active: z.boolean().optional(),
      password: Password.optional(),
    }),
    ADMIN_ROLES,
  ),
  /** Ends a login lock (10 wrong passwords) before its time runs out; written to the user's history. */
  'users.unlock': def<{ unlocked: boolean }>()(z.strictObject({ id: uuid }), SUPERVISOR_ROLES),
  /** The logins locked or in back-off on this workstation, for the lead's board (staff data, not customer data). */
  'users.locked': def<T.LockedLogin[]>()(Empty, SUPERVISOR_ROLES),

  'customers.lookup': def<T.LookupResult>()(z.strictObject({ phone: requiredText(40) }), ALL_ROLES),
  // No q (or a blank one): the customers touched most recently; keyAccount: key accounts only.
  'customers.search': def<T.CustomerView[]>()(
    z.strictObject({ q: text(LIMITS.name).optional(), keyAccount: z.boolean().optional(), limit: z.number().int().min(1).max(100).optional() }),
    ALL_ROLES,
  ),
  'customers.get': def<T.CustomerView>()(z.strictObject({ id: uuid }), ALL_ROLES),
  'customers.create': def<T.Customer>()(CustomerFields, CALL_TAKERS),
  'customers.update': def<T.Customer>()(z.strictObject({ id: uuid, fields: CustomerFields.partial() }), CALL_TAKERS),

  'calls.answer': def<T.CallRecord>()(
    z.strictObject({ phone: requiredText(40), rangAt: isoTime.optional(), customerId: uuid.nullable().optional() }),
    CALL_TAKERS,
  ),
  'calls.get': def<T.CallDetail>()(z.strictObject({ id: uuid }), ALL_ROLES),
  'calls.save': def<T.CallRecord>()(
    z.strictObject({ id: uuid, fields: CallRecordPatch, end: z.boolean().optional(), close: z.boolean().optional() }),
    CALL_TAKERS,
  ),
  'calls.void': def<T.CallRecord>()(z.strictObject({ id: uuid, reason: requiredText(500) }), CALL_TAKERS),
  'calls.list': def<T.Page<T.CallListRow>>()(
    z.strictObject({
      q: z.string().max(LIMITS.name).optional(),
      category: z.enum(CALL_CATEGORIES).optional(),
      status: z.enum(CALL_STATUSES).optional(),
      from: isoTime.optional(),
      to: isoTime.optional(),
      mine: z.boolean().optional(),
      includeVoided: z.boolean().optional(),
      /** true: only calls answered late; false: only those answered in time. */
      answeredLate: z.boolean().optional(),
      /** true: only calls with a satisfaction score; false: only those without. */
      rated: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
    }),
    ALL_ROLES,
  ),

  'complaints.register': def<T.Complaint>()(
    ComplaintFields.partial()
      .extend({
        channel: ComplaintFields.shape.channel,
        complainant: ComplaintFields.shape.complainant,
        problem: ComplaintFields.shape.problem,
        type: z.enum(COMPLAINT_TYPES),
        severity: z.enum(SEVERITIES),
        callId: uuid.nullable().optional(),
      })
      .strict(),
    CALL_TAKERS,
  ),
  'complaints.get': def<T.ComplaintDetail>()(z.strictObject({ id: uuid }), ALL_ROLES),
  'complaints.edit': def<T.Complaint>()(z.strictObject({ id: uuid, fields: ComplaintFields.partial() }), CALL_TAKERS),
  /** Per-action roles are checked by the shared workflow table (ACTION_RULES) before anything is written. */
  'complaints.transition': def<T.Complaint>()(z.strictObject({ id: uuid, step: ComplaintAction }), ALL_ROLES),
  'complaints.list': def<T.Page<T.ComplaintRow>>()(
    z.strictObject({
      q: z.string().max(LIMITS.name).optional(),
      status: z.enum(COMPLAINT_STATUSES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      handlerId: uuid.optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
    }),
    ALL_ROLES,
  ),
  'complaints.mine': def<T.ComplaintRow[]>()(Empty, ALL_ROLES),
  'calendar.status': def<T.CalendarStatus>()(Empty, 'any'),
  'users.directory': def<T.DirectoryUser[]>()(Empty, 'any'),

  /** Annex 3, the tracking sheet: filter + sort + page; the same view exports, prints and persists per user. */
  'tracking.query': def<T.TrackingPage>()(
    TrackingView.extend({
      list: BoardList.optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
    }).strict(),
    SUPERVISOR_ROLES,
  ),
  'tracking.export': def<T.TrackingExport>()(TrackingView.extend({ format: z.enum(['xlsx', 'csv']), list: BoardList.optional() }).strict(), SUPERVISOR_ROLES),
  'tracking.prefs.get': def<T.TrackingViewPrefs>()(Empty, SUPERVISOR_ROLES),
  'tracking.prefs.save': def<T.TrackingViewPrefs>()(z.strictObject({ view: TrackingView }), SUPERVISOR_ROLES),
  'board.summary': def<T.BoardSummary>()(Empty, SUPERVISOR_ROLES),

  /** Scripts: the active version per kind, any version by id, and publishing a new one. */
  'scripts.active': def<T.ScriptVersion>()(z.strictObject({ kind: z.enum(SCRIPT_KINDS) }), ALL_ROLES),
  'scripts.get': def<T.ScriptVersion>()(z.strictObject({ id: uuid }), ALL_ROLES),
  'scripts.versions': def<T.ScriptSummary[]>()(z.strictObject({ kind: z.enum(SCRIPT_KINDS) }), SUPERVISOR_ROLES),
  'scripts.publish': def<T.ScriptVersion>()(z.strictObject({ kind: z.enum(SCRIPT_KINDS), content: ScriptContent, note: z.string().max(500).optional() }), ADMIN_ROLES),

  /** The callback queue: ordered by due time; officers see theirs, leads everyone's. */
  'callbacks.queue': def<T.Page<T.CallbackRow>>()(
    z.strictObject({
      scope: z.enum(['mine', 'all', 'unassigned']).optional(),
      kind: z.enum(CALLBACK_KINDS).optional(),
      status: z.enum(CALLBACK_STATUSES).optional(),
      overdue: z.boolean().optional(),
      /** Open callbacks due at or before this instant (overdue ones included): the board's "due by the end of today". */
      dueBy: isoTime.optional(),
      /** Done (reached) at or after / before these instants, and the satisfaction recorded: the board's satisfaction trend. */
      doneFrom: isoTime.optional(),
      doneTo: isoTime.optional(),
      satisfaction: z.enum(CALLBACK_RESULTS).optional(),
      assigneeId: uuid.optional(),
      q: z.string().max(LIMITS.name).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
    }),
    ALL_ROLES,
  ),
  'callbacks.counts': def<T.CallbackQueueCounts>()(Empty, ALL_ROLES),
  'callbacks.get': def<T.CallbackDetail>()(z.strictObject({ id: uuid }), ALL_ROLES),
  /** By hand: a promised callback from the call screen, or a satisfaction / key-account / list callback. */
  'callbacks.create': def<T.Callback>()(
    z.strictObject({
      kind: z.enum(MANUAL_CALLBACK_KINDS),
      dueAt: isoTime,
      phone: requiredPhone(),
      name: z.string().max(LIMITS.name).optional(),
      organisation: z.string().max(LIMITS.short).optional(),
      subject: z.string().max(1000).optional(),
      callId: uuid.nullable().optional(),
      customerId: uuid.nullable().optional(),
      assigneeId: uuid.nullable().optional(),
    }),
    ALL_ROLES,
  ),
  'callbacks.assign': def<T.Callback>()(z.strictObject({ id: uuid, assigneeId: uuid.nullable() }), SUPERVISOR_ROLES),
  'callbacks.notReached': def<T.Callback>()(z.strictObject({ id: uuid, note: z.string().max(1000).optional() }), ALL_ROLES),
  /** Reached: the outcome; "not satisfied" on a complaint callback reopens the complaint in a new round. */
  'callbacks.complete': def<T.Callback>()(z.strictObject({ id: uuid, outcome: CallbackOutcome }), ALL_ROLES),
  'callbacks.cancel': def<T.Callback>()(z.strictObject({ id: uuid, reason: requiredText(500) }), SUPERVISOR_ROLES),
  /** Pre-sale / after-sale lists from other departments (.xlsx or CSV); good rows in one transaction, bad rows reported. */
  'callbacks.import': def<T.CallbackImportReport>()(
    z.strictObject({
      kind: z.enum(IMPORTED_CALLBACK_KINDS),
      fileName: requiredText(200),
      /** The file's bytes; 5 MB of base64 is ~3.7 MB of spreadsheet, far more than a list of customers needs. */
      base64: z.string().min(1).max(5 * 1024 * 1024).regex(/^[A-Za-z0-9+/]+={0,2}$/),
      /** Due time for rows that give no date. */
      defaultDueAt: isoTime.optional(),
    }),
    SUPERVISOR_ROLES,
  ),

  /**
   * The full value of a phone number or address that the settings mask for this role: an explicit action,
   * audited ('reveal'); refused on a confidential record this user may not see in full.
   */
  'records.reveal': def<T.RevealResult>()(
    z.strictObject({ entity: z.enum(['call', 'complaint', 'customer', 'callback']), id: uuid, field: z.enum(REVEALABLE_FIELDS) }),
    ALL_ROLES,
  ),

  'sync.status': def<T.SyncStatus>()(Empty, 'any'),
  'sync.now': def<T.SyncStatus>()(Empty, 'any'),
  'sync.join': def<T.SyncStatus>()(
    z.strictObject({
      hubUrl: z.url({ protocol: /^https?$/ }).max(300),
      username: Username,
      password: z.string().min(1).max(128),
      /** Needed only when the hub is empty: the one-time code it printed at its start. */
      setupCode: z.string().trim().max(100).optional(),
    }),
    ADMIN_ROLES,
  ),
  'sync.leave': def<T.SyncStatus>()(Empty, ADMIN_ROLES),
  'sync.resolveConflict': def<{ resolved: true }>()(
    z.strictObject({ id: z.string().min(3).max(100), action: z.enum(['reapply', 'discard']) }),
    CALL_TAKERS,
  ),

  'drafts.save': def<{ savedAt: string }>()(z.strictObject({ key: requiredText(LIMITS.id * 2), payload: z.record(z.string(), z.unknown()) }), CALL_TAKERS),
  'drafts.get': def<T.Draft | null>()(z.strictObject({ key: requiredText(LIMITS.id * 2) }), CALL_TAKERS),
  'drafts.discard': def<{ discarded: boolean }>()(z.strictObject({ key: requiredText(LIMITS.id * 2) }), CALL_TAKERS),

  /**
   * The audit log (设置 → 审计日志), administrators only: the hub's rows of every workstation when joined and
   * online, else this workstation's. The query and the export are audited themselves.
   */
  'audit.query': def<T.AuditPage>()(
    AuditFilter.extend({ limit: z.number().int().min(1).max(AUDIT_MAX_PAGE).optional(), offset: z.number().int().min(0).max(10_000_000).optional() }).strict(),
    ADMIN_ROLES,
  ),
  'audit.export': def<T.TrackingExport>()(AuditFilter, ADMIN_ROLES),
  'audit.verify': def<T.AuditVerification>()(Empty, ADMIN_ROLES),

  /**
   * Local backups of the store (设置 → 备份与恢复), administrators only; each backup and restore is written to
   * the audit log. An id is a file name from backups.list, never a path.
   */
  'backups.list': def<S.BackupList>()(Empty, ADMIN_ROLES),
  'backups.create': def<S.BackupInfo>()(Empty, ADMIN_ROLES),
  'backups.restore': def<S.RestoreResult>()(z.strictObject({ id: BackupId }), ADMIN_ROLES),
  'backups.keep': def<S.BackupList>()(z.strictObject({ keep: z.number().int().min(1).max(60) }), ADMIN_ROLES),
  /** The store's health for the start screen; public because a damaged store cannot hold a login. */
  'store.status': def<S.StoreStatus>()(Empty, 'public'),
  /**
   * Only while the store is damaged: restores a backup (action 'restore', the default), proved by the
   * username and password of an active administrator in that backup (the damaged store is not read for
   * it); or, on a joined workstation, re-syncs from the hub (action 'resync'), proved by an active
   * administrator's login at the hub, keeping the unsent outbox.
   */
  'store.recover': def<S.RestoreResult | S.ResyncResult>()(
    z
      .strictObject({
        action: z.enum(['restore', 'resync']).default('restore'),
        id: BackupId.optional(),
        username: Username,
        password: z.string().min(1).max(128),
      })
      .refine((p) => p.action === 'resync' || p.id !== undefined, { path: ['id'], message: 'choose a backup', params: { code: 'required' } }),
    'public',
  ),
  ...TRACKING_PRINT_API,
  ...QUALITY_API,
  ...TRENDS_API,
  ...HANDOVER_API,
  ...BULLETIN_API,
  ...JOBS_API,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type ParamsOf<M extends MethodName> = z.input<Api[M]['params']>;
export type ParsedParamsOf<M extends MethodName> = z.output<Api[M]['params']>;
export type ResultOf<M extends MethodName> = Exclude<Api[M]['result'], undefined>;
export const METHOD_NAMES = Object.keys(api) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}

/** Drafts are capped so that a runaway client cannot fill the disk with one key. */
export const MAX_DRAFT_BYTES = 256 * 1024;
/** Drafts per user: a console has a few forms open at once; more is a runaway client (refused with drafts_full). */
export const MAX_DRAFTS_PER_USER = 50;
/** All of one user's drafts together (refused with drafts_full). */
export const MAX_DRAFT_TOTAL_BYTES = 2 * 1024 * 1024;
