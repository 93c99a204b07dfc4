import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { callCreate, type HubClient, type HubFactory, mut, PASSWORD, USERS, useHub, type Who } from '../harness';

const SECRET = '样品含甲醛超标三倍,客户要求保密';
const PHONE = '13912340077';
const at = (m: number) => `2026-11-22T02:${String(m).padStart(2, '0')}:00.000Z`;

/** agent1 on A07 takes a confidential call (and an ordinary one) and registers a confidential complaint. */
async function seed(c: HubClient) {
  const secret = uuidv7();
  const plain = uuidv7();
  const complaint = uuidv7();
  const r = await c.push('agent1', uuidv7(), [
    mut(1, 'call.create', callCreate(secret, { phone: PHONE, address: '杭州市西湖区文三路 90 号' })),
    mut(2, 'call.update', { id: secret, fields: { content: SECRET, confidential: true, suggestions: '建议复检' }, at: at(1) }),
    mut(3, 'call.create', callCreate(plain, { phone: '13700001111' })),
    mut(4, 'call.update', { id: plain, fields: { content: '查询报告进度' }, at: at(2) }),
    mut(5, 'complaint.register', {
      id: complaint,
      complaintNo: 'TS-2026-A07-0001',
      workstation: 'A07',
      channel: 'phone',
      complainant: '王先生',
      phone: PHONE,
      problem: SECRET,
      severity: 'general',
      type: 'result_doubt',
      callId: secret,
      repeatIndex: 1,
      receivedAt: at(3),
      at: at(3),
      confidential: true,
    }),
  ]);
  expect(r.json.acks.map((a: { status: string }) => a.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
  return { secret, plain, complaint };
}

// biome-ignore lint/suspicious/noExplicitAny: pulled rows are arbitrary JSON
async function pullAs(c: HubClient, who: Who): Promise<any[]> {
  const rows = [];
  let cursor = 0;
  for (;;) {
    const r = await c.pull(who, cursor, 500);
    expect(r.status).toBe(200);
    rows.push(...r.json.changes);
    cursor = r.json.cursor;
    if (!r.json.hasMore) return rows;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: pulled rows are arbitrary JSON
const rowOf = (rows: any[], entity: string, id: string) => rows.find((r) => r.entity === entity && r.id === id);
// biome-ignore lint/suspicious/noExplicitAny: pulled rows are arbitrary JSON
const historyOf = (rows: any[], id: string) => rows.filter((r) => r.entity === 'history' && r.data.entityId === id);

/** The pull sends each workstation only what its users may see; GET /sync/record for the leads. */
export function minimiseSuite(factory: HubFactory): void {
  describe('pull minimised per workstation', () => {
    const h = useHub(factory);

    it("sends another agent's workstation the confidential call and complaint without their hidden fields, history included", async () => {
      const c = h();
      const { secret, plain, complaint } = await seed(c);
      await c.login('agent2', 'B02');
      const rows = await pullAs(c, 'agent2');
      const call = rowOf(rows, 'call', secret);
      expect(call.redacted).toBe(true);
      expect(call.data).toMatchObject({ id: secret, confidential: true, agentId: USERS.agent1.id, callerName: '王先生', content: '', address: '', suggestions: '' });
      expect(call.data.phone).toBe('139****0077');
      expect(call.data.phoneNormalized).toBe('');
      const comp = rowOf(rows, 'complaint', complaint);
      expect(comp.redacted).toBe(true);
      expect(comp.data).toMatchObject({ confidential: true, problem: '', phoneNormalized: '', complainant: '王先生' });
      for (const hrow of [...historyOf(rows, secret), ...historyOf(rows, complaint)]) expect(hrow.redacted).toBe(true);
      expect(historyOf(rows, secret)).toHaveLength(2);
      // Nothing hidden anywhere in what B02 received.
      const all = JSON.stringify(rows);
      expect(all).not.toContain(SECRET);
      expect(all).not.toContain(PHONE);
      expect(all).not.toContain('文三路');
      // An ordinary call travels as it is.
      expect(rowOf(rows, 'call', plain)).toMatchObject({ data: { content: '查询报告进度', phone: '13700001111' } });
      expect(rowOf(rows, 'call', plain).redacted).toBeUndefined();
      expect(historyOf(rows, plain).every((r) => r.redacted === undefined)).toBe(true);
    });

    it("sends it in full to the owner's workstation, whichever user's token pulls", async () => {
      const c = h();
      const { secret, complaint } = await seed(c);
      // The officer works at A07 too: the engine pulls with any token of the workstation.
      await c.login('officer', 'A07');
      for (const who of ['agent1', 'officer'] as const) {
        const rows = await pullAs(c, who);
        expect(rowOf(rows, 'call', secret)).toMatchObject({ data: { content: SECRET, phone: PHONE } });
        expect(rowOf(rows, 'call', secret).redacted).toBeUndefined();
        expect(rowOf(rows, 'complaint', complaint).data.problem).toBe(SECRET);
        expect(JSON.stringify(historyOf(rows, secret))).toContain(SECRET);
      }
    });

    it("a lead's own workstation gets the partial copy too (leads fetch online); a handler's workstation gets the complaint in full", async () => {
      const c = h();
      const { secret, complaint } = await seed(c);
      await c.login('lead', 'L01');
      let rows = await pullAs(c, 'lead');
      expect(rowOf(rows, 'call', secret).redacted).toBe(true);
      expect(rowOf(rows, 'complaint', complaint).redacted).toBe(true);
      // The lead assigns the complaint to agent2, who works at B02: B02 now holds the complaint in full, not the call.
      const assign = await c.push('lead', uuidv7(), [mut(1, 'complaint.transition', { id: complaint, step: { action: 'assign', handlerId: USERS.agent2.id, handlerName: '王芳', departments: ['质量技术部'] }, at: at(5) }, { status: 'registered', handlerId: null, severity: 'general' })], 'L01');
      expect(assign.json.acks[0]).toMatchObject({ status: 'applied' });
      await c.login('agent2', 'B02');
      rows = await pullAs(c, 'agent2');
      expect(rowOf(rows, 'complaint', complaint).redacted).toBeUndefined();
      expect(rowOf(rows, 'complaint', complaint).data.problem).toBe(SECRET);
      expect(rowOf(rows, 'call', secret).redacted).toBe(true);
    });

    it('a new user at a workstation widens what it receives in full from then on (the console re-pulls from 0)', async () => {
      const c = h();
      const { secret } = await seed(c);
      await c.login('agent2', 'B02');
      expect(rowOf(await pullAs(c, 'agent2'), 'call', secret).redacted).toBe(true);
      // agent1 logs in at B02 too (hot-desking): B02's users now include the call's agent.
      const login = await c.call('POST', '/auth/login', { body: { username: USERS.agent1.username, password: PASSWORD, workstation: 'B02' } });
      expect(login.status).toBe(200);
      const rows = await pullAs(c, 'agent2');
      expect(rowOf(rows, 'call', secret).redacted).toBeUndefined();
      expect(rowOf(rows, 'call', secret).data.content).toBe(SECRET);
    });

    it("a callback made from the confidential call is minimised with it, except on its assignee's workstation", async () => {
      const c = h();
      const { secret } = await seed(c);
      const cb = uuidv7();
      const create = {
        id: cb, kind: 'promised', dueAt: '2026-11-23T02:00:00.000Z', customerId: null, name: '王先生', organisation: '', phone: PHONE,
        subject: SECRET, source: 'call', sourceId: secret, callId: secret, complaintId: null, complaintRound: null, assigneeId: null,
        assigneeName: '', importBatch: null, at: at(6),
      };
      expect((await c.push('agent1', uuidv7(), [mut(1, 'callback.create', create)])).json.acks[0].status).toBe('applied');
      await c.login('agent2', 'B02');
      let rows = await pullAs(c, 'agent2');
      expect(rowOf(rows, 'callback', cb)).toMatchObject({ redacted: true, data: { subject: '', phone: '139****0077', name: '王先生' } });
      expect(historyOf(rows, cb).every((r) => r.redacted === true)).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(SECRET);
      await c.push('lead', uuidv7(), [mut(1, 'callback.assign', { id: cb, assigneeId: USERS.agent2.id, assigneeName: '王芳', at: at(7) }, { status: 'open' })], 'L01');
      rows = await pullAs(c, 'agent2');
      expect(rowOf(rows, 'callback', cb).redacted).toBeUndefined();
      expect(rowOf(rows, 'callback', cb).data.subject).toBe(SECRET);
      // The call itself stays partial there: the callback is agent2's, the call is not.
      expect(rowOf(rows, 'call', secret).redacted).toBe(true);
    });

    it("a stale push to another agent's confidential call gets a minimised conflict state, not the record", async () => {
      const c = h();
      const { secret } = await seed(c);
      const r = await c.push('agent2', uuidv7(), [mut(1, 'call.void', { id: secret, reason: '重复记录', at: at(9) }, { voided: true })], 'B02');
      expect(r.status).toBe(200);
      expect(r.json.acks[0].status).toBe('conflict');
      expect(r.json.acks[0].serverState).toMatchObject({ id: secret, content: '', phone: '139****0077' });
      expect(JSON.stringify(r.json)).not.toContain(SECRET);
      // The owner's own stale push is answered with the full state: it is theirs.
      const own = await c.push('agent1', uuidv7(), [mut(1, 'call.void', { id: secret, reason: '重复记录', at: at(9) }, { voided: true })]);
      expect(own.json.acks[0].serverState.content).toBe(SECRET);
    });
  });

  describe('GET /sync/record/:entity/:id', () => {
    const h = useHub(factory);

    it('answers the record and its history in full to whoever may see it in full, 403 to everybody else', async () => {
      const c = h();
      const { secret, complaint } = await seed(c);
      for (const who of ['lead', 'admin', 'agent1'] as const) {
        await c.login(who, 'B02');
        const r = await c.call('GET', `/sync/record/call/${secret}`, { token: await c.as(who) });
        expect(r.status, who).toBe(200);
        expect(r.json).toMatchObject({ ok: true, entity: 'call', id: secret, data: { content: SECRET, phone: PHONE } });
        expect(r.json.history.map((x: { action: string }) => x.action)).toEqual(['call.create', 'call.update']);
        expect(JSON.stringify(r.json.history)).toContain(SECRET);
        const rc = await c.call('GET', `/sync/record/complaint/${complaint}`, { token: await c.as(who) });
        expect(rc.status, who).toBe(200);
        expect(rc.json.data.problem).toBe(SECRET);
      }
      for (const who of ['agent2', 'officer'] as const) {
        for (const [entity, id] of [['call', secret], ['complaint', complaint]]) {
          const r = await c.call('GET', `/sync/record/${entity}/${id}`, { token: await c.as(who) });
          expect(r.status, `${who} ${entity}`).toBe(403);
          expect(r.json.error.code).toBe('forbidden');
          expect(JSON.stringify(r.json)).not.toContain(SECRET);
        }
      }
    });

    it('refuses malformed paths, unknown records, missing tokens and old consoles', async () => {
      const c = h();
      const { secret } = await seed(c);
      const token = await c.as('lead');
      const bad = [`/sync/record/customer/${secret}`, '/sync/record/call/not-a-uuid', `/sync/record/history/${secret}`, '/sync/record/call/1%27%20OR%201=1'];
      for (const url of bad) {
        const r = await c.call('GET', url, { token });
        expect(r.status, url).toBe(400);
        expect(r.json.error.code).toBe('invalid_params');
      }
      expect((await c.call('GET', `/sync/record/call/${uuidv7()}`, { token })).status).toBe(404);
      expect((await c.call('GET', `/sync/record/call/${secret}`)).status).toBe(401);
      expect((await c.call('GET', `/sync/record/call/${secret}`, { token: 'x'.repeat(43) })).status).toBe(401);
      expect((await c.call('GET', `/sync/record/call/${secret}`, { token, schema: null })).status).toBe(426);
    });
  });
}
