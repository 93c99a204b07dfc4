import type { UserRecord } from '../shared/domain/admin';
import type { Actor } from '../shared/domain/mutation';
import type { SyncMutationName } from '../shared/domain/mutations';
import type { ScorecardItem, ScorecardVersion } from '../shared/domain/qaReview';
import { ALL_ROLES, CALL_TAKERS, CALLBACK_ROLES, type Role } from '../shared/domain/roles';
import { builtInScorecard } from '../shared/domain/scorecardDefaults';
import { type AckRepair, type HubCheckCode, MAX_CLOCK_SKEW_MS } from '../shared/sync/protocol';
import type { StoreTx } from './store/types';

/**
 * What the hub checks in a mutation before running it (docs/sync.md, "What the hub checks"): the
 * shared mutation definitions judge the workflow the same way on both sides; these are the facts only
 * the hub knows — which numbers are taken, which workstation the client is bound to, who exists, and
 * what time it is. A fact that can be put right without guessing is repaired and named in the ack; one
 * that cannot is refused with a code. Either way the workstation keeps the record (docs/sync.md).
 */

/** A deadline may lie in the future, but not beyond this (a due date in 2199 is a typo, not a plan). */
export const MAX_DEADLINE_AHEAD_MS = 5 * 366 * 86_400_000;
/** Times earlier than the organisation's first account by more than this are refused (clock slack). */
export const ORG_START_SLACK_MS = 86_400_000;

export type Checked = { ok: true; args: Record<string, unknown>; repairs: AckRepair[] } | { ok: false; code: HubCheckCode; reason: string };

export interface CheckContext {
  /** The workstation the pushing client is bound to. */
  workstation: string;
  actor: Actor;
  now: Date;
  /** When the organisation came into being: its first account's creation time. */
  orgStart: number;
  /** One lookup per user per push. */
  user(id: string): Promise<UserRecord | null>;
  /** A published scorecard version as the hub holds it (the built-in one is not stored). */
  scorecard(id: string): Promise<ScorecardVersion | null>;
}

/** Which human number a creating mutation carries, and where the hub keeps it unique. */
export const NUMBERED: Partial<Record<SyncMutationName, { field: string; entity: 'call' | 'complaint' }>> = {
  'call.create': { field: 'recordNo', entity: 'call' },
  'complaint.register': { field: 'complaintNo', entity: 'complaint' },
};

interface PersonRef {
  /** Path of the id in args, and of the name that goes with it. */
  id: string[];
  name: string[];
  roles: readonly Role[];
  what: string;
}

/** People named in args: they must exist on the hub with a role that allows it; the name is the hub's. */
function peopleIn(name: SyncMutationName, args: Record<string, unknown>): PersonRef[] {
  if (name === 'call.create' && args.agent) return [{ id: ['agent', 'id'], name: ['agent', 'name'], roles: CALL_TAKERS, what: 'the receiving agent' }];
  if (name === 'callback.create' || name === 'callback.assign')
    return [{ id: ['assigneeId'], name: ['assigneeName'], roles: CALLBACK_ROLES, what: 'the callback assignee' }];
  const step = args.step as { action?: string } | undefined;
  if (name === 'complaint.transition' && step?.action === 'assign')
    return [{ id: ['step', 'handlerId'], name: ['step', 'handlerName'], roles: ALL_ROLES, what: 'the complaint handler' }];
  return [];
}

const getPath = (o: Record<string, unknown>, p: string[]): unknown => p.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
function setPath(o: Record<string, unknown>, p: string[], value: unknown): void {
  let v = o;
  for (const k of p.slice(0, -1)) v = v[k] as Record<string, unknown>;
  v[p[p.length - 1]!] = value;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** `…At`, `at`: when something happened. `dueAt` and `…By` are deadlines (their own rule below). */
const isDeadline = (key: string) => /^dueAt$|DueAt$|By$/.test(key);
const isHappened = (key: string) => /At$|^at$/.test(key) && !isDeadline(key);

/** Every timestamp in args with its path: nested steps and outcomes carry times too. */
function timesIn(v: unknown, path: string[], out: { path: string[]; value: string }[]): void {
  if (typeof v === 'string' && ISO.test(v) && path.length) out.push({ path, value: v });
  else if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) timesIn(x, [...path, String(i)], out);
  }
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) timesIn(x, [...path, k], out);
}

const sameItem = (x: ScorecardItem, y: ScorecardItem) => x.id === y.id && x.label === y.label && x.weight === y.weight && x.fatal === y.fatal && x.guidance === y.guidance;

/**
 * A review carries the items it was scored on, so that later versions do not change it; they must be the
 * items of the version it names (published, or the built-in one), or a client could score with a
 * scorecard of its own making — a red line left out, weights of its choosing.
 */
async function scorecardRefusal(args: Record<string, unknown>, c: CheckContext): Promise<string | null> {
  const id = String(args.scorecardId);
  const card = builtInScorecard(id) ?? (await c.scorecard(id));
  if (!card) return `scorecard ${id} is not a scorecard of this hub`;
  const items = args.items as ScorecardItem[];
  if (card.version !== args.scorecardVersion) return `scorecard ${id} is version ${card.version}, not ${String(args.scorecardVersion)}`;
  if (items.length !== card.items.length || items.some((it, i) => !sameItem(it, card.items[i]!)))
    return `the review's items are not those of scorecard ${id} version ${card.version}`;
  return null;
}

