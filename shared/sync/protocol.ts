import { z } from 'zod';
import { ROLES } from '../domain/roles';

/** Version of the push/pull payloads. The hub serves a range; a console outside it must upgrade. */
export const SYNC_SCHEMA_VERSION = 1;
export const SCHEMA_HEADER = 'x-hotline-schema';
export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_PAGE = 2000;
/** Client timestamps further than this in the hub's future are clamped to the hub's clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export const PushMutation = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  base: z.record(z.string(), z.unknown()).nullable(),
});
export type PushMutation = z.output<typeof PushMutation>;

export const PushRequest = z.strictObject({
  clientId: z.string().uuid(),
  workstation: z.string().max(6),
  mutations: z.array(PushMutation).max(MAX_PUSH_BATCH),
  /**
   * The workstation's clock when it sent the push. The hub compares it with its own to stamp a sign-in
   * with the hub's receipt time and the workstation's clock offset (a far-off clock is flagged for the
   * lead). Optional: a console that does not send it gets no offset, and its sign-ins are not flagged.
   */
  sentAt: z.iso.datetime({ offset: true }).optional(),
});
export type PushRequest = z.output<typeof PushRequest>;

export type AckStatus = 'applied' | 'rejected' | 'conflict';
export interface Ack {
  id: number;
  status: AckStatus;
  reason?: string;
  serverState?: unknown;
  /** Who made the state the stale change ran into, for the conflict banner. */
  by?: { userId: string; displayName: string; at: string } | null;
  /** Why the hub refused it, as a stable code (server/checks.ts): shown with `reason` on the record. */
  code?: HubCheckCode;
  /** What the hub changed before applying it (a clashing number, a foreign workstation code, a skewed time). */
  repairs?: AckRepair[];
}

/** The hub's checks on what a workstation says (docs/sync.md, "What the hub checks"). */
export const HUB_CHECK_CODES = [
  'number_taken',
  'foreign_workstation',
  'unknown_user',
  'wrong_role',
  'time_out_of_range',
  'time_clamped',
  'name_corrected',
  'scorecard_mismatch',
] as const;
export type HubCheckCode = (typeof HUB_CHECK_CODES)[number];
export interface AckRepair {
  code: HubCheckCode;
  /** The args field the hub rewrote, e.g. `recordNo`, `step.handlerName`. */
  field: string;
  from: unknown;
  to: unknown;
  message: string;
}

/**
 * The local users an administrator vouches for when joining (`POST /hub/attest`): the hub maps each to
 * its user (same id), or creates it with its local id, so that every offline mutation keeps its author.
 */
export const AttestRequest = z.strictObject({
  workstation: z.string().max(6),
  users: z
    .array(
      z.strictObject({
        id: z.string().uuid(),
        username: z.string().min(1).max(64),
        displayName: z.string().min(1).max(100),
        role: z.enum(ROLES),
        passwordHash: z.string().max(400),
        active: z.boolean(),
        createdAt: z.string().max(40),
        updatedAt: z.string().max(40),
        /** A session is issued for this user at this workstation: they have offline work to push. */
        push: z.boolean(),
      }),
    )
    .max(5000),
});
export type AttestRequest = z.output<typeof AttestRequest>;
export interface AttestResponse {
  users: { localId: string; hubId: string; username: string; outcome: 'mapped' | 'created' | 'renamed'; token: string | null }[];
}

export interface PushResponse {
  lastMutationId: number;
  acks: Ack[];
}

export interface SyncChange {
  entity: string;
  id: string;
  seq: number;
  data: unknown;
  /**
   * The hub sent this workstation the record without its hidden fields: nobody who works there may see
   * it in full by ownership (docs/sync.md, "Data minimised per workstation"). Absent on full rows, so
   * consoles of schema 1 that do not know it still apply the row as it is.
   */
  redacted?: true;
}

/** A confidential record fetched online by a user who may see it in full: `GET /sync/record/:entity/:id`. */
export const FETCHABLE_ENTITIES = ['call', 'complaint'] as const;
export type FetchableEntity = (typeof FETCHABLE_ENTITIES)[number];
export interface RecordResponse {
  entity: FetchableEntity;
  id: string;
  seq: number;
  data: unknown;
  history: { id: string; entity: string; entityId: string; at: string; actorId: string; actorName: string; action: string; changes: unknown }[];
}

export interface PullResponse {
  changes: SyncChange[];
  cursor: number;
  hasMore: boolean;
  schemaVersion: number;
}

export const HubLoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
  workstation: z.string().max(6),
});

export interface HubLoginResponse {
  token: string;
  expiresAt: string;
  user: { id: string; username: string; displayName: string; role: string; active: boolean; createdAt: string; updatedAt: string };
}

/**
 * Walks `args` and pulls ISO timestamps that lie in the future back to `now` (clock skew, not intent).
 * `…At` names when something happened; deadlines (`…By`, and a callback's `dueAt`) lie in the future
 * on purpose and are left alone.
 */
export function clampFutureTimes<T>(args: T, now: Date, skewMs = MAX_CLOCK_SKEW_MS): T {
  const limit = now.getTime() + skewMs;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  const happened = (key: string) => (/At$|^at$/.test(key) && !/^dueAt$|DueAt$/.test(key));
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string' && happened(key) && iso.test(v) && Date.parse(v) > limit) return now.toISOString();
    if (Array.isArray(v)) return v.map((x) => walk(x, ''));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(args, '') as T;
}
