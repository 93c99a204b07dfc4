import { z } from 'zod';

/**
 * Audit rows: one per request that showed customer data, chained per workstation (each row carries the
 * hash of the one before it), pushed to the hub as append-only rows. The hash is computed in
 * `shared/node/auditChain.ts` (it needs Node's crypto); this file holds the row's shape and the wire format.
 */

/** At most this many record ids are kept on a row; `count` always holds the true number. */
export const AUDIT_MAX_IDS = 200;
export const AUDIT_PUSH_BATCH = 500;
export const AUDIT_MAX_PAGE = 200;
/** The hash a workstation's first row links to. */
export const AUDIT_GENESIS = '0'.repeat(64);

export const AUDIT_ACTIONS = ['view', 'search', 'list', 'lookup', 'export', 'print', 'reveal', 'fetch'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const sha = z.string().regex(/^[0-9a-f]{64}$/);

export const AuditRow = z.strictObject({
  workstation: z.string().min(1).max(6),
  seq: z.number().int().positive(),
  id: z.string().min(1).max(64),
  at: z.string().min(10).max(40),
  actorId: z.string().max(64),
  actorName: z.string().max(200),
  actorRole: z.string().max(32),
  action: z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/),
  entity: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  recordIds: z.array(z.string().max(300)).max(AUDIT_MAX_IDS),
  count: z.number().int().min(0),
  customerIds: z.array(z.string().max(64)).max(AUDIT_MAX_IDS),
  detail: z.string().max(4000),
  prevHash: sha,
  hash: sha,
});
export type AuditRow = z.output<typeof AuditRow>;

/** `POST /sync/audit`: a batch of one workstation's rows in seq order. Idempotent by (workstation, seq). */
export const AuditPushRequest = z.strictObject({
  workstation: z.string().min(1).max(6),
  rows: z.array(AuditRow).min(1).max(AUDIT_PUSH_BATCH),
});
export type AuditPushRequest = z.output<typeof AuditPushRequest>;

export interface AuditPushResponse {
  /** Highest seq of this workstation the hub now holds. */
  through: number;
  /** Breaks the hub found in this batch (it stores the rows anyway). */
  breaks: AuditBreak[];
}

export type AuditBreakKind = 'gap' | 'prev_hash' | 'hash' | 'conflicting_copy' | 'out_of_order';

export interface AuditBreak {
  workstation: string;
  seq: number;
  kind: AuditBreakKind;
  detail: string;
  detectedAt: string;
}

/** Filters of the viewer; the same on the console's API, the hub's `GET /audit` and the local store. */
export const AuditFilter = z.strictObject({
  userId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  action: z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type AuditFilter = z.output<typeof AuditFilter>;

export interface AuditChainStatus {
  workstation: string;
  rows: number;
  headSeq: number;
  ok: boolean;
  /** The first seq where the chain does not hold, or null. */
  brokenAt: number | null;
  breaks: { seq: number; kind: AuditBreakKind; detail: string }[];
}

/** An audit row as both stores keep it (the console's audit_log, the hub's audit_rows): one column a field. */
export interface AuditDbRow {
  workstation: string;
  seq: number | string;
  id: string;
  at: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  action: string;
  entity: string;
  record_ids: string;
  count: number | string;
  customer_ids: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The columns in the order `auditRowValues` gives them. */
export const AUDIT_COLUMNS = 'workstation, seq, id, at, actor_id, actor_name, actor_role, action, entity, record_ids, count, customer_ids, detail, prev_hash, hash';

/** The row's values for an INSERT listing AUDIT_COLUMNS. */
export function auditRowValues(row: AuditRow): unknown[] {
  return [
    row.workstation,
    row.seq,
    row.id,
    row.at,
    row.actorId,
    row.actorName,
    row.actorRole,
    row.action,
    row.entity,
    JSON.stringify(row.recordIds),
    row.count,
    JSON.stringify(row.customerIds),
    row.detail,
    row.prevHash,
    row.hash,
  ];
}

/** A stored row back as the protocol's row (PostgreSQL hands bigints back as strings). */
export const auditRowFromDb = (r: AuditDbRow): AuditRow => ({
  workstation: r.workstation,
  seq: Number(r.seq),
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorRole: r.actor_role,
  action: r.action,
  entity: r.entity,
  recordIds: JSON.parse(r.record_ids) as string[],
  count: Number(r.count),
  customerIds: JSON.parse(r.customer_ids) as string[],
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * The viewer's filter as SQL, the same on the console and the hub. Only the customer condition differs
 * (the console reads the row's JSON list, the hub its audit_customers table): it takes one `?`.
 */
export function auditFilterSql(f: AuditFilter, customerCondition: string, first: { sql: string; args: unknown[] }[] = []): { sql: string; args: unknown[] } {
  const parts = first.map((c) => c.sql);
  const args = first.flatMap((c) => c.args);
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    args.push(value);
  };
  if (f.userId) add('actor_id = ?', f.userId);
  if (f.action) add('action = ?', f.action);
  if (f.customerId) add(customerCondition, f.customerId);
  if (f.from) add('at >= ?', f.from);
  if (f.to) add('at < ?', f.to);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}
