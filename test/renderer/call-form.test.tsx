import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallRecord, Draft } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { CallForm } from '../../renderer/src/features/calls/form/CallForm';
import { AUTOSAVE_MS, useCallForm } from '../../renderer/src/features/calls/form/useCallForm';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { callRecord } from './fixtures';

function Harness({ record, draft = null, editable = true }: { record: CallRecord; draft?: Draft | null; editable?: boolean }) {
  const form = useCallForm({ record, draft, editable });
  return <CallForm form={form} editable={editable} departments={['市场部', '质量技术部']} hotkeys />;
}

function mount(record = callRecord(), draft: Draft | null = null) {
  return render(
    <AntApp>
      <Harness record={record} draft={draft} />
    </AntApp>,
  );
}

const content = () => screen.getByTestId('field-content') as HTMLTextAreaElement;

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: false });
});
afterEach(() => {
  setBridgeForTests(null);
});

describe('call-record form autosave', () => {
  it('writes typing as a draft at most AUTOSAVE_MS after a change, with the latest values, even without a pause', async () => {
    const fake = fakeBridge({ 'drafts.save': () => ({ ok: true, result: { savedAt: '2026-11-22T01:02:03.000Z' } }) });
    mount();
    expect(AUTOSAVE_MS).toBeLessThanOrEqual(800);
    fireEvent.change(content(), { target: { value: '询问' } });
    await act(async () => vi.advanceTimersByTime(AUTOSAVE_MS - 200));
    fireEvent.change(content(), { target: { value: '询问报告进度' } });
    await act(async () => vi.advanceTimersByTime(199));
    expect(fake.of('drafts.save')).toHaveLength(0);
    await act(async () => vi.advanceTimersByTime(1));
    // One write for both keystrokes, carrying the later text: typing on does not postpone it.
    expect(fake.of('drafts.save')).toHaveLength(1);
    const { key, payload } = fake.of('drafts.save')[0]!.params as { key: string; payload: Record<string, unknown> };
    expect(key).toBe('call:0195f3a2-7b1c-7000-8000-000000000001');
    expect(payload.content).toBe('询问报告进度');
    expect(payload.phone).toBe('13800138000');
    expect(screen.getByTestId('autosave-status').textContent).toMatch(/草稿已自动保存 \d\d:\d\d:\d\d/);
    // Nothing new typed: no further writes.
    await act(async () => vi.advanceTimersByTime(AUTOSAVE_MS * 3));
    expect(fake.of('drafts.save')).toHaveLength(1);
    fireEvent.change(content(), { target: { value: '询问报告进度,催办' } });
    await act(async () => vi.advanceTimersByTime(AUTOSAVE_MS));
    expect(fake.of('drafts.save')).toHaveLength(2);
  });

  it('writes the pending draft at once when the form goes away before the delay', async () => {
    const fake = fakeBridge({ 'drafts.save': () => ({ ok: true, result: { savedAt: '2026-11-22T01:02:03.000Z' } }) });
    const view = mount();
    fireEvent.change(content(), { target: { value: '断电前最后一句' } });
    view.unmount();
    await act(async () => {});
    expect(fake.of('drafts.save').map((c) => (c.params.payload as { content: string }).content)).toEqual(['断电前最后一句']);
  });

  it('saves only the changed fields, then discards the draft', async () => {
    const saved = callRecord({ content: '投诉报告延误', category: 'complaint', version: 2, updatedAt: '2026-11-22T01:03:00.000Z' });
    const fake = fakeBridge({
      'drafts.save': () => ({ ok: true, result: { savedAt: '2026-11-22T01:02:03.000Z' } }),
      'calls.save': () => ({ ok: true, result: saved }),
      'drafts.discard': () => ({ ok: true, result: { discarded: true } }),
    });
    mount();
    fireEvent.change(content(), { target: { value: '投诉报告延误' } });
    fireEvent.keyDown(window, { key: '3', code: 'Digit3', altKey: true });
    fireEvent.keyDown(window, { key: 's', code: 'KeyS', ctrlKey: true });
    await act(async () => {});
    expect(fake.of('calls.save')).toHaveLength(1);
    expect(fake.of('calls.save')[0]!.params).toEqual({
      id: saved.id,
      fields: { content: '投诉报告延误', category: 'complaint' },
    });
    expect(fake.calls.map((c) => c.method)).toEqual(['calls.save', 'drafts.discard']);
    // The pending autosave was cancelled by the save: no stale draft after the discard.
    await act(async () => vi.advanceTimersByTime(AUTOSAVE_MS * 2));
    expect(fake.of('drafts.save')).toHaveLength(0);
    expect(screen.getByTestId('autosave-status').textContent).toContain('已保存');
  });

  it('ends the call with Ctrl+Enter and F4 (calls.save with end: true)', async () => {
    const fake = fakeBridge({ 'calls.save': () => ({ ok: false, error: { code: 'invalid_params', message: 'x', fields: [] } }) });
    mount();
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    await act(async () => {});
    fireEvent.keyDown(window, { key: 'F4' });
    await act(async () => {});
    expect(fake.of('calls.save').map((c) => c.params.end)).toEqual([true, true]);
  });
});

