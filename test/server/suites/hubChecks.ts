import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { callCreate, type HubClient, type HubFactory, mut, USERS, useHub } from '../harness';

const at = (min: number) => new Date(Date.parse('2026-11-22T03:00:00.000Z') + min * 60_000).toISOString();

function register(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    complaintNo: 'TS-2026-A07-0001',
    workstation: 'A07',
    channel: 'phone',
    complainant: '王先生',
    phone: '13900000077',
    problem: '报告延误',
    severity: 'general',
    type: 'result_doubt',
    callId: null,
    repeatIndex: 1,
    receivedAt: at(1),
    at: at(1),
    ...over,
  };
}

function callback(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    kind: 'promised',
    dueAt: '2026-11-29T09:00:00.000Z',
    customerId: null,
    name: '王先生',
    organisation: '',
    phone: '13900000077',
    subject: '回访报告',
    source: 'manual',
    sourceId: null,
    callId: null,
    complaintId: null,
    complaintRound: null,
    assigneeId: USERS.officer.id,
    assigneeName: '赵回访',
    importBatch: null,
    at: at(2),
    ...over,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: rows are arbitrary JSON
const rowOf = (rows: any[], entity: string, id: string) => rows.find((r) => r.entity === entity && r.id === id)?.data;

async function ackOf(c: HubClient, who: Parameters<HubClient['push']>[0], name: string, args: unknown, workstation = 'A07') {
  const r = await c.push(who, uuidv7(), [mut(1, name, args)], workstation);
  expect(r.status).toBe(200);
  return r.json.acks[0];
}

/** What the hub checks in a push (server/checks.ts); run on SQLite (npm test) and PostgreSQL (npm run test:pg). */
export function hubChecksSuite(factory: HubFactory): void {
  describe('the hub checks what it is told', () => {
    const h = useHub(factory);

    it('renumbers a call record or complaint whose number is taken, keeping both records', async () => {
      const c = h();
      const first = uuidv7();
      const second = uuidv7();
      expect(await ackOf(c, 'agent1', 'call.create', callCreate(first, { recordNo: 'LD-20261122-A07-0007' }))).toEqual({ id: 1, status: 'applied' });
      const ack = await ackOf(c, 'agent2', 'call.create', callCreate(second, { recordNo: 'LD-20261122-A07-0007' }));
      expect(ack).toMatchObject({ status: 'applied', repairs: [{ code: 'number_taken', field: 'recordNo', from: 'LD-20261122-A07-0007', to: 'LD-20261122-A07-0008' }] });
      expect(ack.repairs[0].message).toMatch(/already taken/);
      // The next clash of the series goes past both.
      const third = uuidv7();
      expect((await ackOf(c, 'agent2', 'call.create', callCreate(third, { recordNo: 'LD-20261122-A07-0007' }))).repairs[0].to).toBe('LD-20261122-A07-0009');

      const k1 = uuidv7();
      const k2 = uuidv7();
      expect((await ackOf(c, 'agent1', 'complaint.register', register(k1))).status).toBe('applied');
      const dup = await ackOf(c, 'agent2', 'complaint.register', register(k2, { receivedAt: at(3), at: at(3) }));
      expect(dup).toMatchObject({ status: 'applied', repairs: [{ code: 'number_taken', field: 'complaintNo', to: 'TS-2026-A07-0002' }] });

      const rows = await c.pullAll();
      expect(rowOf(rows, 'call', first).recordNo).toBe('LD-20261122-A07-0007');
      expect(rowOf(rows, 'call', second)).toMatchObject({ recordNo: 'LD-20261122-A07-0008', agentId: USERS.agent2.id });
      expect(rowOf(rows, 'call', third).recordNo).toBe('LD-20261122-A07-0009');
      expect(rowOf(rows, 'complaint', k1).complaintNo).toBe('TS-2026-A07-0001');
      expect(rowOf(rows, 'complaint', k2).complaintNo).toBe('TS-2026-A07-0002');
    });

    it("rewrites a workstation code that is not the client's, naming the repair", async () => {
      const c = h();
      const id = uuidv7();
      const ack = await ackOf(c, 'agent1', 'call.create', callCreate(id, { workstation: 'ZZ9' }));
      expect(ack).toMatchObject({ status: 'applied', repairs: [{ code: 'foreign_workstation', field: 'workstation', from: 'ZZ9', to: 'A07' }] });
      expect(rowOf(await c.pullAll(), 'call', id).workstation).toBe('A07');
    });

    it('refuses an assignee or handler who does not exist or whose role may not take it; the name is the hub’s', async () => {
      const c = h();
      const ghost = uuidv7();
      const r1 = await ackOf(c, 'agent1', 'callback.create', callback(uuidv7(), { assigneeId: ghost, assigneeName: '伪造的名字', dueAt: '2026-11-29T09:00:00.000Z' }));
      expect(r1).toMatchObject({ status: 'rejected', code: 'unknown_user' });
      expect(r1.reason).toContain(ghost);
      const named = uuidv7();
      const r2 = await ackOf(c, 'agent1', 'callback.create', callback(named, { assigneeName: '伪造的名字' }));
      expect(r2).toMatchObject({ status: 'applied', repairs: [{ code: 'name_corrected', field: 'assigneeName', from: '伪造的名字', to: '赵回访' }] });
      expect(rowOf(await c.pullAll(), 'callback', named)).toMatchObject({ assigneeId: USERS.officer.id, assigneeName: '赵回访' });
      // A call recorded for a callback officer: they do not take calls.
      const r3 = await ackOf(c, 'lead', 'call.create', callCreate(uuidv7(), { agent: { id: USERS.officer.id, name: '赵回访' } }));
      expect(r3).toMatchObject({ status: 'rejected', code: 'wrong_role' });
      const k = uuidv7();
      await ackOf(c, 'agent1', 'complaint.register', register(k));
      const r4 = await c.push('lead', uuidv7(), [
        mut(1, 'complaint.transition', { id: k, step: { action: 'assign', departments: ['检验部'], handlerId: ghost, handlerName: '某人' }, at: at(5) }),
      ]);
      expect(r4.json.acks[0]).toMatchObject({ status: 'rejected', code: 'unknown_user' });
      expect(rowOf(await c.pullAll(), 'complaint', k).handlerId).toBeNull();
    });

    it('refuses a time before the organisation existed and an absurd deadline; clamps a future time with a reason', async () => {
      const c = h();
      const old = await ackOf(c, 'agent1', 'complaint.register', register(uuidv7(), { receivedAt: '2001-03-01T02:00:00.000Z' }));
      expect(old).toMatchObject({ status: 'rejected', code: 'time_out_of_range' });
      expect(old.reason).toMatch(/receivedAt 2001-03-01.* before this organisation existed/);
      const due = await ackOf(c, 'agent1', 'callback.create', callback(uuidv7(), { dueAt: '0001-01-01T00:00:00.000Z' }));
      expect(due).toMatchObject({ status: 'rejected', code: 'time_out_of_range' });
      // A deadline in the future is fine; a time that happened in the hub's future is clamped and named.
      const ahead = uuidv7();
      const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const r = await ackOf(c, 'agent1', 'call.create', callCreate(ahead, { rangAt: future, answeredAt: future }));
      expect(r.status).toBe('applied');
      expect(r.repairs.map((x: { code: string; field: string }) => `${x.code}:${x.field}`)).toEqual(['time_clamped:rangAt', 'time_clamped:answeredAt']);
      expect(Date.parse(rowOf(await c.pullAll(), 'call', ahead).rangAt)).toBeLessThan(Date.now() + 60_000);
      // The refused ones wrote nothing; a refusal is kept on the workstation as a conflict (test/sync/joinAuthors).
      expect((await c.pullAll()).filter((x) => x.entity === 'complaint')).toHaveLength(0);
    });

    it('answers a replayed batch with the same repairs and does not renumber twice', async () => {
      const c = h();
      await ackOf(c, 'agent1', 'call.create', callCreate(uuidv7(), { recordNo: 'LD-20261122-A07-0100' }));
      const clientId = uuidv7();
      const batch = [mut(1, 'call.create', callCreate(uuidv7(), { recordNo: 'LD-20261122-A07-0100' }))];
      const first = await c.push('agent2', clientId, batch);
      const again = await c.push('agent2', clientId, batch);
      expect(again.json).toEqual(first.json);
      expect(first.json.acks[0].repairs[0].to).toBe('LD-20261122-A07-0101');
    });
  });
}
