import type { CallRecord } from '../domain/callRecord';
import type { Complaint, ComplaintActionName } from '../domain/complaint';
import type { Clock, ClockKind } from '../domain/deadlines';
import type { Customer } from '../domain/customer';
import type { FieldChange } from '../domain/mutation';
import type { Role } from '../domain/roles';
import type { OrganisationSettings } from '../domain/settings';
import type { User } from '../domain/users';
import type { RevealableField } from '../domain/visibility';

export interface SessionInfo {
  user: User;
  expiresAt: string;
  workstation: string;
  organisationName: string;
  /** The console locked itself after idle time (kept by the core, so a reload still asks for the password). */
  locked?: boolean;
}

export interface LoginResult extends SessionInfo {
  /** Handed to the bridge (IPC or HTTP cookie) and stripped before the renderer sees the result. */
  token?: string;
}

export interface SetupStatus {
  needsSetup: boolean;
  organisationName: string | null;
  workstation: string | null;
}

export interface HistoryEntry {
  id: string;
  entity: string;
  entityId: string;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  changes: FieldChange[];
}

export interface RepeatCaller {
  within24h: number;
  within48h: number;
  lastCallAt: string | null;
}

export interface CallSummary {
  id: string;
  recordNo: string;
  answeredAt: string;
  category: CallRecord['category'];
  status: CallRecord['status'];
  content: string;
  agentName: string;
  voided: boolean;
  /** 客户保密: shown with a tag; another agent's confidential call comes with its content blanked. */
  confidential?: boolean;
}

export interface CustomerMatch {
  customer: Customer;
  recentCalls: CallSummary[];
}

export interface LookupResult {
  phone: string;
  normalized: string;
  valid: boolean;
  matches: CustomerMatch[];
  repeat: RepeatCaller;
  recentCalls: CallSummary[];
}

export interface CallDetail {
  record: CallRecord;
  history: HistoryEntry[];
  draft: Draft | null;
  conflicts: SyncConflict[];
  /** Contact fields shown masked to this user's role, which they may reveal (records.reveal). */
  masked?: RevealableField[];
  /** This workstation holds the record partial, and this user may see it in full: see HubCopy. */
  hubCopy?: HubCopy;
}

/**
 * A confidential record of somebody who does not work at this workstation is stored here without its
 * hidden fields (docs/sync.md, "Data minimised per workstation"). For a user who may see it in full:
 * 'fetched' — shown in full from the hub, online, and not stored here; 'unavailable' — the hub could not
 * be reached, so the partial copy is shown (该记录保密,需联网从中心服务器读取完整内容).
 */
export type HubCopy = 'fetched' | 'unavailable';

/** A customer file as shown: its numbers and address masked by role (the settings' masking). */
export type CustomerView = Customer & { masked?: RevealableField[] };

/** records.reveal: the full value of one masked field; `values` holds each of a customer's numbers. */
export interface RevealResult {
  field: RevealableField;
  value: string;
  values: string[];
}

export type { RevealableField };

export interface Draft {
  key: string;
  payload: unknown;
  savedAt: string;
}

export interface Page<T> {
  rows: T[];
  total: number;
  /** More than `total` matched (a search counts to a cap, "1000+"); absent when the count is exact. */
  capped?: boolean;
}

export type CallListRow = CallSummary & {
  phone: string;
  callerName: string;
  organisation: string;
  answeredLate: boolean;
  durationSec: number | null;
  promisedReplyBy: string | null;
};

export interface SyncStatus {
  joined: boolean;
  hubUrl: string | null;
  online: boolean;
  pending: number;
  conflicts: number;
  lastSyncAt: string | null;
  /** English, for the log; the UI shows a Chinese text for the state. */
  error: string | null;
  upgradeRequired: boolean;
}

export interface SyncConflict {
  id: string;
  entity: string;
  entityId: string;
  mutationName: string;
  status: 'rejected' | 'conflict';
  reason: string;
  byName: string | null;
  byAt: string | null;
  createdAt: string;
  args: unknown;
}

export interface Settings extends OrganisationSettings {
  workstation: string;
}

export type { CallRecord, Customer, OrganisationSettings, Role, User };

export interface ComplaintDetail {
  complaint: Complaint;
  history: HistoryEntry[];
  /** Every deadline as a running clock, computed at read time. */
  clocks: Clock[];
  /** What the logged-in user may do next. */
  actions: ComplaintActionName[];
  conflicts: SyncConflict[];
  /** Contact fields shown masked to this user's role, which they may reveal (records.reveal). */
  masked?: RevealableField[];
  /** This workstation holds the complaint partial, and this user may see it in full: see HubCopy. */
  hubCopy?: HubCopy;
}

export interface ComplaintRow {
  id: string;
  complaintNo: string;
  receivedAt: string;
  complainant: string;
  organisation: string;
  phone: string;
  severity: Complaint['severity'];
  status: Complaint['status'];
  type: Complaint['type'];
  handlerName: string;
  departments: string[];
  round: number;
  repeatIndex: number;
  problem: string;
  nextDeadline: string | null;
  breached: ClockKind[];
  warning: ClockKind[];
  /** The next step this user could take, when the row is in "my complaints". */
  nextAction: ComplaintActionName | null;
  /** 客户保密 (a confidential complaint of others comes with its problem blanked and number masked). */
  confidential?: boolean;
}

export interface CalendarStatus {
  year: number;
  coversThisYear: boolean;
  coversNextYear: boolean;
  overrides: { holidays: string[]; workdays: string[] };
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  role: Role;
}