describe('call-record form errors', () => {
  it('shows each field error beside its field, in Chinese, and clears it on edit', async () => {
    fakeBridge({
      'calls.save': () => ({
        ok: false,
        error: {
          code: 'invalid_params',
          message: 'the call record is incomplete',
          fields: [
            { field: 'content', code: 'required', message: 'record what the call was about' },
            { field: 'fields.promisedReplyBy', code: 'required', message: 'required' },
            { field: 'solutions.1', code: 'too_long', message: 'too long', params: { maximum: 500 } },
          ],
        },
      }),
    });
    mount();
    fireEvent.click(screen.getByTestId('end-call-button'));
    await act(async () => {});
    const err = screen.getByTestId('field-error-content');
    expect(err.textContent).toBe('请填写来电内容');
    expect(err.closest('.ant-form-item')?.contains(content())).toBe(true);
    const promised = screen.getByTestId('field-error-promisedReplyBy');
    expect(promised.textContent).toBe('未当场答复的来电须填写承诺答复时间');
    expect(promised.closest('.ant-form-item')?.contains(screen.getByTestId('field-promisedReplyBy'))).toBe(true);
    expect(screen.getByTestId('field-error-solutions.1').textContent).toBe('内容过长,最多 500 个字符');
    fireEvent.change(content(), { target: { value: '补上内容' } });
    expect(screen.queryByTestId('field-error-content')).toBeNull();
    expect(screen.getByTestId('field-error-promisedReplyBy')).toBeTruthy();
  });
});

describe('draft restore', () => {
  it('restores a draft newer than the record and says so', () => {
    fakeBridge();
    const record = callRecord({ content: '旧内容' });
    mount(record, { key: `call:${record.id}`, savedAt: '2026-11-22T01:09:00.000Z', payload: { content: '草稿里的新内容', category: 'query', bogus: 1 } });
    expect(content().value).toBe('草稿里的新内容');
    expect(screen.getByTestId('draft-restored').textContent).toBe('已恢复未保存的草稿');
  });

  it('ignores (and discards) a draft older than the record', async () => {
    const fake = fakeBridge();
    const record = callRecord({ content: '已保存的内容', updatedAt: '2026-11-22T01:10:00.000Z' });
    mount(record, { key: `call:${record.id}`, savedAt: '2026-11-22T01:09:00.000Z', payload: { content: '过时草稿' } });
    await act(async () => {});
    expect(content().value).toBe('已保存的内容');
    expect(screen.queryByTestId('draft-restored')).toBeNull();
    expect(fake.of('drafts.discard')).toHaveLength(1);
  });
});
