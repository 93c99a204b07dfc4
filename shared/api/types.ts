import type { CallRecord } from '../domain/callRecord';
import type { Customer } from '../domain/customer';
import type { FieldChange } from '../domain/mutation';
import type { Role } from '../domain/roles';
import type { OrganisationSettings } from '../domain/settings';
import type { User } from '../domain/users';

export interface SessionInfo {
  user: User;
  expiresAt: string;
  workstation: string;
  organisationName: string;
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
}

export interface Draft {
  key: string;
  payload: unknown;
  savedAt: string;
}

export interface Page<T> {
  rows: T[];
  total: number;
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
