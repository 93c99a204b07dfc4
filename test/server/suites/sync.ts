import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { MAX_PULL_PAGE } from '../../../shared/sync/protocol';
import { callCreate, type HubFactory, mut, USERS, useHub } from '../harness';

/** Push, pull and live events; run against SQLite (npm test) and PostgreSQL (npm run test:pg). */
export function syncSuite(factory: HubFactory): void {
  describe('push', () => {
    const h = useHub(factory);

    it('applies a batch and answers a replay with the same acks, applying nothing twice', async () => {
      const c = h();
      const clientId = uuidv7();
      const id = uuidv7();
      const batch = [mut(1, 'call.create', callCreate(id)), mut(2, 'call.update', { id, fields: { content: '咨询检验报告进度' }, at: '2026-11-22T02:01:00.000Z' })];
      const first = await c.push('agent1', clientId, batch);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ ok: true, lastMutationId: 2, acks: [{ id: 1, status: 'applied' }, { id: 2, status: 'applied' }] });
      const before = await c.footprint();
      const again = await c.push('agent1', clientId, batch);
      expect(again.status).toBe(200);
      expect(again.json).toEqual(first.json);
      expect(await c.footprint()).toEqual(before);
      const rows = await c.pullAll();
      const call = rows.filter((r) => r.entity === 'call');
      expect(call).toHaveLength(1);
      expect(call[0].data).toMatchObject({ id, content: '咨询检验报告进度', agentId: USERS.agent1.id, agentName: '李娜', version: 2 });
      const history = rows.filter((r) => r.entity === 'history').map((r) => r.data);
      expect(history.map((x) => x.id).sort()).toEqual([`${clientId}:1`, `${clientId}:2`]);
      expect(history[0]).toMatchObject({ entity: 'call', entityId: id, actorId: USERS.agent1.id, actorName: '李娜' });
      // A batch that overlaps the applied ids applies only the new one.
      const more = await c.push('agent1', clientId, [...batch, mut(3, 'call.update', { id, fields: { callerName: '王总' }, at: '2026-11-22T02:02:00.000Z' })]);
      expect(more.json.acks.map((a: { status: string }) => a.status)).toEqual(['applied', 'applied', 'applied']);
      expect(more.json.lastMutationId).toBe(3);
      expect((await c.footprint()).seq).toBe(before.seq + 2);
    });

    it("refuses a push under another user's or workstation's clientId with 403 and writes nothing", async () => {
      const c = h();
      const clientId = uuidv7();
      await c.push('agent1', clientId, [mut(1, 'call.create', callCreate(uuidv7()))]);
      const before = await c.footprint();
      const other = await c.push('agent2', clientId, [mut(2, 'call.create', callCreate(uuidv7()))]);
      expect(other.status).toBe(403);
      expect(other.json.error.code).toBe('forbidden');
      const elsewhere = await c.push('agent1', clientId, [mut(2, 'call.create', callCreate(uuidv7()))], 'B02');
      expect(elsewhere.status).toBe(403);
      expect(await c.footprint()).toEqual(before);
      // The owner's sequence is untouched: id 2 is still new for it.
      const own = await c.push('agent1', clientId, [mut(2, 'call.create', callCreate(uuidv7()))]);
      expect(own.json).toMatchObject({ lastMutationId: 2, acks: [{ id: 2, status: 'applied' }] });
    });

    it('rejects what the role or the domain forbids, and still applies the mutations behind it', async () => {
      const c = h();
      const theirs = uuidv7();
      await c.push('agent1', uuidv7(), [mut(1, 'call.create', callCreate(theirs))]);
      const mine = uuidv7();
      const r = await c.push('agent2', uuidv7(), [
        mut(1, 'call.void', { id: theirs, reason: '重复记录', at: '2026-11-22T03:00:00.000Z' }, { voided: false }),
        mut(2, 'user.delete', { id: USERS.admin.id }),
        mut(3, 'call.create', { ...callCreate(uuidv7()), agentId: USERS.agent1.id }),
        mut(4, 'call.create', callCreate(mine)),
      ]);
      expect(r.status).toBe(200);
      expect(r.json.lastMutationId).toBe(4);
      const [voidAck, unknownAck, forgedAck, okAck] = r.json.acks;
      expect(voidAck).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/only the receiving agent or a team lead/) });
      expect(unknownAck).toMatchObject({ status: 'rejected', reason: 'unknown mutation "user.delete"' });
      expect(forgedAck).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^invalid args for call.create: .*agentId/) });
      expect(okAck).toMatchObject({ status: 'applied' });
      const calls = (await c.pullAll()).filter((x) => x.entity === 'call');
      expect(calls.find((x) => x.id === theirs).data.voided).toBe(false);
      expect(calls.find((x) => x.id === mine).data.agentId).toBe(USERS.agent2.id);
    });

    it('runs the same field rules as the console: a phone nobody can dial is rejected, naming the field (issue 14)', async () => {
      const c = h();
      const id = uuidv7();
      await c.push('agent1', uuidv7(), [mut(1, 'call.create', callCreate(id))]);
      const complaint = {
        id: uuidv7(),
        complaintNo: 'TS-2026-A07-0001',
        workstation: 'A07',
        channel: 'phone',
        complainant: '周丽',
        problem: '色牢度结果偏低',
        severity: 'general',
        type: 'result_doubt',
        phone: '12-abc',
        callId: null,
        repeatIndex: 1,
        receivedAt: '2026-11-22T02:00:00.000Z',
        at: '2026-11-22T02:00:00.000Z',
      };
      const r = await c.push('agent1', uuidv7(), [
        mut(1, 'complaint.register', complaint),
        mut(2, 'call.update', { id, fields: { phone: 'not-a-phone☎' }, at: '2026-11-22T02:01:00.000Z' }, { version: 1, status: 'open', voided: false }),
        mut(3, 'complaint.register', { ...complaint, phone: '13912345678' }),
      ]);
      const [badComplaint, badCall, ok] = r.json.acks;
      expect(badComplaint).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^invalid args for complaint.register: .*phone/) });
      expect(badCall).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/incomplete|phone/) });
      expect(ok).toMatchObject({ status: 'applied' });
    });

    it('rejects a mutation whose role is not allowed, naming the role', async () => {
      const c = h();
      const r = await c.push('officer', uuidv7(), [mut(1, 'call.create', callCreate(uuidv7()))]);
      expect(r.json.acks[0]).toMatchObject({ status: 'rejected', reason: 'role callback_officer may not run call.create' });
      expect(r.json.lastMutationId).toBe(1);
    });

    it('turns a stale workflow base into a conflict with the server state and who made it', async () => {
      const c = h();
      const id = uuidv7();
      await c.push('agent1', uuidv7(), [mut(1, 'call.create', callCreate(id))]);
      const voided = await c.push('lead', uuidv7(), [mut(1, 'call.void', { id, reason: '测试来电', at: '2026-11-22T02:05:00.000Z' }, { voided: false })]);
      expect(voided.json.acks[0].status).toBe('applied');
      const stale = await c.push('agent1', uuidv7(), [
        mut(1, 'call.update', { id, fields: { content: '离线补充' }, at: '2026-11-22T02:06:00.000Z' }, { version: 1, voided: false }),
      ]);
      const ack = stale.json.acks[0];
      expect(ack).toMatchObject({ status: 'conflict', serverState: { id, voided: true, voidReason: '测试来电' } });
      expect(ack.by).toMatchObject({ userId: USERS.lead.id, displayName: '张组长' });
      expect(stale.json.lastMutationId).toBe(1);
      // A base that matches goes on to the domain, which refuses edits of a voided record.
      const fresh = await c.push('agent1', uuidv7(), [mut(1, 'call.update', { id, fields: { content: 'x' }, at: '2026-11-22T02:07:00.000Z' }, { voided: true })]);
      expect(fresh.json.acks[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/voided/) });
    });

    it("clamps timestamps far in the hub's future to the hub's clock", async () => {
      const c = h();
      const id = uuidv7();
      const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const before = Date.now();
      await c.push('agent1', uuidv7(), [mut(1, 'call.create', callCreate(id, { rangAt: future, answeredAt: future }))]);
      const call = (await c.pullAll()).find((x) => x.entity === 'call' && x.id === id).data;
      expect(Date.parse(call.answeredAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(call.answeredAt)).toBeLessThanOrEqual(Date.now() + 1000);
      expect(call.answeredAt).not.toBe(future);
      // Within the allowed skew a client's time is kept as sent.
      const near = new Date(Date.now() + 60_000).toISOString();
      const id2 = uuidv7();
      await c.push('agent1', uuidv7(), [mut(1, 'call.create', callCreate(id2, { rangAt: near, answeredAt: near }))]);
      expect((await c.pullAll()).find((x) => x.id === id2).data.answeredAt).toBe(near);
    });

    it('answers 401 without a valid token', async () => {
      const c = h();
      const r = await c.call('POST', '/sync/push', { body: { clientId: uuidv7(), workstation: 'A07', mutations: [] } });
      expect(r.status).toBe(401);
      const bad = await c.call('GET', '/sync/pull', { token: 'x'.repeat(43) });
      expect(bad.status).toBe(401);
      expect(bad.json.error.code).toBe('unauthenticated');
    });
  });

  describe('pull', () => {
    const h = useHub(factory);

    it('pages by seq with a monotone cursor, each record once at its latest state', async () => {
      const c = h();
      const clientId = uuidv7();
      const ids = Array.from({ length: 24 }, () => uuidv7());
      await c.push('agent1', clientId, ids.map((id, i) => mut(i + 1, 'call.create', callCreate(id))));
      await c.push('agent1', clientId, [mut(25, 'call.update', { id: ids[0], fields: { content: '最新' }, at: '2026-11-22T02:09:00.000Z' })]);
      const seen: number[] = [];
      let cursor = 0;
      let pages = 0;
      for (;;) {
        const r = await c.pull('agent2', cursor, 10);
        expect(r.status).toBe(200);
        expect(r.json.schemaVersion).toBe(1);
        expect(r.json.changes.length).toBeLessThanOrEqual(10);
        for (const ch of r.json.changes) seen.push(ch.seq);
        if (r.json.changes.length) expect(r.json.cursor).toBe(r.json.changes.at(-1).seq);
        expect(r.json.cursor).toBeGreaterThanOrEqual(cursor);
        cursor = r.json.cursor;
        pages++;
        if (!r.json.hasMore) break;
      }
      expect(pages).toBeGreaterThan(3);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(new Set(seen).size).toBe(seen.length);
      expect(cursor).toBe((await c.footprint()).seq);
      const all = await c.pullAll('agent2');
      const calls = all.filter((x) => x.entity === 'call');
      expect(calls).toHaveLength(24);
      expect(calls.find((x) => x.id === ids[0]).data.content).toBe('最新');
      expect(all.filter((x) => x.entity === 'history')).toHaveLength(25);
      expect(all.find((x) => x.entity === 'settings').data).toMatchObject({ organisationName: '浙江省纺织品检验中心' });
      for (const u of all.filter((x) => x.entity === 'user')) expect(u.data).not.toHaveProperty('passwordHash');
      const empty = await c.pull('agent2', cursor);
      expect(empty.json).toMatchObject({ changes: [], cursor, hasMore: false });
    });

    it('refuses a bad cursor or limit with 400', async () => {
      const c = h();
      const token = await c.as('agent1');
      for (const q of ['cursor=-1', 'cursor=abc', 'limit=0', `limit=${MAX_PULL_PAGE + 1}`, 'limit=1.5', 'cursor=1&since=2']) {
        const r = await c.call('GET', `/sync/pull?${q}`, { token });
        expect(r.status, q).toBe(400);
        expect(r.json.error.code).toBe('invalid_params');
        expect(r.json.error.message).toMatch(/^invalid pull query: /);
      }
    });
  });

  describe('events', () => {
    const h = useHub(factory);

    it("sends 'changed' with the new seq after a push commits", async () => {
      const c = h();
      const token = await c.as('lead');
      const ctrl = new AbortController();
      const res = await fetch(`${c.hub.url}/sync/events`, { headers: { authorization: `Bearer ${token}`, 'x-hotline-schema': '1' }, signal: ctrl.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      const nextChanged = async (): Promise<number> => {
        for (;;) {
          const m = /event: changed\ndata: (\{[^\n]*\})\n\n/.exec(buf);
          if (m) {
            buf = buf.slice(m.index + m[0].length);
            return JSON.parse(m[1]!).seq;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buf += decoder.decode(value, { stream: true });
        }
      };
      const head = await nextChanged();
      expect(head).toBe((await c.footprint()).seq);
      await c.push('agent1', uuidv7(), [mut(1, 'call.create', callCreate(uuidv7()))]);
      const seq = await nextChanged();
      expect(seq).toBe((await c.footprint()).seq);
      expect(seq).toBeGreaterThan(head);
      ctrl.abort();
    });
  });
}