export async function checkMutation(name: SyncMutationName, parsed: unknown, c: CheckContext): Promise<Checked> {
  const args = structuredClone(parsed) as Record<string, unknown>;
  const repairs: AckRepair[] = [];

  if (name === 'qa.review') {
    const refusal = await scorecardRefusal(args, c);
    if (refusal) return { ok: false, code: 'scorecard_mismatch', reason: refusal };
  }

  // The workstation code is the client's binding, whatever the args say: rewritten, not refused, because
  // the record itself is real and the number series is repaired by the uniqueness check.
  if (typeof args.workstation === 'string' && args.workstation !== c.workstation) {
    repairs.push({
      code: 'foreign_workstation',
      field: 'workstation',
      from: args.workstation,
      to: c.workstation,
      message: `workstation code ${JSON.stringify(args.workstation)} is not this client's (${JSON.stringify(c.workstation)}); recorded as ${c.workstation}`,
    });
    args.workstation = c.workstation;
  }

  for (const p of peopleIn(name, args)) {
    const id = getPath(args, p.id);
    if (typeof id !== 'string') continue;
    const u = await c.user(id);
    if (!u) return { ok: false, code: 'unknown_user', reason: `${p.what} ${id} is not a user of this hub` };
    if (!p.roles.includes(u.role)) return { ok: false, code: 'wrong_role', reason: `${p.what} ${u.displayName} has role ${u.role}, which may not take this` };
    const said = getPath(args, p.name);
    if (said !== u.displayName) {
      repairs.push({ code: 'name_corrected', field: p.name.join('.'), from: said, to: u.displayName, message: `${p.what}'s name is taken from the hub's user row` });
      setPath(args, p.name, u.displayName);
    }
  }

  const times: { path: string[]; value: string }[] = [];
  timesIn(args, [], times);
  const nowMs = c.now.getTime();
  const earliest = c.orgStart - ORG_START_SLACK_MS;
  for (const t of times) {
    const key = t.path[t.path.length - 1]!;
    const ms = Date.parse(t.value);
    if (Number.isNaN(ms)) continue;
    if (isDeadline(key)) {
      // A deadline may be overdue (an imported backlog) or far ahead, but not before the organisation
      // by years nor decades ahead: year 0001 is a forged or broken date.
      if (ms < earliest - 365 * 86_400_000 || ms > nowMs + MAX_DEADLINE_AHEAD_MS)
        return { ok: false, code: 'time_out_of_range', reason: `${t.path.join('.')} ${t.value} is not a plausible deadline` };
    } else if (isHappened(key)) {
      // When the customer says the problem occurred may well predate the organisation's use of this desk.
      if (ms < earliest && key !== 'occurredAt')
        return {
          ok: false,
          code: 'time_out_of_range',
          reason: `${t.path.join('.')} ${t.value} is before this organisation existed (${new Date(c.orgStart).toISOString()})`,
        };
      if (ms > nowMs + MAX_CLOCK_SKEW_MS) {
        const to = c.now.toISOString();
        // A skewed clock, not intent: the hub's time is the best estimate. Named in the ack all the same.
        repairs.push({ code: 'time_clamped', field: t.path.join('.'), from: t.value, to, message: `${t.path.join('.')} lay in the hub's future; set to the hub's clock` });
        setPath(args, t.path, to);
      }
    }
  }
  return { ok: true, args, repairs };
}

/**
 * The number a clashing record gets: the next free one of its series (everything up to the last dash),
 * at least as wide as the one it had. `highest` is the series' highest taken number.
 */
export function nextInSeries(number: string, highest: string | null): string {
  const cut = number.lastIndexOf('-');
  const series = number.slice(0, cut + 1);
  const width = number.length - series.length;
  const top = highest ? Number(highest.slice(series.length)) : 0;
  return series + String(Math.max(top, Number(number.slice(cut + 1))) + 1).padStart(width, '0');
}

/** Claims the record's number; on a clash renumbers it and names the repair. */
export async function claimNumber(tx: StoreTx, name: SyncMutationName, args: Record<string, unknown>, repairs: AckRepair[]): Promise<void> {
  const n = NUMBERED[name];
  const number = n && args[n.field];
  if (!n || typeof number !== 'string') return;
  const holder = await tx.numbers.holder(n.entity, number);
  if (holder === null || holder === args.id) return;
  const cut = number.lastIndexOf('-');
  let next = nextInSeries(number, await tx.numbers.highest(n.entity, number.slice(0, cut + 1)));
  // A hole left by a longer suffix cannot be taken twice: step on until free (normally once).
  while ((await tx.numbers.holder(n.entity, next)) !== null) next = nextInSeries(next, next);
  repairs.push({ code: 'number_taken', field: n.field, from: number, to: next, message: `${number} is already taken on the hub by another record; renumbered ${next}` });
  args[n.field] = next;
}
