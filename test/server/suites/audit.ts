import { describe, expect, it } from 'vitest';
import { auditHash } from '../../../shared/node/auditChain';
import { AUDIT_GENESIS, type AuditRow } from '../../../shared/sync/audit';
import { type HubFactory, USERS, useHub } from '../harness';

const CUSTOMER = '01a20584-0000-7000-8000-0000000000c1';

/** A workstation's chain of `n` rows, as its store writes them (the agent's screen pops of one customer). */
export function chain(workstation: string, n: number, start = { seq: 1, prev: AUDIT_GENESIS }): AuditRow[] {
  const out: AuditRow[] = [];
  let prev = start.prev;
  for (let i = 0; i < n; i++) {
    const seq = start.seq + i;
    const fields = {
      workstation,
      seq,
      id: `01a20584-0000-7000-8000-${workstation}${String(seq).padStart(9, '0')}`,
      at: new Date(Date.parse('2026-11-22T02:00:00.000Z') + seq * 60_000).toISOString(),
      actorId: USERS.agent1.id,
      actorName: USERS.agent1.displayName,
      actorRole: 'agent',
      action: 'view',
      entity: 'customer',
      recordIds: [CUSTOMER],
      count: 1,
      customerIds: seq % 2 ? [CUSTOMER] : [],
      detail: 'screen pop',
    };
    const hash = auditHash(fields, prev);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

/** Audit rows on the hub: append-only storage, verification on receipt, the administrators' query; both stores run it. */
export function auditSuite(factory: HubFactory): void {
  describe('audit rows', () => {
    const h = useHub(factory);

    it('stores pushed rows once per (workstation, seq), serves them to administrators by filter, and verifies each chain', async () => {
      const c = h();
      const agent = await c.login('agent1', 'A07');
      const rowsA = chain('A07', 5);
      const push = (token: string, workstation: string, rows: AuditRow[]) => c.call('POST', '/sync/audit', { token, body: { workstation, rows } });
      const first = await push(agent, 'A07', rowsA.slice(0, 3));
      expect(first.json).toEqual({ ok: true, through: 3, breaks: [] });
      // A retry of the same batch, then the rest.
      expect((await push(agent, 'A07', rowsA.slice(0, 3))).json).toEqual({ ok: true, through: 3, breaks: [] });
      expect((await push(agent, 'A07', rowsA.slice(3))).json).toEqual({ ok: true, through: 5, breaks: [] });

      // Workstation B02 deleted its row 2 before pushing.
      const b = await c.login('agent2', 'B02');
      const rowsB = chain('B02', 4);
      const res = await push(b, 'B02', [rowsB[0]!, rowsB[2]!, rowsB[3]!]);
      expect(res.json.breaks).toEqual([expect.objectContaining({ workstation: 'B02', seq: 3, kind: 'gap' })]);

      const admin = await c.login('admin', 'A07');
      const all = await c.call('GET', '/audit?limit=3', { token: admin });
      expect(all.json.total).toBe(8);
      expect(all.json.rows).toHaveLength(3);
      const byCustomer = await c.call('GET', `/audit?customerId=${CUSTOMER}&limit=200`, { token: admin });
      expect(byCustomer.json.rows.map((r: AuditRow) => `${r.workstation}:${r.seq}`).sort()).toEqual(['A07:1', 'A07:3', 'A07:5', 'B02:1', 'B02:3']);
      expect(byCustomer.json.rows[0]).toEqual(expect.objectContaining({ actorName: USERS.agent1.displayName, recordIds: [CUSTOMER], count: 1 }));
      const ranged = await c.call('GET', `/audit?from=${rowsA[1]!.at}&to=${rowsA[3]!.at}&action=view&userId=${USERS.agent1.id}`, { token: admin });
      expect(ranged.json.total).toBe(3); // A07:2, A07:3, B02:3 (B02:2 was deleted)
      const v = await c.call('GET', '/audit/verify', { token: admin });
      expect(v.json.chains).toEqual([
        expect.objectContaining({ workstation: 'A07', rows: 5, headSeq: 5, ok: true, brokenAt: null }),
        expect.objectContaining({ workstation: 'B02', rows: 3, headSeq: 4, ok: false, brokenAt: 3 }),
      ]);

      // The missing row sent afterwards is stored, and the gap it left stays on record.
      const late = await push(b, 'B02', [rowsB[1]!]);
      expect(late.json.breaks).toEqual([expect.objectContaining({ seq: 2, kind: 'out_of_order' })]);
      const after = (await c.call('GET', '/audit/verify', { token: admin })).json.chains[1];
      expect(after).toMatchObject({ workstation: 'B02', rows: 4, ok: false, brokenAt: 2 });
      expect(after.breaks.map((x: { seq: number; kind: string }) => `${x.seq}:${x.kind}`)).toEqual(['2:out_of_order', '3:gap']);

      // An edited copy of a stored row is not taken; the stored one stays.
      const edited = { ...rowsA[1]!, detail: '改过' };
      edited.hash = auditHash(edited, edited.prevHash);
      expect((await push(agent, 'A07', [edited])).json.breaks).toEqual([expect.objectContaining({ seq: 2, kind: 'conflicting_copy' })]);
      const stored = await c.hub.store.read((tx) => tx.audit.get('A07', 2));
      expect(stored).toEqual(rowsA[1]);
    });

    it('refuses other workstations, malformed rows and readers who are not administrators', async () => {
      const c = h();
      const agent = await c.login('agent1', 'A07');
      const other = await c.call('POST', '/sync/audit', { token: agent, body: { workstation: 'B02', rows: chain('B02', 1) } });
      expect(other.status).toBe(403);
      const mixed = await c.call('POST', '/sync/audit', { token: agent, body: { workstation: 'A07', rows: chain('B02', 1) } });
      expect(mixed.status).toBe(400);
      for (const bad of [{ workstation: 'A07', rows: [] }, { workstation: 'A07', rows: [{ ...chain('A07', 1)[0], hash: 'x' }] }, { workstation: 'A07', rows: chain('A07', 1), extra: 1 }, 'rows']) {
        expect((await c.call('POST', '/sync/audit', { token: agent, body: bad })).status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      }
      expect((await c.call('POST', '/sync/audit', { body: { workstation: 'A07', rows: chain('A07', 1) } })).status).toBe(401);
      expect((await c.call('POST', '/sync/audit', { token: agent, schema: null, body: { workstation: 'A07', rows: chain('A07', 1) } })).status).toBe(426);
      for (const who of ['agent1', 'officer', 'lead'] as const) {
        const token = await c.login(who, 'A07');
        expect((await c.call('GET', '/audit', { token })).status).toBe(403);
        expect((await c.call('GET', '/audit/verify', { token })).status).toBe(403);
      }
      const admin = await c.login('admin', 'A07');
      for (const q of ['limit=0', 'limit=201', 'offset=-1', 'from=yesterday', 'action=%27%3B%20DROP', 'nope=1']) {
        expect((await c.call('GET', `/audit?${q}`, { token: admin })).status, q).toBe(400);
      }
      expect(await c.hub.store.read((tx) => tx.audit.maxSeq('A07'))).toBe(0);
    });
  });
}
