import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as hub from '../../server/password';
import { DUMMY_HASH, HASH_FORMAT, hashPassword, verifyPassword } from '../../shared/node/password';

// Made by the two implementations that existed before shared/node/password.ts (the console's
// electron/core/services/password.ts and the hub's server/password.ts), so hashes stored by either
// still verify after the merge.
const PASSWORD = '热线 Hotline-123';
const OLD_CORE = 'scrypt$32768$8$1$811Lt1SOhchzuFkFseWfyw==$fX1NJQk6ueM97i0O8UclPv8RkYsLzdOE1XvssIYnmS0=';
const OLD_HUB = 'scrypt$32768$8$1$iixE1J7SUeenYcd12hfbNw==$1UJqgi/DQmuERGia+jXcsKoca4bz7Dk9iRiTacMW9ss=';
/** The old console's hash of the full-width 'ｈｏｔｌｉｎｅ１２３': NFKC makes it the half-width password. */
const OLD_CORE_FULL_WIDTH = 'scrypt$32768$8$1$7vdqm2eJxqHZ67/vCN/R5Q==$rhIKFloKIz7a+7eU2C3wOvwKhw1cxC1EtnW4s3OyKuY=';

describe('password hashing shared by the console and the hub', () => {
  it('verifies hashes stored by both old implementations', async () => {
    expect(await verifyPassword(PASSWORD, OLD_CORE)).toBe(true);
    expect(await verifyPassword(PASSWORD, OLD_HUB)).toBe(true);
    expect(await verifyPassword('hotline123', OLD_CORE_FULL_WIDTH)).toBe(true);
    expect(await verifyPassword('ｈｏｔｌｉｎｅ１２３', OLD_CORE_FULL_WIDTH)).toBe(true);
    expect(await verifyPassword('热线 hotline-123', OLD_CORE)).toBe(false);
    expect(await verifyPassword('热线 hotline-123', OLD_HUB)).toBe(false);
  });

  it('makes hashes in the same format, which the hub accepts from a workstation', async () => {
    const h = await hashPassword(PASSWORD);
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h).toMatch(HASH_FORMAT);
    expect(OLD_CORE).toMatch(HASH_FORMAT);
    expect(await verifyPassword(PASSWORD, h)).toBe(true);
    expect(h).not.toBe(await hashPassword(PASSWORD));
  });

  it('answers false, never throws, for malformed hashes and parameters scrypt refuses', async () => {
    expect(await verifyPassword(PASSWORD, '')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'bcrypt$x')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$32768$8$1$c2FsdA==')).toBe(false);
    // N = 2^22 needs 4 GiB, beyond maxmem: the old console threw here.
    expect(await verifyPassword(PASSWORD, 'scrypt$4194304$8$1$c2FsdA==$AAAA')).toBe(false);
    expect(await verifyPassword(PASSWORD, DUMMY_HASH)).toBe(false);
  });

  it('is the one implementation behind the console and the hub', () => {
    // The console has no copy of its own: its login and join import the shared module.
    for (const f of ['electron/core/services/auth.ts', 'electron/core/services/admin.ts', 'electron/core/sync/join.ts'])
      expect(readFileSync(f, 'utf8')).toContain("from '../../../shared/node/password'");
    expect(hub.hashPassword).toBe(hashPassword);
    expect(hub.verifyPassword).toBe(verifyPassword);
    expect(hub.HASH_FORMAT).toBe(HASH_FORMAT);
  });
});
