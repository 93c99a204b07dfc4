import type { Shift } from '../domain/attendance';
import type { Handover, HandoverItem, HandoverItemKind, HandoverStatus } from '../domain/handover';
import type { SyncConflict } from './types';

/** Results of the shift handover methods (交接班, docs/reports.md). */

export type { Handover, HandoverItem, HandoverItemKind, HandoverStatus };

/** What the shift leaves open now, for the creator's scope: the list 新建交接 starts from. */
export interface HandoverDraft {
  /** The local day of the shift handed over and the shift (the one signed into today, else the one under way). */
  day: string;
  shift: Shift;
  /** The next shift and when it ends: callbacks due before then are listed. */
  nextShift: Shift;
  nextShiftEndsAt: string;
  /** 'mine': an agent's or officer's own work; 'team': a lead's, everybody's. */
  scope: 'mine' | 'team';
  /** Ordered by kind, then by the clock (soonest first, none last). Notes are empty. */
  items: HandoverItem[];
  /** More was open than a handover holds (MAX_HANDOVER_ITEMS): the soonest are kept. */
  truncated: boolean;
}

/** One handover in the list: open ones first, then the newest. */
export interface HandoverRow {
  id: string;
  day: string;
  shiftName: string;
  status: HandoverStatus;
  createdBy: string;
  createdAt: string;
  acknowledgedBy: string;
  acknowledgedAt: string | null;
  /** How many items of each kind. */
  counts: Record<HandoverItemKind, number>;
  note: string;
}

export interface HandoverDetail {
  handover: Handover;
  /** The author, while it is open. */
  mayNote: boolean;
  /** Anybody of the handover roles but the author, while it is open. */
  mayAcknowledge: boolean;
  /** Changes made here that the hub refused (a note written offline after the next shift acknowledged). */
  conflicts: SyncConflict[];
}
