import { describe, expect, it } from 'vitest';
import { changedFields, fromRecord, mergeDraft, toFields } from '../../renderer/src/features/calls/form/values';
import { changeLines, formatValue } from '../../renderer/src/features/calls/historyFormat';
import '../../renderer/src/i18n';
import { callRecord } from './fixtures';

describe('form values', () => {
  it('always has three solution lines and drops only trailing empty ones when saving', () => {
    const v = fromRecord(callRecord({ solutions: ['加急'] }));
    expect(v.solutions).toEqual(['加急', '', '']);
    expect(toFields({ ...v, solutions: ['', '电话告知', ''] }).solutions).toEqual(['', '电话告知']);
  });

  it('sends only what changed', () => {
    const r = callRecord({ content: 'a', solutions: ['x'] });
    const v = { ...fromRecord(r), content: 'b', category: 'query' as const };
    expect(changedFields(v, r)).toEqual({ content: 'b', category: 'query' });
    expect(changedFields(fromRecord(r), r)).toEqual({});
  });

  it('takes only well-formed values from a draft', () => {
    const base = fromRecord(callRecord());
    const merged = mergeDraft(base, {
      content: '草稿',
      category: 'not-a-category',
      specialSituations: ['emotional', 'nonsense'],
      satisfaction: 9,
      chosenSolution: 1,
      solutions: ['a', 2, 'b'],
      __proto__: { evil: true },
    });
    expect(merged.content).toBe('草稿');
    expect(merged.category).toBeNull();
    expect(merged.specialSituations).toEqual(['emotional']);
    expect(merged.satisfaction).toBeNull();
    expect(merged.chosenSolution).toBe(1);
    expect(merged.solutions).toEqual(['a', 'b', '']);
    expect(mergeDraft(base, 'garbage')).toEqual(base);
  });
});

describe('history in words', () => {
  it('shows Chinese labels and values', () => {
    expect(formatValue('category', 'complaint')).toBe('投诉');
    expect(formatValue('specialSituations', ['emotional', 'dialect'])).toBe('情绪激动、方言听不懂');
    expect(formatValue('answeredOnSpot', false)).toBe('否');
    expect(formatValue('chosenSolution', 0)).toBe('方案 1');
    expect(formatValue('durationSec', 65)).toBe('01:05');
    expect(formatValue('content', '')).toBe('(空)');
    const lines = changeLines([
      { field: 'category', before: null, after: 'query' },
      { field: 'version', before: 1, after: 2 },
    ]);
    expect(lines).toEqual([{ field: 'category', label: '来电类别', before: '(空)', after: '查询' }]);
  });

  it('lists only what a new record was created with', () => {
    const lines = changeLines(
      [
        { field: 'phone', before: null, after: '13800138000' },
        { field: 'content', before: null, after: '' },
        { field: 'voided', before: null, after: false },
      ],
      true,
    );
    expect(lines.map((l) => l.field)).toEqual(['phone']);
  });
});
