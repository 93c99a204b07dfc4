import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/*
 * Password hashing for the console core and the hub: one module, so that a hash made on a workstation
 * verifies on the hub and back (users sync both ways). shared/node/ holds code that needs Node's APIs:
 * only Node processes (electron/core, electron/main, server) may import it, never the renderer.
 */

// N=2^15 takes ~50–100 ms here: slow for guessing, unnoticeable at login.
const N = 32768;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

/** What the hub accepts as a stored hash when a workstation pushes a user (parameters bounded so scrypt stays cheap to refuse). */
export const HASH_FORMAT = /^scrypt\$\d{1,7}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // NFKC: full-width and half-width forms of the same password (Chinese IMEs switch between them) hash alike.
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Format: scrypt$N$r$p$salt(b64)$hash(b64) — parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False, never a throw, for a malformed hash or parameters scrypt refuses (e.g. beyond maxmem). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  try {
    const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
    return key.length === expected.length && timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}

/** Spent on unknown usernames so that response time does not reveal which usernames exist. */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
