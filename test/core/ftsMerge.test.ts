import { afterEach, describe, expect, it } from 'vitest';
import { CALL_SEARCH_INDEXES, mergeSearchIndexes } from '../../electron/core/store/ftsMerge';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
afterEach(() => c?.close());

describe('merging the call search indexes between calls', () => {
  it('turns automerge off, and searches find the same calls before and after the idle merge', async () => {
    c = await seededConsole();
    const db = c.core.context.db;
    for (const t of CALL_SEARCH_INDEXES) expect(db.prepare(`SELECT v FROM ${t}_config WHERE k = 'automerge'`).pluck().get()).toBe(0);
    await c.login('agent1', PASSWORD);
    const words = ['羊绒', '色牢度', '起球', '甲醛'];
    for (let i = 0; i < 24; i++) {
      const { id } = await c.ok('calls.answer', { phone: `1380013${String(i).padStart(4, '0')}` });
      await c.ok('calls.save', { id, fields: { content: `咨询${words[i % 4]}检测 第${i}次`, category: 'consultation' }, end: true });
    }
    const found = async () => Promise.all(['羊绒', '色牢度', '第1', '13800130007'].map(async (q) => (await c.ok('calls.list', { q, limit: 50 })).rows.map((r) => r.id).sort()));
    const before = await found();
    expect(before.map((ids) => ids.length)).toEqual([6, 6, 11, 1]);
    let steps = 0;
    while (mergeSearchIndexes(db, 8)) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(mergeSearchIndexes(db)).toBe(false);
    expect(await found()).toEqual(before);
  });
});
