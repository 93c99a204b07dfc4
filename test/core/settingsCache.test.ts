import { afterEach, describe, expect, it } from 'vitest';
import { mutationEnv } from '../../electron/core/write/env';
import type { CoreContext } from '../../electron/core/context';
import { requireSettings } from '../../electron/core/store/settings';
import { applyChanges } from '../../electron/core/sync/apply';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

const settingsOf = (ctx: CoreContext) => requireSettings(ctx.db);

let c: TestConsole;
afterEach(() => c?.close());

/** Answers a call that rang 20 s ago; late or not depends on the organisation's answer rule. */
async function answeredLate(con: TestConsole): Promise<boolean> {
  const rangAt = new Date(con.clock.t - 20_000).toISOString();
  return (await con.ok('calls.answer', { phone: '13800138000', rangAt })).answeredLate;
}

describe('the parsed settings kept by the core', () => {
  it('a setting updated locally takes effect on the next mutation', async () => {
    c = await seededConsole();
    const admin = c.token;
    await c.ok('settings.update', { answerWithinSeconds: 30 });
    await c.login('agent1', PASSWORD);
    const agent = c.token;
    expect(await answeredLate(c)).toBe(false);
    c.token = admin;
    await c.ok('settings.update', { answerWithinSeconds: 10 });
    c.token = agent;
    expect(await answeredLate(c)).toBe(true);
  });

  it('a setting pulled from the hub takes effect on the next mutation', async () => {
    c = await seededConsole();
    await c.ok('settings.update', { answerWithinSeconds: 30 });
    await c.login('agent1', PASSWORD);
    expect(await answeredLate(c)).toBe(false);
    const ctx = c.core.context;
    const pulled = { ...settingsOf(ctx), answerWithinSeconds: 10 };
    // As the sync engine applies a pulled page: in a transaction, with the rules read during it.
    ctx.db.transaction(() => applyChanges(ctx.db, [{ entity: 'settings', id: 'organisation', seq: 1, data: pulled }], () => mutationEnv(ctx)))();
    expect(mutationEnv(ctx).rules.answerWithinSeconds).toBe(10);
    expect(await answeredLate(c)).toBe(true);
  });

  it('a settings write rolled back is not kept, even if read before the rollback', async () => {
    c = await seededConsole();
    await c.ok('settings.update', { answerWithinSeconds: 30 });
    const ctx = c.core.context;
    expect(() =>
      ctx.db.transaction(() => {
        applyChanges(ctx.db, [{ entity: 'settings', id: 'organisation', seq: 1, data: { ...settingsOf(ctx), answerWithinSeconds: 10 } }], () => mutationEnv(ctx));
        expect(mutationEnv(ctx).rules.answerWithinSeconds).toBe(10);
        throw new Error('page failed');
      })(),
    ).toThrow('page failed');
    expect(mutationEnv(ctx).rules.answerWithinSeconds).toBe(30);
    await c.login('agent1', PASSWORD);
    expect(await answeredLate(c)).toBe(false);
  });

  it('hands out one frozen object until the row is written', async () => {
    c = await seededConsole();
    const ctx = c.core.context;
    const a = settingsOf(ctx);
    expect(settingsOf(ctx)).toBe(a);
    expect(mutationEnv(ctx)).toBe(mutationEnv(ctx));
    expect(Object.isFrozen(a) && Object.isFrozen(a.departments)).toBe(true);
    await c.ok('settings.update', { hotline: '0571-1' });
    expect(settingsOf(ctx)).not.toBe(a);
    expect(settingsOf(ctx).hotline).toBe('0571-1');
  });
});
