import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { Day } from './attendance';
import { isoTime, LIMITS, requiredText, text, uuid } from './fields';
import { type Actor, diff, type MutationResult, refuse } from './mutation';
import { LEAD_ROLES } from './roles';

/**
 * The monthly bulletin 《客户服务交流信息》 and the quarterly quality report (docs/reports.md). A bulletin is
 * one draft per period, written by a team lead; publishing freezes a numbered version with the figures
 * as they were, and a later edit of the draft makes the next version. Figures are computed by the core
 * from the records; only the narrative is typed by people.
 */

export const BULLETIN_KINDS = ['monthly', 'quarterly'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];
/** 2026-11 for a month, 2026-Q4 for a quarter. */
export const BulletinPeriod = z.string().regex(/^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, { message: 'invalid period' });

export function periodMatchesKind(kind: BulletinKind, key: string): boolean {
  return kind === 'monthly' ? /^\d{4}-(0[1-9]|1[0-2])$/.test(key) : /^\d{4}-Q[1-4]$/.test(key);
}

const NAMESPACE = '5b1f3c7e-0d2a-4f4b-8e61-9c3a2d7b4e10';
/** One draft per period everywhere: two leads starting the same month offline edit the same record. */
export const bulletinIdOf = (kind: BulletinKind, key: string) => uuidv5(`bulletin:${kind}:${key}`, NAMESPACE);
export const bulletinVersionIdOf = (bulletinId: string, version: number) => uuidv5(`bulletin-version:${bulletinId}:${version}`, NAMESPACE);

export const RECTIFICATION_STATUSES = ['open', 'in_progress', 'done'] as const;
export const PLAN_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;

/** A complaint a lead marks as representative of the month, with how it was handled. */
export const RepresentativeProblem = z.strictObject({
  complaintId: uuid,
  complaintNo: text(40),
  summary: requiredText(1000),
  handling: text(2000),
});
/** What was fed back to which department, and where it stands. */
export const Rectification = z.strictObject({
  id: uuid,
  department: requiredText(LIMITS.name),
  issue: requiredText(1000),
  measure: text(1000),
  status: z.enum(RECTIFICATION_STATUSES),
  note: text(1000),
});
/** An item of the quarter's improvement plan, followed up in the next quarter's report. */
export const PlanItem = z.strictObject({
  id: uuid,
  item: requiredText(1000),
  owner: requiredText(LIMITS.name),
  dueDay: Day,
  status: z.enum(PLAN_STATUSES),
  followUp: text(1000),
});

export const BulletinNarrative = z.strictObject({
  /** The lead's overview of the period. */
  summary: text(5000),
  representative: z.array(RepresentativeProblem).max(20),
  rectifications: z.array(Rectification).max(50),
  /** Key accounts' needs and difficulties (002 §7.7), beside what their records say. */
  keyAccountNeeds: text(5000),
  /** QA results and attendance, in words, beside their figures. */
  qualityNotes: text(5000),
  /** Quarterly reports only; empty in a monthly bulletin. */
  improvementPlan: z.array(PlanItem).max(50),
});
export type BulletinNarrative = z.output<typeof BulletinNarrative>;
export const EMPTY_NARRATIVE: BulletinNarrative = { summary: '', representative: [], rectifications: [], keyAccountNeeds: '', qualityNotes: '', improvementPlan: [] };

