import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { isoTime, LIMITS, requiredText, text, uuid } from './fields';
import { type Actor, diff, type FieldChange, type MutationResult, refuse } from './mutation';
import { isQaRole } from './roles';

/**
 * QA sampling and review (质检, 001 §3). A sample is kept per agent per month, so that the agent's own
 * workstation can hold exactly the agent's part; a review and a finding belong to one sampled record.
 * docs/quality.md describes the rules.
 */

/** Service records a sample draws from. */
export const QA_RECORD_KINDS = ['call', 'complaint', 'callback'] as const;
export type QaRecordKind = (typeof QA_RECORD_KINDS)[number];

/** A month as the sample names it: 2026-11. */
export const MonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'invalid month' });

/**
 * Ids derived from what they identify, so that two leads drawing the same month offline write the same
 * records and sync merges them instead of keeping two samples (docs/quality.md).
 */
const QA_NAMESPACE = '3f0e8a52-6f0b-4b8e-9a55-2f6c1d7d9e41';
export const sampleIdOf = (month: string, agentId: string) => uuidv5(`qa-sample:${month}:${agentId}`, QA_NAMESPACE);
export const reviewIdOf = (month: string, kind: QaRecordKind, recordId: string) => uuidv5(`qa-review:${month}:${kind}:${recordId}`, QA_NAMESPACE);

export const SampleItem = z.strictObject({
  kind: z.enum(QA_RECORD_KINDS),
  recordId: uuid,
  /** The record's number as lists show it (call record no., complaint no.; a callback has none). */
  recordNo: text(40),
  /** When the service happened (answered, received, done). */
  at: isoTime,
  /** Added by hand by a lead (a complaint that went badly), not drawn. */
  manual: z.boolean(),
  reason: text(500),
  addedBy: text(LIMITS.name),
});
export type SampleItem = z.output<typeof SampleItem>;

