import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/*
 * Store keys without the SQLite driver: sizes, the error type, hex parsing and password-derived keys.
 * The Electron main process uses this module and must not load the driver (it runs in the core's
 * utility process only; test/electron/bundle.test.ts checks the bundle).
 */

export const STORE_KEY_BYTES = 32;

export type StoreKeyProblem = 'key_required' | 'key_rejected' | 'key_malformed';

/** The store cannot be opened with the key we have. Callers show `message`; `problem` says which. */
export class StoreKeyError extends Error {
  constructor(
    readonly problem: StoreKeyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'StoreKeyError';
  }
}

export function parseHexKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== STORE_KEY_BYTES * 2)
    throw new StoreKeyError('key_malformed', `${where} must hold the store key as ${STORE_KEY_BYTES * 2} hex digits`);
  return Buffer.from(hex, 'hex');
}

// ---------------------------------------------------------------------------------------------
// A key derived from a password, for the desktop app where the OS offers no keyring (basic_text).

/** scrypt N=2^17, r=8: about 0.3 s and 128 MiB once per start; costly to guess, the file holds no other clue. */
export const STORE_PASSWORD_KDF = { N: 131072, r: 8, p: 1 } as const;

export interface PasswordKeyParams {
  salt: string; // base64
  N: number;
  r: number;
  p: number;
  /** sha256 of the derived key, first 16 bytes (base64): tells a mistyped password from a damaged store. */
  check: string;
}

export function derivePasswordKey(password: string, params: Omit<PasswordKeyParams, 'check'>): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      Buffer.from(params.salt, 'base64'),
      STORE_KEY_BYTES,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

const checkOf = (key: Uint8Array) => createHash('sha256').update(key).digest().subarray(0, 16).toString('base64');

/** A new password key: the parameters to keep (no secret in them) and the key. */
export async function newPasswordKey(password: string): Promise<{ params: PasswordKeyParams; key: Buffer }> {
  const base = { salt: randomBytes(16).toString('base64'), ...STORE_PASSWORD_KDF };
  const key = await derivePasswordKey(password, base);
  return { params: { ...base, check: checkOf(key) }, key };
}

/** The key for `password`, or null when it is not the store password. */
export async function unlockPasswordKey(password: string, params: PasswordKeyParams): Promise<Buffer | null> {
  const key = await derivePasswordKey(password, params);
  const expected = Buffer.from(params.check, 'base64');
  const actual = Buffer.from(checkOf(key), 'base64');
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? key : null;
}
