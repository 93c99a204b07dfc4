import { act, fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallDetail as Detail, SyncConflict } from '../../shared/api/types';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useSession } from '../../renderer/src/features/auth/sessionStore';
import { CallDetail } from '../../renderer/src/features/calls/CallDetail';
import { RecordConflicts } from '../../renderer/src/features/sync/ConflictBanners';
import { changeSummary, conflictTitle } from '../../renderer/src/features/sync/conflictText';
import { useSync } from '../../renderer/src/features/sync/syncStore';
import '../../renderer/src/i18n';
import { fakeBridge } from './fakeBridge';
import { callRecord, session, syncStatus } from './fixtures';

const settle = () => act(async () => {});
const ID = '0195f3a2-7b1c-7000-8000-000000000001';

function conflict(over: Partial<SyncConflict> = {}): SyncConflict {
  return {
    id: 'client-1:7',
    entity: 'call',
    entityId: ID,
    mutationName: 'call.update',
    status: 'conflict',
    reason: 'voided changed on the hub since this change was made',
    byName: '张组长',
    byAt: '2026-11-22T02:05:00.000Z',
    createdAt: '2026-11-22T02:10:00.000Z',
    args: { id: ID, fields: { content: '客户要求加急出报告', category: 'complaint', answeredOnSpot: false }, at: '2026-11-22T02:01:00.000Z' },
    ...over,
  };
}

afterEach(() => {
  setBridgeForTests(null);
  useSync.getState().reset();
  useSession.setState({ phase: 'boot', session: null, notice: null });
});

describe('conflict wording', () => {
  it('a lead’s decision that overrode the offline change says who and when', () => {
    expect(conflictTitle(conflict())).toMatch(/^张组长 于 11-22 \d\d:05 作废了此记录;您的离线修改未应用。$/);
    expect(conflictTitle(conflict({ reason: 'status changed on the hub since this change was made', byName: null, byAt: null }))).toBe(
      '其他用户 修改了此记录;您的离线修改未应用。',
    );
  });

  it('a refusal gives the reason, in Chinese when the hub’s sentence is a known one', () => {
    expect(conflictTitle(conflict({ status: 'rejected', reason: 'call record LD-1 is voided and cannot be edited' }))).toBe(
      '中心服务器拒绝了您的离线修改:此记录已作废,不能再修改;您的离线修改未应用。',
    );
    expect(conflictTitle(conflict({ status: 'rejected', reason: 'something new' }))).toBe('中心服务器拒绝了您的离线修改:something new;您的离线修改未应用。');
  });

  it('summarises the offline change with the sheet’s labels', () => {
    expect(changeSummary(conflict())).toBe('来电内容:“客户要求加急出报告”;来电类别:投诉;是否当场答复:否');
    expect(changeSummary(conflict({ args: { id: ID, fields: {}, end: true, at: '2026-11-22T02:01:00.000Z' } }))).toBe('结束通话');
    expect(changeSummary(conflict({ mutationName: 'call.void', args: { id: ID, reason: '重复记录', at: '2026-11-22T02:01:00.000Z' } }))).toBe(
      '作废,原因:重复记录',
    );
    const long = 'x'.repeat(100);
    expect(changeSummary(conflict({ args: { id: ID, fields: { content: long } } }))).toBe(`来电内容:“${'x'.repeat(40)}…”`);
  });
});

function detail(over: Partial<Detail> = {}): Detail {
  return { record: callRecord({ agentId: 'user-1' }), history: [], draft: null, conflicts: [conflict()], ...over };
}

function mount(first: Detail, after: Detail) {
  useSession.setState({ phase: 'ready', session: session('agent') });
  let resolved = false;
  const fake = fakeBridge({
    'calls.get': () => ({ ok: true, result: resolved ? after : first }),
    'sync.resolveConflict': () => {
      resolved = true;
      return { ok: true, result: { resolved: true } };
    },
  });
  render(
    <AntApp>
      <CallDetail id={ID} onClose={() => {}} />
    </AntApp>,
  );
  return fake;
}

describe('conflict banner on a call record', () => {
  it('shows each open conflict; 放弃 resolves it and reloads the record', async () => {
    const fake = mount(detail({ record: callRecord({ voided: true, voidReason: '重复记录' }) }), detail({ conflicts: [] }));
    await settle();
    const banner = screen.getByTestId('conflict-banner');
    expect(banner.getAttribute('data-status')).toBe('conflict');
    expect(banner.textContent).toContain('张组长 于 11-22');
    expect(banner.textContent).toContain('作废了此记录;您的离线修改未应用。');
    expect(banner.textContent).toContain('来电内容:“客户要求加急出报告”');
    // Re-applying an edit to a voided record would only be refused again.
    expect((screen.getByTestId('conflict-reapply') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('button', { name: '放弃' })).toBeTruthy();

    fireEvent.click(screen.getByTestId('conflict-discard'));
    await settle();
    await settle();
    expect(fake.of('sync.resolveConflict')[0]?.params).toEqual({ id: 'client-1:7', action: 'discard' });
    expect(fake.of('calls.get')).toHaveLength(2);
    expect(screen.queryByTestId('conflict-banner')).toBeNull();
  });

  it('重新应用 sends reapply for a refused change on a record that is not voided', async () => {
    const rejected = conflict({ id: 'client-1:9', status: 'rejected', reason: 'role agent may not run call.update' });
    const fake = mount(detail({ conflicts: [rejected, conflict({ id: 'client-1:10' })] }), detail({ conflicts: [conflict({ id: 'client-1:10' })] }));
    await settle();
    expect(screen.getAllByTestId('conflict-banner')).toHaveLength(2);
    expect(screen.getAllByTestId('conflict-banner')[0]?.textContent).toContain('中心服务器拒绝了您的离线修改:您的角色无权执行此操作');
    fireEvent.click(screen.getAllByTestId('conflict-reapply')[0]!);
    await settle();
    await settle();
    expect(fake.of('sync.resolveConflict')[0]?.params).toEqual({ id: 'client-1:9', action: 'reapply' });
    expect(screen.getAllByTestId('conflict-banner')).toHaveLength(1);
  });

  it('a callback officer sees the banner but has no buttons (the core refuses them)', async () => {
    mount(detail(), detail());
    useSession.setState({ phase: 'ready', session: session('callback_officer') });
    await settle();
    expect(screen.getByTestId('conflict-banner')).toBeTruthy();
    expect(screen.queryByTestId('conflict-reapply')).toBeNull();
  });
});

describe('conflicts on the call in progress', () => {
  it('asks for them only while the sync status reports open conflicts', async () => {
    useSession.setState({ phase: 'ready', session: session('agent') });
    useSync.setState({ status: syncStatus({ conflicts: 0 }) });
    const fake = fakeBridge({ 'calls.get': () => ({ ok: true, result: detail() }) });
    render(
      <AntApp>
        <RecordConflicts id={ID} />
      </AntApp>,
    );
    await settle();
    expect(fake.of('calls.get')).toHaveLength(0);
    await act(async () => useSync.setState({ status: syncStatus({ conflicts: 1 }) }));
    await settle();
    expect(fake.of('calls.get')).toHaveLength(1);
    expect(screen.getByTestId('conflict-banner')).toBeTruthy();
    await act(async () => useSync.setState({ status: syncStatus({ conflicts: 0 }) }));
    expect(screen.queryByTestId('conflict-banner')).toBeNull();
  });
});