export interface QaSample {
  id: string;
  month: string;
  agentId: string;
  agentName: string;
  /** The draw's seed: the same seed over the same records draws the same sample. Null when only hand-added. */
  seed: string | null;
  ratePercent: number;
  /** The agent's service records in the month when drawn. */
  population: number;
  items: SampleItem[];
  drawnBy: string;
  drawnAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The most records one agent's month sample holds (a full-time agent serves well under 3000 a month). */
export const MAX_SAMPLE_ITEMS = 1000;

export const QaDrawArgs = z.strictObject({
  id: uuid,
  month: MonthKey,
  agentId: uuid,
  agentName: text(LIMITS.name),
  seed: requiredText(64),
  ratePercent: z.number().int().min(1).max(100),
  population: z.number().int().min(0).max(10_000_000),
  items: z.array(SampleItem).max(MAX_SAMPLE_ITEMS),
  at: isoTime,
});
export type QaDrawArgs = z.output<typeof QaDrawArgs>;

export const QaAddArgs = z.strictObject({
  id: uuid,
  month: MonthKey,
  agentId: uuid,
  agentName: text(LIMITS.name),
  item: SampleItem,
  at: isoTime,
});
export type QaAddArgs = z.output<typeof QaAddArgs>;

const SAMPLE_TRACKED: (keyof QaSample & string)[] = ['seed', 'ratePercent', 'population', 'items', 'drawnBy', 'drawnAt'];

function notQa(actor: Actor): boolean {
  return !isQaRole(actor.role);
}

/**
 * Draws into an agent's month. A record already in the sample is never added again, so a second draw
 * (or the same draw made offline on another workstation) adds only what the first did not.
 */
export function drawSample(prev: QaSample | null, a: QaDrawArgs, actor: Actor): MutationResult<QaSample> {
  if (notQa(actor)) return refuse('forbidden', 'only a quality inspector or team lead may draw a sample');
  if (a.id !== sampleIdOf(a.month, a.agentId)) return refuse('invalid_params', 'sample id does not match its month and agent', [{ field: 'id', code: 'invalid_value', message: 'id must derive from month and agent' }]);
  const have = new Set((prev?.items ?? []).map((i) => `${i.kind}:${i.recordId}`));
  const fresh = a.items.filter((i) => !have.has(`${i.kind}:${i.recordId}`) && have.add(`${i.kind}:${i.recordId}`));
  const base: QaSample = prev ?? {
    id: a.id, month: a.month, agentId: a.agentId, agentName: a.agentName, seed: null, ratePercent: a.ratePercent, population: 0,
    items: [], drawnBy: '', drawnAt: null, createdAt: a.at, updatedAt: a.at, version: 0,
  };
  if ((prev?.items.length ?? 0) + fresh.length > MAX_SAMPLE_ITEMS) return refuse('refused', `a month sample holds at most ${MAX_SAMPLE_ITEMS} records`);
  // The first draw's seed stays: it is what reproduces the sample.
  const drawn = base.seed === null;
  const next: QaSample = {
    ...base,
    agentName: a.agentName || base.agentName,
    seed: drawn ? a.seed : base.seed,
    ratePercent: drawn ? a.ratePercent : base.ratePercent,
    population: Math.max(base.population, a.population),
    items: [...base.items, ...fresh],
    drawnBy: drawn ? actor.displayName : base.drawnBy,
    drawnAt: drawn ? a.at : base.drawnAt,
    updatedAt: a.at,
    version: base.version + 1,
  };
  if (prev && !fresh.length && !drawn) return { ok: true, next: prev, changes: [] };
  return { ok: true, next, changes: diff(prev, next, SAMPLE_TRACKED) };
}

/** A record a lead adds by hand, with the reason; refused when it is in the sample already. */
export function addToSample(prev: QaSample | null, a: QaAddArgs, actor: Actor): MutationResult<QaSample> {
  if (notQa(actor)) return refuse('forbidden', 'only a quality inspector or team lead may add to a sample');
  if (a.id !== sampleIdOf(a.month, a.agentId)) return refuse('invalid_params', 'sample id does not match its month and agent', [{ field: 'id', code: 'invalid_value', message: 'id must derive from month and agent' }]);
  if (!a.item.manual || !a.item.reason) return refuse('invalid_params', 'a record added by hand needs a reason', [{ field: 'reason', code: 'required', message: 'required' }]);
  if (prev?.items.some((i) => i.kind === a.item.kind && i.recordId === a.item.recordId)) {
    return refuse('refused', 'this record is in the sample already', [{ field: 'recordId', code: 'duplicate', message: 'already in the sample' }]);
  }
  if ((prev?.items.length ?? 0) >= MAX_SAMPLE_ITEMS) return refuse('refused', `a month sample holds at most ${MAX_SAMPLE_ITEMS} records`);
  const base: QaSample = prev ?? {
    id: a.id, month: a.month, agentId: a.agentId, agentName: a.agentName, seed: null, ratePercent: 0, population: 0,
    items: [], drawnBy: '', drawnAt: null, createdAt: a.at, updatedAt: a.at, version: 0,
  };
  const next: QaSample = { ...base, items: [...base.items, a.item], updatedAt: a.at, version: base.version + 1 };
  return { ok: true, next, changes: diff(prev, next, ['items']) };
}

/**
 * The draw itself: a seeded shuffle of the agent's records (sorted by id first, so the order records
 * were stored in does not matter), taking `rate` of them rounded, at least one. Pure: the same seed over
 * the same records gives the same sample on any workstation. The PRNG is a few lines of mulberry32 over
 * an FNV-1a hash of the seed; a library would add a dependency for what needs no more than this.
 */
export function pickSample<T extends { kind: string; recordId: string }>(records: readonly T[], ratePercent: number, seed: string): T[] {
  if (!records.length) return [];
  const want = Math.max(1, Math.round((records.length * ratePercent) / 100));
  const sorted = [...records].sort((x, y) => (x.kind === y.kind ? (x.recordId < y.recordId ? -1 : x.recordId > y.recordId ? 1 : 0) : x.kind < y.kind ? -1 : 1));
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let state = h >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Partial Fisher–Yates: only the first `want` places are settled.
  for (let i = 0; i < want; i++) {
    const j = i + Math.floor(next() * (sorted.length - i));
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  return sorted.slice(0, want);
}

/** The default seed of a month: the same on every workstation of the organisation, so offline draws agree. */
export function monthSeed(month: string, organisationName: string): string {
  return `${month}/${organisationName}`.slice(0, 64);
}

export type { FieldChange };
