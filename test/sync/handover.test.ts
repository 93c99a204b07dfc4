import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestConsole } from '../helpers/core';
import { type HubProcess, joinedPair, startHubProcess } from '../helpers/hub';

// Shift handover (交接班) across two workstations and a real hub process (docs/reports.md, docs/sync.md):
// an agent's handover made at A is acknowledged by the next shift's lead at B, and both see it acknowledged;
// a note written offline at A after the lead acknowledged at B is refused by the hub, not applied.

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;

async function sync(...consoles: TestConsole[]) {
  for (const x of consoles) expect((await x.ok('sync.now', {})).error).toBeNull();
}
const stored = (x: TestConsole, id: string) =>
  x.core.context.db.prepare('SELECT status, acknowledged_by, ack_note, note, items FROM handovers WHERE id = ?').get(id) as Record<string, string> | undefined;

async function handOver(note: string) {
  await a.login('agent1', PASSWORD);
  const d = await a.ok('handover.draft', {});
  return a.ok('handover.create', { items: d.items.map((i) => ({ kind: i.kind, recordId: i.recordId, note: '请跟进' })), note });
}

beforeAll(async () => {
  hub = await startHubProcess();
  [a, b] = await joinedPair(hub.url);
  // agent1 at A leaves a call awaiting the reply promised for tomorrow.
  await a.login('agent1', PASSWORD);
  const call = await a.ok('calls.answer', { phone: '13912345678' });
  await a.ok('calls.save', {
    id: call.id,
    fields: { callerName: '孙先生', category: 'consultation', content: '咨询检测周期', answeredOnSpot: false, promisedReplyBy: new Date(a.clock.t + 86_400_000).toISOString() },
    end: true,
  });
  await sync(a, b);
}, 120_000);

afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

describe('a handover through the hub', () => {
  it('made by an agent at A, acknowledged by the next shift’s lead at B; both workstations see it acknowledged', async () => {
    const h = await handOver('今日来电平稳');
    expect(h.items).toHaveLength(1);
    await sync(a, b);

    await b.login('lead', PASSWORD);
    expect((await b.ok('board.summary', {})).handoversOpen).toBe(1);
    const list = await b.ok('handover.list', { status: 'open' });
    expect(list.rows.map((r) => r.id)).toEqual([h.id]);
    const detail = await b.ok('handover.get', { id: h.id });
    expect(detail).toMatchObject({ mayAcknowledge: true, mayNote: false, handover: { createdBy: '李晓梅', note: '今日来电平稳', items: [{ kind: 'call', summary: '孙先生 · 咨询检测周期', note: '请跟进' }] } });
    b.clock.advance(60_000);
    await b.ok('handover.acknowledge', { id: h.id, note: '已接班' });
    await sync(b, a);

    for (const x of [a, b]) expect(stored(x, h.id), x === a ? 'A' : 'B').toMatchObject({ status: 'acknowledged', acknowledged_by: '张组长', ack_note: '已接班' });
    await a.login('agent1', PASSWORD);
    expect(await a.ok('handover.get', { id: h.id })).toMatchObject({ mayNote: false, mayAcknowledge: false, handover: { status: 'acknowledged', acknowledgedBy: '张组长' } });
    await a.login('lead', PASSWORD);
    expect((await a.ok('board.summary', {})).handoversOpen).toBe(0);
  });

  it('a note written offline at A after the lead acknowledged at B is refused by the hub: the acknowledged notes stand on both', async () => {
    const h = await handOver('第二班');
    await sync(a, b);
    await b.login('lead', PASSWORD);
    await b.ok('handover.acknowledge', { id: h.id, note: '收到' });
    await sync(b);
    // A has not pulled yet: the handover is still open there, and its author adds a note.
    await a.login('agent1', PASSWORD);
    await a.ok('handover.note', { id: h.id, note: '第二班；补充：系统卡顿', itemNotes: [] });
    const after = await a.ok('sync.now', {});
    expect(after.conflicts).toBe(1);
    await sync(b);
    for (const x of [a, b]) expect(stored(x, h.id), x === a ? 'A' : 'B').toMatchObject({ status: 'acknowledged', note: '第二班', ack_note: '收到' });
    const detail = await a.ok('handover.get', { id: h.id });
    expect(detail.conflicts).toHaveLength(1);
    expect(detail.conflicts[0]).toMatchObject({ mutationName: 'handover.note' });
  });
});
