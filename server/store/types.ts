import type { UserRecord } from '../../shared/domain/admin';
import type { Role } from '../../shared/domain/roles';
import type { FieldChange } from '../../shared/domain/mutation';
import type { Ack } from '../../shared/sync/protocol';
import type { AuditOps } from './audit';
import type { NumberOps } from './numbers';
import type { RawRow } from './audience';

/**
 * The smallest SQL surface both stores share, so that everything above it (store ops, push, pull)
 * is written once. Placeholders are `?`; the PostgreSQL adapter numbers them.
 */
export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SyncRow {
  entity: string;
  id: string;
  seq: number;
  data: unknown;
}

export interface HistoryRow {
  id: string;
  entity: string;
  entityId: string;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  changes: FieldChange[];
}

export interface ClientBinding {
  clientId: string;
  userId: string;
  workstation: string;
  lastMutationId: number;
}

/** Somebody who works at a workstation, with their role on the hub (the pull filter asks both). */
export interface WorkstationUser {
  userId: string;
  role: Role;
}

export interface SessionRow {
  userId: string;
  workstation: string;
  expiresAt: string;
}

/** Everything a write (or a consistent read) does, inside one transaction. */
export interface StoreTx {
  /** Latest state of a record; on PostgreSQL the row is locked for the rest of the transaction. */
  getRow(entity: string, id: string): Promise<SyncRow | null>;
  /** Upserts the record at the next seq and returns that seq. */
  putRow(entity: string, id: string, data: unknown): Promise<number>;
  appendHistory(h: HistoryRow): Promise<number>;
  lastHistory(entity: string, entityId: string): Promise<HistoryRow | null>;
  getClient(clientId: string): Promise<ClientBinding | null>;
  bindClient(b: ClientBinding): Promise<void>;
  setLastMutationId(clientId: string, id: number): Promise<void>;
  getAcks(clientId: string, ids: readonly number[]): Promise<Map<number, Ack>>;
  putAck(clientId: string, ack: Ack): Promise<void>;
  countUsers(): Promise<number>;
  countActiveAdmins(): Promise<number>;
  getUserById(id: string): Promise<UserRecord | null>;
  getUserByUsername(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /** Writes the user with its hash; the caller writes the public sync row. */
  saveUser(u: UserRecord): Promise<void>;
  deleteSessionsOf(userId: string): Promise<void>;
  /** Highest seq written so far (0 on an empty hub). */
  maxSeq(): Promise<number>;
  /** The audit rows workstations push: inserts and reads only (append-only). */
  readonly audit: AuditOps;
  /** Call record and complaint numbers, unique on the hub (server/checks.ts). */
  readonly numbers: NumberOps;
  /** The scrypt hash of the current one-time set-up code, or null (none made yet, or used). */
  setupCodeHash(): Promise<string | null>;
  /** Replaces the set-up code's hash; null deletes it (the hub has been seeded). */
  putSetupCodeHash(hash: string | null, at: string): Promise<void>;
}

export interface HubStore {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * One write transaction, serialised against every other writer (SQLite: one connection behind
   * an async mutex; PostgreSQL: pg_advisory_xact_lock). `seqAfter` is the highest seq once
   * committed when the transaction wrote sync rows, else null.
   */
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<{ result: T; seqAfter: number | null }>;
  /** Read-only work; never sees another transaction's uncommitted rows. */
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  pull(cursor: number, limit: number): Promise<SyncRow[]>;
  /** Who works at a workstation, with their roles: the pull sends what they may hold (store/audience.ts). */
  workstationUsers(workstation: string): Promise<WorkstationUser[]>;
  /** Rows of one entity by id, JSON unparsed; `confidentialOnly` keeps those marked confidential. */
  rowsOf(entity: string, ids: readonly string[], confidentialOnly: boolean): Promise<RawRow[]>;
  historyOf(entity: string, entityId: string): Promise<HistoryRow[]>;
  putSession(tokenHash: string, s: SessionRow & { createdAt: string }): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRow | null>;
  deleteExpiredSessions(nowIso: string): Promise<void>;
  close(): Promise<void>;
}
