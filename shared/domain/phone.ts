/**
 * Phone normalisation for Chinese numbers. Callers dictate numbers in every shape
 * ("0571-8888 1234 转 802", "+86 138 0013 8000", "(010)12345678"); matching must not depend on it.
 */
export type PhoneKind = 'mobile' | 'landline' | 'service' | 'unknown';

export interface NormalizedPhone {
  /** Canonical digits: mobile 11 digits, landline with area code (when known), 400/800 numbers as is. */
  normalized: string;
  /** Landline number without area code; equals `normalized` for mobiles and service numbers. */
  local: string;
  extension: string | null;
  kind: PhoneKind;
  valid: boolean;
}

const EXTENSION_SPLIT = /(?:转|分机|ext\.?|x|#|,|，)/i;
// Three-digit area codes: Beijing 010 and the 02x cities; every other area code has four digits.
const THREE_DIGIT_AREA = /^(010|02\d)/;

export function normalizePhone(raw: string, defaultAreaCode = ''): NormalizedPhone {
  const [main = '', ext] = raw.trim().split(EXTENSION_SPLIT, 2);
  const extension = ext?.replace(/\D/g, '') || null;
  let digits = main.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  digits = digits.replace(/\+/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);

  if (/^1[3-9]\d{9}$/.test(digits)) {
    return { normalized: digits, local: digits, extension, kind: 'mobile', valid: true };
  }
  // A mobile dialled with a long-distance 0 prefix ("013800138000") is still the mobile.
  if (/^01[3-9]\d{9}$/.test(digits)) {
    const m = digits.slice(1);
    return { normalized: m, local: m, extension, kind: 'mobile', valid: true };
  }
  if (/^(400|800)\d{7}$/.test(digits)) {
    return { normalized: digits, local: digits, extension, kind: 'service', valid: true };
  }
  if (digits.startsWith('0')) {
    const areaLen = THREE_DIGIT_AREA.test(digits) ? 3 : 4;
    const local = digits.slice(areaLen);
    const valid = /^[2-9]\d{6,7}$/.test(local);
    return { normalized: digits, local, extension, kind: valid ? 'landline' : 'unknown', valid };
  }
  if (/^[2-9]\d{6,7}$/.test(digits)) {
    const area = defaultAreaCode.replace(/\D/g, '');
    return { normalized: area ? area + digits : digits, local: digits, extension, kind: 'landline', valid: true };
  }
  return { normalized: digits, local: digits, extension, kind: 'unknown', valid: false };
}

/** Show only what a role needs: 138****8000, 0571-****1234. */
export function maskPhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  if (d.length < 7) return '*'.repeat(d.length);
  return `${d.slice(0, 3)}****${d.slice(-4)}`;
}
