import { z } from 'zod';
import { text, uuid } from '../domain/fields';
import { HANDOVER_ITEM_KINDS, HANDOVER_STATUSES, MAX_HANDOVER_ITEMS } from '../domain/handover';
import { HANDOVER_ROLES } from '../domain/roles';
import type * as H from './handoverTypes';
import { def } from './methodDef';
import type { Page } from './types';

const ItemNotes = z.array(z.strictObject({ recordId: uuid, note: text(1000) })).max(MAX_HANDOVER_ITEMS);

/**
 * Shift handover (交接班, docs/reports.md). The client names the records and writes the notes; the core
 * builds each item's number, summary and clock from the record itself, so a handover cannot carry a
 * summary its author made up, nor the hidden text of a confidential record.
 */
export const HANDOVER_API = {
  /** What the shift leaves open now (the caller's own work; a lead's, the team's), with the shift. */
  'handover.draft': def<H.HandoverDraft>()(z.strictObject({}), HANDOVER_ROLES),
  /** Hands the current shift over: the chosen records with a note beside each, and a note for the shift. */
  'handover.create': def<H.Handover>()(
    z.strictObject({
      items: z.array(z.strictObject({ kind: z.enum(HANDOVER_ITEM_KINDS), recordId: uuid, note: text(1000) })).max(MAX_HANDOVER_ITEMS),
      note: text(2000),
    }),
    HANDOVER_ROLES,
  ),
  /** The author's notes until the handover is acknowledged: the shift's note and those of the items named. */
  'handover.note': def<H.Handover>()(z.strictObject({ id: uuid, note: text(2000), itemNotes: ItemNotes }), HANDOVER_ROLES),
  /** The next shift takes it over (确认接班), with a note; never its author. */
  'handover.acknowledge': def<H.Handover>()(z.strictObject({ id: uuid, note: text(1000) }), HANDOVER_ROLES),
  'handover.list': def<Page<H.HandoverRow>>()(
    z.strictObject({
      status: z.enum(HANDOVER_STATUSES).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      offset: z.number().int().min(0).max(1_000_000).optional(),
    }),
    HANDOVER_ROLES,
  ),
  'handover.get': def<H.HandoverDetail>()(z.strictObject({ id: uuid }), HANDOVER_ROLES),
} as const;