export interface Bulletin {
  id: string;
  kind: BulletinKind;
  periodKey: string;
  narrative: BulletinNarrative;
  /** The last published version's number; 0 before the first publication. */
  publishedVersion: number;
  /** The narrative changed since the last publication (or was never published). */
  dirty: boolean;
  editedBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A published version: frozen, never edited. */
export interface BulletinVersion {
  id: string;
  bulletinId: string;
  kind: BulletinKind;
  periodKey: string;
  number: number;
  /** The figures as computed when published (their shape: shared/api bulletin types). */
  figures: Record<string, unknown>;
  narrative: BulletinNarrative;
  /** Who it went to: the department head and the departments in settings. */
  distribution: string[];
  publishedAt: string;
  publishedBy: string;
  publishedById: string;
}

export const BulletinSaveArgs = z.strictObject({
  id: uuid,
  kind: z.enum(BULLETIN_KINDS),
  periodKey: BulletinPeriod,
  narrative: BulletinNarrative,
  at: isoTime,
});
export type BulletinSaveArgs = z.output<typeof BulletinSaveArgs>;

/** A published version's figures are a JSON object of bounded size (a month's figures are a few kB). */
const MAX_FIGURES_CHARS = 256 * 1024;
export const BulletinPublishArgs = z.strictObject({
  id: uuid,
  bulletinId: uuid,
  kind: z.enum(BULLETIN_KINDS),
  periodKey: BulletinPeriod,
  number: z.number().int().min(1).max(10_000),
  figures: z.record(z.string(), z.unknown()).refine((f) => JSON.stringify(f).length <= MAX_FIGURES_CHARS, { message: 'figures too large' }),
  narrative: BulletinNarrative,
  distribution: z.array(requiredText(LIMITS.name)).max(50),
  at: isoTime,
});
export type BulletinPublishArgs = z.output<typeof BulletinPublishArgs>;

export const BulletinMarkPublishedArgs = z.strictObject({ id: uuid, number: z.number().int().min(1).max(10_000), at: isoTime });
export type BulletinMarkPublishedArgs = z.output<typeof BulletinMarkPublishedArgs>;

const TRACKED: (keyof Bulletin & string)[] = ['narrative', 'publishedVersion', 'dirty'];
const notLead = (actor: Actor) => !LEAD_ROLES.includes(actor.role);

export function saveBulletin(prev: Bulletin | null, a: BulletinSaveArgs, actor: Actor): MutationResult<Bulletin> {
  if (notLead(actor)) return refuse('forbidden', 'only a team lead writes the bulletin');
  if (!periodMatchesKind(a.kind, a.periodKey)) return refuse('invalid_params', `${a.periodKey} is not a ${a.kind} period`, [{ field: 'periodKey', code: 'invalid_value', message: 'period does not match the kind' }]);
  if (a.id !== bulletinIdOf(a.kind, a.periodKey)) return refuse('invalid_params', 'bulletin id does not match its period', [{ field: 'id', code: 'invalid_value', message: 'id must derive from kind and period' }]);
  if (a.kind === 'monthly' && a.narrative.improvementPlan.length) {
    return refuse('invalid_params', 'an improvement plan belongs to a quarterly report', [{ field: 'narrative.improvementPlan', code: 'invalid_value', message: 'quarterly reports only' }]);
  }
  const next: Bulletin = {
    id: a.id, kind: a.kind, periodKey: a.periodKey, narrative: a.narrative,
    publishedVersion: prev?.publishedVersion ?? 0,
    dirty: prev ? prev.dirty || JSON.stringify(prev.narrative) !== JSON.stringify(a.narrative) : true,
    editedBy: actor.displayName, createdAt: prev?.createdAt ?? a.at, updatedAt: a.at, version: (prev?.version ?? 0) + 1,
  };
  return { ok: true, next, changes: diff(prev, next, TRACKED) };
}

/** The draft now matches version `number`: later edits make it dirty again. */
export function markBulletinPublished(prev: Bulletin | null, a: BulletinMarkPublishedArgs, actor: Actor): MutationResult<Bulletin> {
  if (notLead(actor)) return refuse('forbidden', 'only a team lead publishes the bulletin');
  if (!prev) return refuse('not_found', `bulletin ${a.id} does not exist`);
  if (a.number <= prev.publishedVersion) return refuse('conflict', `version ${a.number} is already published`);
  const next: Bulletin = { ...prev, publishedVersion: a.number, dirty: false, updatedAt: a.at, version: prev.version + 1 };
  return { ok: true, next, changes: diff(prev, next, TRACKED) };
}

/** Freezes a version. The same version published twice with other content (two leads offline) is a conflict, not a silent replacement. */
export function publishBulletin(prev: BulletinVersion | null, a: BulletinPublishArgs, actor: Actor): MutationResult<BulletinVersion> {
  if (notLead(actor)) return refuse('forbidden', 'only a team lead publishes the bulletin');
  if (a.id !== bulletinVersionIdOf(a.bulletinId, a.number)) return refuse('invalid_params', 'version id does not match its bulletin and number', [{ field: 'id', code: 'invalid_value', message: 'id must derive from bulletin and number' }]);
  if (a.bulletinId !== bulletinIdOf(a.kind, a.periodKey)) return refuse('invalid_params', 'bulletin id does not match its period', [{ field: 'bulletinId', code: 'invalid_value', message: 'id must derive from kind and period' }]);
  if (prev) {
    if (JSON.stringify(prev.narrative) === JSON.stringify(a.narrative) && prev.publishedById === actor.userId) return { ok: true, next: prev, changes: [] };
    return refuse('conflict', `version ${a.number} of this bulletin was published meanwhile by ${prev.publishedBy}`);
  }
  const next: BulletinVersion = {
    id: a.id, bulletinId: a.bulletinId, kind: a.kind, periodKey: a.periodKey, number: a.number, figures: a.figures, narrative: a.narrative,
    distribution: a.distribution, publishedAt: a.at, publishedBy: actor.displayName, publishedById: actor.userId,
  };
  return { ok: true, next, changes: [{ field: 'number', before: null, after: a.number }] };
}
