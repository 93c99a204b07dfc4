/**
 * Screen-pop input from softphones: `--incoming <number>`, `--incoming=<number>` or
 * `hotline://incoming?number=<number>`. Softphones forward whatever caller ID the PBX gives them, and
 * the URL form can be triggered by any web page, so everything here is untrusted: we only accept
 * something that looks like a dialable number and leave Chinese-number normalisation to the core.
 */

export const PROTOCOL_SCHEME = 'hotline';
/** Longest raw caller ID we look at; PBX strings beyond this are not a phone number. */
export const MAX_RAW_LENGTH = 40;
/** ITU E.164 allows 15 digits; a few extra leave room for prefixes such as 0086 or an outside-line 9. */
export const MAX_DIGITS = 20;
/** Short service numbers (110, 12345, 95588) are real callers; fewer digits are not. */
export const MIN_DIGITS = 3;
const MAX_URL_LENGTH = 256;

// Separators people and PBXs put inside numbers; NBSP and ideographic space come from copy-paste.
const SEPARATORS = /[\s\u00a0\u3000\-().]/g;

/** Returns the caller number as `+`? digits, or null when the input is not a plausible number. */
export function parseIncomingNumber(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RAW_LENGTH) return null;
  // NFKC folds full-width digits (１３８…) and the full-width plus typed with a Chinese IME.
  let s = raw.normalize('NFKC').trim();
  if (/^tel:/i.test(s)) s = s.slice(4);
  s = s.replace(SEPARATORS, '');
  const plus = s.startsWith('+');
  const digits = plus ? s.slice(1) : s;
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null;
  return plus ? `+${digits}` : digits;
}

/** `hotline://incoming?number=…` (also `hotline:incoming?number=…`, `hotline://incoming/?…`). */
export function parseIncomingUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== `${PROTOCOL_SCHEME}:`) return null;
  const action = url.host !== '' ? url.host + url.pathname.replace(/\/$/, '') : url.pathname;
  if (action.toLowerCase() !== 'incoming') return null;
  const numbers = url.searchParams.getAll('number');
  // Two numbers is ambiguous; guessing which one rang would pop the wrong customer.
  if (numbers.length !== 1) return null;
  return parseIncomingNumber(numbers[0]);
}

/**
 * First screen pop found in a command line. Chromium may reorder a second instance's argv, so the
 * primary instance prefers `additionalData` (see `incomingFromAdditionalData`) and uses this as a
 * fallback; on Windows and Linux the protocol URL also arrives here.
 */
export function findIncomingNumber(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let found: string | null = null;
    if (arg === '--incoming') found = parseIncomingNumber(argv[i + 1]);
    else if (arg.startsWith('--incoming=')) found = parseIncomingNumber(arg.slice('--incoming='.length));
    else if (arg.toLowerCase().startsWith(`${PROTOCOL_SCHEME}:`)) found = parseIncomingUrl(arg);
    if (found) return found;
  }
  return null;
}

/** What a second instance hands the primary through `requestSingleInstanceLock(additionalData)`. */
export interface InstanceData {
  incoming: string | null;
}

/** Revalidates: additionalData crosses a process boundary and any local program can send it. */
export function incomingFromAdditionalData(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('incoming' in data)) return null;
  return parseIncomingNumber((data as { incoming: unknown }).incoming);
}
