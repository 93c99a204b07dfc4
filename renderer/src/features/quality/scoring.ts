import type { ItemScore, QaReview, ScorecardItem } from '../../../../shared/domain/qaReview';
import { reviewScore } from '../../../../shared/domain/qaReview';

/**
 * The scorecard being filled in, as plain data and pure steps, so that the keyboard and the mouse go
 * through the same rules and a test can drive them without a screen. The score itself is the domain's
 * (reviewScore): the live total cannot disagree with what the core will store.
 */

export interface ItemEntry {
  /** Points given on a scored item; null until the reviewer scores it (the core refuses an unscored item). */
  points: number | null;
  /** A fatal item (红线) failed. */
  failed: boolean;
  comment: string;
}

export interface DraftFinding {
  key: number;
  itemId: string | null;
  text: string;
}

export interface ScoringState {
  items: ScorecardItem[];
  entries: Record<string, ItemEntry>;
  /** The item the keyboard acts on. */
  active: number;
  /** Digits typed on the active item since it became active: "1" then "5" gives 15. */
  typed: string;
  comment: string;
  findings: DraftFinding[];
  nextKey: number;
}

export function initialScoring(items: readonly ScorecardItem[], review: QaReview | null): ScoringState {
  const saved = new Map((review?.scores ?? []).map((s) => [s.itemId, s]));
  const entries: Record<string, ItemEntry> = {};
  for (const it of items) {
    const s = saved.get(it.id);
    entries[it.id] = { points: s ? (it.fatal ? 0 : s.points) : it.fatal ? 0 : null, failed: !!s?.failed && it.fatal, comment: s?.comment ?? '' };
  }
  return { items: [...items], entries, active: 0, typed: '', comment: review?.comment ?? '', findings: [], nextKey: 1 };
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

function patch(s: ScoringState, id: string, p: Partial<ItemEntry>): ScoringState {
  const cur = s.entries[id];
  if (!cur) return s;
  return { ...s, entries: { ...s.entries, [id]: { ...cur, ...p } } };
}

const activeItem = (s: ScoringState): ScorecardItem | undefined => s.items[s.active];

export function moveActive(s: ScoringState, by: number): ScoringState {
  const active = clamp(s.active + by, 0, s.items.length - 1);
  return active === s.active ? s : { ...s, active, typed: '' };
}

export function focusItem(s: ScoringState, index: number): ScoringState {
  const active = clamp(index, 0, s.items.length - 1);
  return active === s.active ? s : { ...s, active, typed: '' };
}

/** Points on a scored item, kept within 0..weight. A fatal item has no points to set. */
export function setPoints(s: ScoringState, id: string, points: number | null): ScoringState {
  const it = s.items.find((i) => i.id === id);
  if (!it || it.fatal) return s;
  return patch(s, id, { points: points === null ? null : clamp(Math.round(points), 0, it.weight) });
}

/**
 * A digit typed on the active item. Digits add up to a number ("1", "5" → 15); one that would go past the
 * item's weight starts a new number, so a slip never needs Backspace.
 */
export function typeDigit(s: ScoringState, digit: string): ScoringState {
  const it = activeItem(s);
  if (!it || it.fatal || !/^\d$/.test(digit)) return s;
  let typed = `${s.typed}${digit}`.replace(/^0+(?=\d)/, '');
  if (Number(typed) > it.weight) typed = Number(digit) > it.weight ? '' : digit;
  if (!typed) return s;
  return { ...setPoints(s, it.id, Number(typed)), typed };
}

/** + / −: one point more or less on the active item (an unscored item counts from full marks down, from 0 up). */
export function stepPoints(s: ScoringState, by: number): ScoringState {
  const it = activeItem(s);
  if (!it || it.fatal) return s;
  const cur = s.entries[it.id]?.points ?? (by < 0 ? it.weight : 0);
  return { ...setPoints(s, it.id, cur + by), typed: '' };
}

/** Full marks on the active item. */
export function fullMarks(s: ScoringState): ScoringState {
  const it = activeItem(s);
  if (!it || it.fatal) return s;
  return { ...setPoints(s, it.id, it.weight), typed: '' };
}

/** Every item not scored yet gets full marks (fatal items stay as they are): deduct from there. */
export function fillRest(s: ScoringState): ScoringState {
  let out = s;
  for (const it of s.items) if (!it.fatal && s.entries[it.id]?.points === null) out = setPoints(out, it.id, it.weight);
  return { ...out, typed: '' };
}

export function setFailed(s: ScoringState, id: string, failed: boolean): ScoringState {
  const it = s.items.find((i) => i.id === id);
  if (!it?.fatal) return s;
  return patch(s, id, { failed, points: 0 });
}

/** F: the active fatal item failed or not. */
export function toggleFatal(s: ScoringState): ScoringState {
  const it = activeItem(s);
  if (!it?.fatal) return s;
  return setFailed(s, it.id, !s.entries[it.id]?.failed);
}

export function setItemComment(s: ScoringState, id: string, comment: string): ScoringState {
  return patch(s, id, { comment });
}

export function addFinding(s: ScoringState, itemId: string | null): ScoringState {
  return { ...s, findings: [...s.findings, { key: s.nextKey, itemId, text: '' }], nextKey: s.nextKey + 1 };
}

export function editFinding(s: ScoringState, key: number, p: Partial<Omit<DraftFinding, 'key'>>): ScoringState {
  return { ...s, findings: s.findings.map((f) => (f.key === key ? { ...f, ...p } : f)) };
}

export function removeFinding(s: ScoringState, key: number): ScoringState {
  return { ...s, findings: s.findings.filter((f) => f.key !== key) };
}

/** What qa.review sends: every scored item and every fatal item; an unscored item is left out, and the core names it. */
export function scoresOf(s: ScoringState): ItemScore[] {
  const out: ItemScore[] = [];
  for (const it of s.items) {
    const e = s.entries[it.id];
    if (!e) continue;
    if (it.fatal) out.push({ itemId: it.id, points: 0, failed: e.failed, comment: e.comment.trim() });
    else if (e.points !== null) out.push({ itemId: it.id, points: e.points, failed: false, comment: e.comment.trim() });
  }
  return out;
}

/** Findings as qa.review takes them; rows left empty are sent too, so the core names them beside their box. */
export function findingsOf(s: ScoringState): { itemId: string | null; text: string }[] {
  return s.findings.map((f) => ({ itemId: f.itemId, text: f.text.trim() }));
}

export interface LiveTotal {
  score: number;
  voided: boolean;
  /** Scored items with points so far, of all scored items. */
  scored: number;
  of: number;
  /** The scorecard's full marks (100 for a valid one). */
  max: number;
}

export function liveTotal(s: ScoringState): LiveTotal {
  const scoredItems = s.items.filter((i) => !i.fatal);
  const { score, voided } = reviewScore(s.items, scoresOf(s));
  return {
    score,
    voided,
    scored: scoredItems.filter((i) => s.entries[i.id]?.points !== null).length,
    of: scoredItems.length,
    max: scoredItems.reduce((n, i) => n + i.weight, 0),
  };
}

/**
 * The reviewer's keys on the scorecard, by useHotkeys' names. Plain keys act only when no text box has
 * the focus (the comment boxes take letters and digits); Ctrl+Enter and Escape work everywhere.
 */
export type ScoringKey = 'next' | 'prev' | 'digit' | 'plus' | 'minus' | 'full' | 'fillRest' | 'fatal' | 'finding' | 'comment';

export function scoringKeyOf(name: string): ScoringKey | null {
  if (name === 'J' || name === 'ArrowDown') return 'next';
  if (name === 'K' || name === 'ArrowUp') return 'prev';
  if (/^\d$/.test(name)) return 'digit';
  if (name === '+' || name === '=') return 'plus';
  if (name === '-' || name === '_') return 'minus';
  if (name === 'M') return 'full';
  if (name === 'A') return 'fillRest';
  if (name === 'F') return 'fatal';
  if (name === 'I') return 'finding';
  if (name === 'C') return 'comment';
  return null;
}

/** Applies a plain scoring key; 'finding' and 'comment' move the focus and are the screen's to do. */
export function applyKey(s: ScoringState, key: ScoringKey, name: string): ScoringState {
  switch (key) {
    case 'next':
      return moveActive(s, 1);
    case 'prev':
      return moveActive(s, -1);
    case 'digit':
      return typeDigit(s, name);
    case 'plus':
      return stepPoints(s, 1);
    case 'minus':
      return stepPoints(s, -1);
    case 'full':
      return fullMarks(s);
    case 'fillRest':
      return fillRest(s);
    case 'fatal':
      return toggleFatal(s);
    case 'finding':
      return addFinding(s, activeItem(s)?.id ?? null);
    default:
      return s;
  }
}

/** The sample's next record not yet reviewed after `current` (wrapping round), or null when all are done. */
export function nextUnreviewed<T extends { kind: string; recordId: string; reviewId: string | null }>(items: readonly T[], current: { kind: string; recordId: string }): T | null {
  const at = items.findIndex((i) => i.kind === current.kind && i.recordId === current.recordId);
  for (let n = 1; n <= items.length; n++) {
    const it = items[(at + n + items.length) % items.length];
    if (it && !it.reviewId && !(it.kind === current.kind && it.recordId === current.recordId)) return it;
  }
  return null;
}
