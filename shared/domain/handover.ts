import { z } from 'zod';
import { Day } from './attendance';
import { isoTime, text, uuid } from './fields';
import { type Actor, diff, type MutationResult, refuse } from './mutation';
import { HANDOVER_ROLES } from './roles';

/**
 * Shift handover (交接班): what a shift leaves open for the next one, with notes, acknowledged by
 * somebody of the next shift. The items are a snapshot taken when the handover is made; each names its
 * record, so the next shift opens the record itself (as its own rights allow). docs/reports.md.
 */

export const HANDOVER_ITEM_KINDS = ['call', 'complaint', 'callback', 'escalation'] as const;
export type HandoverItemKind = (typeof HANDOVER_ITEM_KINDS)[number];
export const HANDOVER_STATUSES = ['open', 'acknowledged'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export const HandoverItem = z.strictObject({
  kind: z.enum(HANDOVER_ITEM_KINDS),
  recordId: uuid,
  recordNo: text(40),
  /** What is open, as the list shows it; a confidential record of somebody else shows its number only. */
  summary: text(500),
  /** The clock that runs on it: the promised reply, the complaint's next deadline, the callback's due time. */
  dueAt: isoTime.nullable(),
  note: text(1000),
});
export type HandoverItem = z.output<typeof HandoverItem>;

export const MAX_HANDOVER_ITEMS = 500;

export interface Handover {
  id: string;
  /** The local day of the shift handed over, and the shift by the settings. */
  day: string;
  shiftId: string;
  shiftName: string;
  items: HandoverItem[];
  note: string;
  status: HandoverStatus;
  createdBy: string;
  createdById: string;
  acknowledgedBy: string;
  acknowledgedById: string | null;
  acknowledgedAt: string | null;
  ackNote: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const HandoverCreateArgs = z.strictObject({
  id: uuid,
  day: Day,
  shiftId: z.string().max(20),
  shiftName: text(20),
  items: z.array(HandoverItem).max(MAX_HANDOVER_ITEMS),
  note: text(2000),
  at: isoTime,
});
export type HandoverCreateArgs = z.output<typeof HandoverCreateArgs>;

/** The author's notes, until the handover is acknowledged: the shift's note and a note per item (by record id). */
export const HandoverNoteArgs = z.strictObject({
  id: uuid,
  note: text(2000),
  itemNotes: z.array(z.strictObject({ recordId: uuid, note: text(1000) })).max(MAX_HANDOVER_ITEMS),
  at: isoTime,
});
export type HandoverNoteArgs = z.output<typeof HandoverNoteArgs>;

export const HandoverAckArgs = z.strictObject({ id: uuid, note: text(1000), at: isoTime });
export type HandoverAckArgs = z.output<typeof HandoverAckArgs>;

const TRACKED: (keyof Handover & string)[] = ['items', 'note', 'status', 'acknowledgedBy', 'acknowledgedAt', 'ackNote'];
const mayHandOver = (actor: Actor) => HANDOVER_ROLES.includes(actor.role);

export function createHandover(prev: Handover | null, a: HandoverCreateArgs, actor: Actor): MutationResult<Handover> {
  if (!mayHandOver(actor)) return refuse('forbidden', 'only agents, callback officers and team leads hand over a shift');
  if (prev) return refuse('refused', `handover ${a.id} already exists`);
  const next: Handover = {
    id: a.id, day: a.day, shiftId: a.shiftId, shiftName: a.shiftName, items: a.items, note: a.note, status: 'open',
    createdBy: actor.displayName, createdById: actor.userId, acknowledgedBy: '', acknowledgedById: null, acknowledgedAt: null, ackNote: '',
    createdAt: a.at, updatedAt: a.at, version: 1,
  };
  return { ok: true, next, changes: diff(null, next, TRACKED) };
}

export function noteHandover(prev: Handover | null, a: HandoverNoteArgs, actor: Actor): MutationResult<Handover> {
  if (!prev) return refuse('not_found', `handover ${a.id} does not exist`);
  if (prev.createdById !== actor.userId) return refuse('forbidden', 'only the author writes the handover\u2019s notes');
  if (prev.status !== 'open') return refuse('refused', 'the handover was acknowledged: its notes are final');
  const notes = new Map(a.itemNotes.map((n) => [n.recordId, n.note]));
  const unknown = a.itemNotes.filter((n) => !prev.items.some((i) => i.recordId === n.recordId));
  if (unknown.length) return refuse('invalid_params', 'a note names a record that is not in the handover', unknown.map((n) => ({ field: `itemNotes.${n.recordId}`, code: 'invalid_value' as const, message: 'not in this handover' })));
  const next: Handover = {
    ...prev, note: a.note, items: prev.items.map((i) => (notes.has(i.recordId) ? { ...i, note: notes.get(i.recordId)! } : i)),
    updatedAt: a.at, version: prev.version + 1,
  };
  return { ok: true, next, changes: diff(prev, next, TRACKED) };
}

/** The next shift takes it over: somebody other than its author. */
export function acknowledgeHandover(prev: Handover | null, a: HandoverAckArgs, actor: Actor): MutationResult<Handover> {
  if (!mayHandOver(actor)) return refuse('forbidden', 'only agents, callback officers and team leads take over a shift');
  if (!prev) return refuse('not_found', `handover ${a.id} does not exist`);
  if (prev.createdById === actor.userId) return refuse('forbidden', 'the next shift acknowledges a handover, not its author');
  if (prev.status !== 'open') return refuse('refused', `already acknowledged by ${prev.acknowledgedBy}`);
  const next: Handover = {
    ...prev, status: 'acknowledged', acknowledgedBy: actor.displayName, acknowledgedById: actor.userId, acknowledgedAt: a.at, ackNote: a.note,
    updatedAt: a.at, version: prev.version + 1,
  };
  return { ok: true, next, changes: diff(prev, next, TRACKED) };
}

