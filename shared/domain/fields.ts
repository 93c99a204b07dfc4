import { z } from 'zod';

/** Limits for free text. Huge pastes are refused with a clear message instead of bloating the store. */
export const LIMITS = { name: 100, short: 200, text: 5000, id: 64 } as const;

/** Rejects control characters other than tab/newline: they break printing and CSV export. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const text = (max: number = LIMITS.short) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'contains control characters' })
    .transform((s) => s.trim());

export const requiredText = (max: number = LIMITS.short) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'contains control characters' })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, { message: 'required', params: { code: 'required' } });

export const uuid = z.string().uuid();
export const isoTime = z.iso.datetime({ offset: true });
