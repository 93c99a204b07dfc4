import dayjs from 'dayjs';

/** One date/time style everywhere, so agents read times the same way on every screen. */
export function fmtDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}

/** To the minute: due times and retry times, where seconds are noise. */
export function fmtMinute(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

export function fmtShort(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('MM-DD HH:mm') : '';
}

export function fmtClock(iso: string | number | Date | null | undefined): string {
  return iso ? dayjs(iso).format('HH:mm:ss') : '';
}

/** 65 → "01:05", 3725 → "1:02:05". */
export function fmtDuration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec) || sec < 0) return '';
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(r).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function secondsSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, Math.floor((now - t) / 1000)) : 0;
}
