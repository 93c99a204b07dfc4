import { randomInt } from 'node:crypto';
import { hashPassword, verifyPassword } from './password';
import type { HubStore } from './store';

/**
 * The one-time set-up code of an empty hub. Whoever can reach the port of a fresh hub could otherwise
 * seed it with their own administrator; the code is printed only on the hub's own console (stdout and
 * log), so seeding needs someone who can read that. Only its scrypt hash is stored, and seeding deletes it.
 */

/** Operators who script an installation may fix the code through this variable instead of reading the log. */
export const SETUP_CODE_ENV = 'HUB_SETUP_CODE';

/** Sixteen random digits in groups of four: about 53 bits, typed by hand once, behind the setup rate limit. */
export function newSetupCode(): string {
  return Array.from({ length: 4 }, () => String(randomInt(0, 10_000)).padStart(4, '0')).join('-');
}

/** What the administrator typed, as stored: digits only, so spaces and dashes are forgiven. */
export const normaliseSetupCode = (code: string): string => code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

/**
 * Makes a new code for a hub that has not been set up (the previous one stops working) and stores its
 * hash; null when the hub already has users. `fixed` is an operator's own code (HUB_SETUP_CODE).
 */
export async function renewSetupCode(store: HubStore, now: Date, fixed?: string): Promise<string | null> {
  const code = fixed?.trim() || newSetupCode();
  if (fixed !== undefined && normaliseSetupCode(code).length < 12) throw new Error(`${SETUP_CODE_ENV} must have at least 12 letters or digits`);
  const hash = await hashPassword(normaliseSetupCode(code));
  const { result } = await store.write(async (tx) => {
    if ((await tx.countUsers()) > 0) return false;
    await tx.putSetupCodeHash(hash, now.toISOString());
    return true;
  });
  return result ? code : null;
}

export async function setupCodeMatches(hash: string | null, code: string): Promise<boolean> {
  return hash !== null && (await verifyPassword(normaliseSetupCode(code), hash));
}
