import { BULLETIN_KINDS, type BulletinKind, periodMatchesKind } from '../../../../shared/domain/bulletin';
import { localDay } from '../../../../shared/domain/calendar';

/** The bulletin's period as the contract names it: monthly 2026-11, quarterly 2026-Q4. */
export interface BulletinChoice {
  kind: BulletinKind;
  periodKey: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month a key's period starts in, so that switching month ↔ quarter stays around the same time. */
export function anchorMonth(c: BulletinChoice): { year: number; month: number } {
  const year = Number(c.periodKey.slice(0, 4));
  return c.kind === 'monthly' ? { year, month: Number(c.periodKey.slice(5, 7)) } : { year, month: (Number(c.periodKey.slice(6)) - 1) * 3 + 1 };
}

export function keyOf(kind: BulletinKind, year: number, month: number): string {
  return kind === 'monthly' ? `${year}-${pad(month)}` : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * The period a lead writes up first: the month (or quarter) before the one today falls in, Beijing
 * time. On 1 December the bulletin to write is November's.
 */
export function lastPeriod(kind: BulletinKind, nowIso: string = new Date().toISOString()): BulletinChoice {
  const day = localDay(nowIso);
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (kind === 'monthly') return { kind, periodKey: m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}` };
  const q = Math.floor((m - 1) / 3) + 1;
  return { kind, periodKey: q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}` };
}

/** Switching kind keeps the time looked at (2026-11 → 2026-Q4 → 2026-10). */
export function switchKind(c: BulletinChoice, kind: BulletinKind): BulletinChoice {
  const { year, month } = anchorMonth(c);
  return { kind, periodKey: keyOf(kind, year, month) };
}

/** `?kind=monthly&period=2026-11` from the address; anything malformed is ignored. */
export function choiceFromQuery(query: string): BulletinChoice | null {
  const q = new URLSearchParams(query);
  const kind = q.get('kind');
  const key = q.get('period');
  if (!kind || !key || !(BULLETIN_KINDS as readonly string[]).includes(kind)) return null;
  return periodMatchesKind(kind as BulletinKind, key) ? { kind: kind as BulletinKind, periodKey: key } : null;
}

/** 2026-11 → 2026 年 11 月, 2026-Q4 → 2026 年第 4 季度 (or the English words), via the caller's `t`. */
export function periodName(t: (k: string, o?: Record<string, unknown>) => string, kind: BulletinKind, key: string): string {
  const y = key.slice(0, 4);
  return kind === 'monthly' ? t('bulletin.period.month', { y, m: Number(key.slice(5, 7)) }) : t('bulletin.period.quarter', { y, q: key.slice(6) });
}
