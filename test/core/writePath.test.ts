import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Events } from '../../shared/api/events';
import { DB_FILE } from '../../electron/core/db/open';
import { runSyncMutation } from '../../electron/core/write/mutation';
import { type MutationEvent, type Trigger, TRIGGERS } from '../../electron/core/write/triggers';
import { writeTx } from '../../electron/core/write/unit';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
afterEach(() => c?.close());

type Changed = Events['records.changed'];

/** Every records.changed event, with what a second connection to the same file could see at that moment. */
function recordChanges(con: TestConsole) {
  const other = new Database(path.join(con.dir, DB_FILE), { readonly: true, fileMustExist: true });
  const seen: { event: Changed; committed: boolean[] }[] = [];
  const table: Record<string, string> = { call: 'call_records', callback: 'callbacks', complaint: 'complaints', customer: 'customers', script: 'script_versions' };
  const off = con.core.onEvent((name, payload) => {
    if (name !== 'records.changed') return;
    const event = payload as Changed;
    const t = table[event.entity];
    const committed = event.ids.map((id) => (t ? other.prepare(`SELECT 1 FROM ${t} WHERE id = ?`).get(id) !== undefined : true));
    seen.push({ event, committed });
  });
  return {
    seen,
    stop() {
      off();
      other.close();
    },
  };
}

describe('the one write path', () => {
  it('one request emits exactly one records.changed per entity it touched, after the commit', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('calls.save', {
      id: call.id,
      fields: { callerName: '孙先生', category: 'consultation', content: '咨询检测周期', answeredOnSpot: false, promisedReplyBy: '2026-11-23T02:00:00.000Z' },
      end: true,
    });
    const log = recordChanges(c);
    // Replying after the call saves the record and, by the callback trigger, creates a satisfaction callback.
    await c.ok('calls.save', { id: call.id, fields: { repliedAt: new Date(c.clock.t + 3600_000).toISOString(), replyContent: '五个工作日' } });
    log.stop();
    expect(log.seen.map((s) => s.event.entity).sort()).toEqual(['call', 'callback']);
    const callEvent = log.seen.find((s) => s.event.entity === 'call')!;
    expect(callEvent.event.ids).toEqual([call.id]);
    expect(log.seen.find((s) => s.event.entity === 'callback')!.event.ids).toHaveLength(1);
    // Another connection already sees every record the event names: it was emitted after the commit.
    expect(log.seen.every((s) => s.committed.every(Boolean))).toBe(true);
  });

  it('a request that changes nothing emits nothing, and a refused one neither', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const call = await c.ok('calls.answer', { phone: '13912345678' });
    await c.ok('calls.save', { id: call.id, fields: { callerName: '孙先生' } });
    const log = recordChanges(c);
    await c.ok('calls.save', { id: call.id, fields: { callerName: '孙先生' } });
    const refused = await c.call('calls.void', { id: call.id, reason: '' });
    expect(refused.ok).toBe(false);
    log.stop();
    expect(log.seen).toEqual([]);
  });

  it('never emits on rollback: a unit that throws after its mutations tells nobody and leaves nothing', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const ctx = c.core.context;
    const log = recordChanges(c);
    const actor = { userId: 'u-test', role: 'agent' as const, displayName: '测试' };
    const id = '0190f0a0-0000-7000-8000-000000000001';
    expect(() =>
      writeTx(ctx, () => {
        runSyncMutation(ctx, 'customer.create', { id, name: '回滚客户', organisation: '', address: '', phones: ['13800000001'], keyAccount: false, serviceRequirements: '', notes: '', at: ctx.now().toISOString() } as never, actor);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    log.stop();
    expect(log.seen).toEqual([]);
    expect(ctx.db.prepare('SELECT count(*) AS n FROM customers WHERE id = ?').get(id)).toEqual({ n: 0 });
    expect(ctx.db.prepare("SELECT count(*) AS n FROM outbox WHERE entity_id = ?").get(id)).toEqual({ n: 0 });
  });

  it('nested units fold into the outermost: one event per entity for the whole request', async () => {
    c = await seededConsole();
    await c.login('agent1', PASSWORD);
    const ctx = c.core.context;
    const actor = { userId: 'u-test', role: 'agent' as const, displayName: '测试' };
    const log = recordChanges(c);
    const ids = ['0190f0a0-0000-7000-8000-000000000002', '0190f0a0-0000-7000-8000-000000000003'];
    writeTx(ctx, () => {
      for (const [i, id] of ids.entries())
        writeTx(ctx, () =>
          runSyncMutation(ctx, 'customer.create', { id, name: `客户${i}`, organisation: '', address: '', phones: [`1380000001${i}`], keyAccount: false, serviceRequirements: '', notes: '', at: ctx.now().toISOString() } as never, actor),
        );
      // Nothing is told while the outer transaction is still open.
      expect(log.seen).toEqual([]);
    });
    log.stop();
    expect(log.seen.map((s) => s.event)).toEqual([{ entity: 'customer', ids }]);
  });

  it('refuses a write inside a transaction opened outside the write path', async () => {
    c = await seededConsole();
    const ctx = c.core.context;
    expect(() => ctx.db.transaction(() => writeTx(ctx, () => 1))()).toThrow(/outside the write path/);
  });

  it('follow-up triggers come from the registry, once per local mutation that changed a record', async () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual(['call', 'callback', 'complaint', 'customer']);
    c = await seededConsole();
    const seen: MutationEvent[] = [];
    const spy: Trigger = (_ctx, e) => void seen.push(e);
    const registry = TRIGGERS as Record<string, Trigger[] | undefined>;
    const before = registry.script;
    registry.script = [spy];
    try {
      const { name, steps, specials } = await c.ok('scripts.active', { kind: 'call' });
      const published = await c.ok('scripts.publish', { kind: 'call', content: { name, steps, specials }, note: '试' });
      expect(seen.map((e) => [e.name, e.entity, e.id])).toEqual([['script.publish', 'script', published.id]]);
      expect(seen[0]!.prev).toBeNull();
      expect(seen[0]!.next).toMatchObject({ id: published.id });
    } finally {
      registry.script = before;
      if (!before) delete registry.script;
    }
  });
});