/** A login locked on this workstation (lockedUntil set) or in back-off (lockedUntil null): users.locked. */
export interface LockedLogin {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Consecutive failed logins. */
  failures: number;
  lockedUntil: string | null;
}

export type { Complaint };

export type { TrackingPage, TrackingRow } from '../domain/tracking';
export type TrackingViewPrefs = import('../domain/tracking').TrackingView;

export interface TrackingExport {
  filename: string;
  mime: string;
  /** The file's bytes (the renderer turns them into a download). */
  base64: string;
  rows: number;
}

/**
 * The team-lead board; every number has a list behind it (tracking.query, calls.list,
 * callbacks.queue), opened with the bounds below so that its total is the number.
 */
export interface BoardSummary {
  asOf: string;
  /** Beijing midnight today, the end of today (23:59:59.999) and the first of this month, as instants. */
  dayStart: string;
  dayEnd: string;
  monthStart: string;
  callsToday: number;
  answeredLateToday: number;
  openBySeverity: { general: number; major: number; crisis: number };
  overdueComplaints: number;
  escalationsOverdue: number;
  majorNotReported: number;
  /** Open callbacks of every kind due by the end of today (overdue ones included), and those past due. */
  callbacksDue: number;
  callbacksOverdue: number;
  /**
   * QA findings still open past their rectification deadline (what findings.list {scope: 'team', overdue: true}
   * lists); null for a viewer who does not read the team's findings (an administrator).
   */
  findingsOverdue: number | null;
  /**
   * Shift handovers nobody of the next shift has acknowledged yet (what handover.list {status: 'open'} lists);
   * null for a viewer who does not take over shifts (an administrator).
   */
  handoversOpen: number | null;
  satisfaction: {
    /** Calls this month with a satisfaction score, and their average (1–5). */
    calls: number;
    average: number | null;
    /** Complaint callbacks recorded this month, by result. */
    callbacks: { satisfied: number; fairly_satisfied: number; unsatisfied: number };
  };
}

export type { Callback, CallbackKind, CallbackStatus, CallbackUrgency } from '../domain/callback';
export type { ScriptVersion, ScriptKind } from '../domain/script';

/** One row of the callback queue, ordered by due time; `urgency` marks overdue ones. */
export interface CallbackRow {
  id: string;
  kind: import('../domain/callback').CallbackKind;
  status: import('../domain/callback').CallbackStatus;
  urgency: import('../domain/callback').CallbackUrgency;
  dueAt: string;
  nextAttemptAt: string | null;
  attempts: number;
  name: string;
  organisation: string;
  /** Masked for roles that do not dial it. */
  phone: string;
  subject: string;
  assigneeId: string | null;
  assigneeName: string;
  complaintId: string | null;
  complaintNo: string | null;
  callId: string | null;
  satisfaction: import('../domain/complaint').CallbackResult | null;
  doneAt: string | null;
}

export interface CallbackDetail {
  callback: import('../domain/callback').Callback;
  history: HistoryEntry[];
  /** The complaint behind a complaint callback, for the officer to read before dialling. */
  complaint: { id: string; complaintNo: string; round: number; status: string; problem: string; result: string } | null;
  call: CallSummary | null;
  /** The callback script to show (the version already recorded on a done callback, else the active one). */
  script: import('../domain/script').ScriptVersion;
  urgency: import('../domain/callback').CallbackUrgency;
  conflicts: SyncConflict[];
  /** Contact fields shown masked to this user's role, which they may reveal (records.reveal). */
  masked?: RevealableField[];
}

export interface CallbackQueueCounts {
  open: number;
  overdue: number;
  dueToday: number;
  mine: number;
}

/** A row refused by an import, by its row number in the file (header = row 1). */
export interface ImportRefusal {
  row: number;
  /** Stable code the UI translates: missing_phone, invalid_phone, invalid_date, duplicate_in_file, duplicate_existing, missing_name, … */
  code: string;
  /** English, for the log. */
  reason: string;
  values: Record<string, string>;
}

export interface CallbackImportReport {
  batchId: string;
  fileName: string;
  totalRows: number;
  imported: number;
  refused: ImportRefusal[];
  /** Ids of the created callbacks, all written in one transaction. */
  ids: string[];
}

export interface ScriptSummary {
  id: string;
  kind: import('../domain/script').ScriptKind;
  version: number;
  name: string;
  note: string;
  createdAt: string;
  createdBy: string;
  builtIn: boolean;
  active: boolean;
}

/** The audit viewer (设置 → 审计日志). */
export type AuditSource = 'hub' | 'local';
/** Why the viewer shows this workstation's rows only: not joined, hub unreachable, no hub session, or the hub refused. */
export type AuditNote = 'not_joined' | 'offline' | 'no_hub_session' | 'hub_error' | null;

export interface AuditPage {
  source: AuditSource;
  note: AuditNote;
  /** From the hub when `source` is 'hub', else this workstation's rows. */
  rows: import('../sync/audit').AuditRow[];
  total: number;
  /** This workstation's rows the hub does not have yet (matching the filters; first page only). */
  unsent: import('../sync/audit').AuditRow[];
  /** Names of the customers the rows mention, from this workstation's customer file. */
  customerNames: Record<string, string>;
}

export interface AuditVerification {
  source: AuditSource;
  note: AuditNote;
  /** This workstation's own chain, checked here. */
  local: import('../sync/audit').AuditChainStatus;
  /** Every workstation's chain as the hub holds it (empty when the hub is not used). */
  chains: import('../sync/audit').AuditChainStatus[];
}
