import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptContent } from '../../shared/domain/script';
import { BUILT_IN_CALL_SCRIPT, BUILT_IN_CALLBACK_SCRIPT } from '../../shared/domain/scriptDefaults';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

let c: TestConsole;
afterEach(() => c?.close());

const contentOf = ({ name, steps, specials }: ScriptContent): ScriptContent => ({ name, steps, specials });
const withGreeting = (words: string): ScriptContent => {
  const base = contentOf(BUILT_IN_CALL_SCRIPT);
  return { ...base, steps: base.steps.map((s) => (s.key === 'greeting' ? { ...s, words } : s)) };
};

describe('scripts are versioned data', () => {
  it('a call keeps the version it was shown: publishing v2 changes the active script, not what an old record says', async () => {
    c = await seededConsole();
    expect(await c.ok('scripts.active', { kind: 'call' })).toEqual(BUILT_IN_CALL_SCRIPT);
    await c.login('agent1', PASSWORD);
    const old = await c.ok('calls.answer', { phone: '13912345678' });
    expect(old.scriptVersionId).toBe(BUILT_IN_CALL_SCRIPT.id);

    await c.login('admin', PASSWORD);
    const v2 = await c.ok('scripts.publish', { kind: 'call', content: withGreeting('您好,{机构名称}客服热线,请讲。'), note: '问候语简化' });
    expect(v2).toMatchObject({ kind: 'call', version: 2, builtIn: false, createdBy: '王管理', note: '问候语简化' });
    expect((await c.ok('scripts.active', { kind: 'call' })).id).toBe(v2.id);
    const v3 = await c.ok('scripts.publish', { kind: 'call', content: withGreeting('您好,{机构名称},很高兴为您服务。') });
    expect(v3.version).toBe(3);
    expect((await c.ok('scripts.versions', { kind: 'call' })).map((s) => [s.version, s.active, s.builtIn])).toEqual([
      [3, true, false],
      [2, false, false],
      [1, false, true],
    ]);
    // The callback script is versioned on its own.
    expect((await c.ok('scripts.active', { kind: 'callback' })).id).toBe(BUILT_IN_CALLBACK_SCRIPT.id);

    await c.login('agent1', PASSWORD);
    const fresh = await c.ok('calls.answer', { phone: '13912345678' });
    expect(fresh.scriptVersionId).toBe(v3.id);
    const kept = (await c.ok('calls.get', { id: old.id })).record;
    expect(kept.scriptVersionId).toBe(BUILT_IN_CALL_SCRIPT.id);
    const shown = await c.ok('scripts.get', { id: kept.scriptVersionId! });
    expect(shown.steps[0]!.words).toBe('您好,{机构名称},请问您有什么需要帮助的?');
    expect((await c.ok('scripts.get', { id: v2.id })).steps[0]!.words).toBe('您好,{机构名称}客服热线,请讲。');
    expect(await c.call('scripts.get', { id: '01a20584-06f7-7129-91b2-27fa7cfc5475' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a done callback shows the callback script version it was worked with', async () => {
    c = await seededConsole();
    const cb = await c.ok('callbacks.create', { kind: 'satisfaction', dueAt: '2026-11-25T02:00:00.000Z', phone: '13912345678' });
    await c.login('officer', PASSWORD);
    await c.ok('callbacks.complete', {
      id: cb.id,
      outcome: {
        satisfaction: 'satisfied', score: 5, accuracy: null, timeliness: null, attitude: null, unsatisfactory: '', remainingProblems: '',
        suggestions: '', evaluation: '', note: '', scriptVersionId: null,
      },
    });
    await c.login('admin', PASSWORD);
    const base = contentOf(BUILT_IN_CALLBACK_SCRIPT);
    await c.ok('scripts.publish', { kind: 'callback', content: { ...base, name: '回访话术(修订)' } });
    const detail = await c.ok('callbacks.get', { id: cb.id });
    expect(detail.script.id).toBe(BUILT_IN_CALLBACK_SCRIPT.id);
    const open = await c.ok('callbacks.create', { kind: 'satisfaction', dueAt: '2026-11-25T02:00:00.000Z', phone: '13912345679' });
    expect((await c.ok('callbacks.get', { id: open.id })).script.name).toBe('回访话术(修订)');
  });

  it('only an administrator publishes; invalid content is refused with the path of each bad field', async () => {
    c = await seededConsole();
    for (const who of ['lead', 'agent1']) {
      await c.login(who, PASSWORD);
      expect(await c.call('scripts.publish', { kind: 'call', content: withGreeting('您好') })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await c.login('admin', PASSWORD);
    const base = contentOf(BUILT_IN_CALL_SCRIPT);
    const bad = await c.call('scripts.publish', {
      kind: 'call',
      content: {
        ...base,
        steps: [{ ...base.steps[0]!, words: '  ' }, { ...base.steps[1]!, key: 'greeting' }, { ...base.steps[2]!, action: 'fly' as never }],
      },
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_params');
    expect(bad.error.fields?.map((f) => [f.field, f.code]).sort()).toEqual([
      ['content.steps.0.words', 'required'],
      ['content.steps.2.action', 'invalid_value'],
    ]);
    const dup = await c.call('scripts.publish', { kind: 'call', content: { ...base, steps: [base.steps[0]!, { ...base.steps[1]!, key: 'greeting' }] } });
    expect(dup).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'content.steps.1.key', code: 'invalid_value' }] } });
    const none = await c.call('scripts.publish', { kind: 'call', content: { ...base, steps: [] } });
    expect(none).toMatchObject({ ok: false, error: { fields: [{ field: 'content.steps' }] } });
    expect((await c.ok('scripts.versions', { kind: 'call' })).map((s) => s.version)).toEqual([1]);
  });
});
