import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient, HubError } from '../../electron/core/sync/hubClient';
import { auditHash } from '../../shared/node/auditChain';
import type { AuditRow } from '../../shared/sync/audit';
import { allAuditRows } from '../../electron/core/store/audit';
import { PASSWORD, type TestConsole } from '../helpers/core';
import { type HubProcess, joinedPair, startHubProcess } from '../helpers/hub';

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;
let customerId: string;

async function sync(...consoles: TestConsole[]) {
  for (const c of consoles) expect((await c.ok('sync.now', {})).error, 'sync error').toBeNull();
}
const auditRows = (c: TestConsole) =>
  (c.core.context.db.prepare('SELECT seq, action, entity, detail FROM audit_log ORDER BY seq').all() as { seq: number; action: string; entity: string; detail: string }[]);
/** What someone with B's file does before the next sync: drop the triggers and delete a row. */
function deleteOnB(seq: number) {
  const db = b.core.context.db;
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
  db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq);
}
async function hubAs(username: string, workstation: string) {
  return new HubClient(hub.url, (await new HubClient(hub.url).login(username, PASSWORD, workstation)).token);
}

beforeAll(async () => {
  hub = await startHubProcess();
  [a, b] = await joinedPair(hub.url, 'admin');
  await a.login('agent1', PASSWORD);
  customerId = (await a.ok('customers.create', { name: '周丽', organisation: '杭州西湖水务有限公司', address: '', phones: ['13800138000'], serviceRequirements: '', notes: '' })).id;
  await b.login('agent2', PASSWORD);
  await sync(a, b);
}, 90_000);

afterAll(async () => {
  a?.close();
  b?.close();
  await hub?.stop();
});

describe('audit rows through a real hub', () => {
  let deleted: number;

  it("reach the hub from B, and the hub's verification sees a row deleted on B before the push", async () => {
    for (let i = 0; i < 3; i++) expect((await b.ok('customers.lookup', { phone: '138 0013 8000' })).matches).toHaveLength(1);
    const pops = auditRows(b).filter((r) => r.detail === 'screen pop');
    expect(pops).toHaveLength(3);
    deleted = pops[1]!.seq;
    deleteOnB(deleted);
    await sync(b);
    expect(Number(b.core.context.db.prepare("SELECT value FROM meta WHERE key = 'audit_sent_seq'").pluck().get())).toBe(auditRows(b).at(-1)!.seq);

    await a.login('admin', PASSWORD);
    const page = await a.ok('audit.query', { customerId });
    expect(page).toMatchObject({ source: 'hub', note: null });
    const fromB = page.rows.filter((r) => r.workstation === 'B02');
    expect(fromB).toHaveLength(2);
    expect(fromB[0]).toMatchObject({ actorName: '赵建国', actorRole: 'agent', action: 'view', entity: 'customer', detail: 'screen pop', customerIds: [customerId], count: 1 });
    expect(page.customerNames[customerId]).toBe('周丽');

    const v = await a.ok('audit.verify', {});
    expect(v.source).toBe('hub');
    const chainB = v.chains.find((x) => x.workstation === 'B02')!;
    expect(chainB).toMatchObject({ ok: false, brokenAt: deleted + 1 });
    expect(chainB.breaks[0]).toMatchObject({ seq: deleted + 1, kind: 'gap' });
    // A's own rows (created at join and since) are not on the hub until A syncs; its local chain is whole.
    expect(v.local).toMatchObject({ workstation: 'A07', ok: true });
  });

  it("A's rows follow on its next sync, unbroken; the viewer shows A's unsent rows meanwhile", async () => {
    const before = await a.ok('audit.query', {});
    expect(before.unsent.length).toBeGreaterThan(0);
    expect(before.unsent.every((r) => r.workstation === 'A07')).toBe(true);
    await sync(a);
    const v = await a.ok('audit.verify', {});
    expect(v.chains.find((x) => x.workstation === 'A07')).toMatchObject({ ok: true, brokenAt: null });
  });

  it('a resent batch changes nothing; a changed copy of a row the hub holds is kept out and recorded', async () => {
    const agent = await hubAs('agent2', 'B02');
    const row: AuditRow = [...allAuditRows(b.core.context.db)][0]!;
    const again = await agent.pushAudit({ workstation: 'B02', rows: [row] });
    expect(again.breaks).toEqual([]);
    const forged = { ...row, actorName: '别人' };
    forged.hash = auditHash(forged, forged.prevHash);
    const res = await agent.pushAudit({ workstation: 'B02', rows: [forged] });
    expect(res.breaks).toEqual([expect.objectContaining({ seq: row.seq, kind: 'conflicting_copy' })]);
    const page = await a.ok('audit.query', { userId: row.actorId, limit: 200 });
    expect(page.rows.find((r) => r.workstation === 'B02' && r.seq === row.seq)?.actorName).toBe(row.actorName);

    // Both breaks stay on record.
    const v = await a.ok('audit.verify', {});
    const chainB = v.chains.find((x) => x.workstation === 'B02')!;
    expect(chainB.breaks.map((x) => [x.seq, x.kind])).toEqual(
      expect.arrayContaining([
        [row.seq, 'conflicting_copy'],
        [deleted + 1, 'gap'],
      ]),
    );
  });

  it('a workstation pushes only its own chain, and only administrators read the hub audit', async () => {
    const agentOnA = await hubAs('agent1', 'A07');
    const err = await agentOnA.pushAudit({ workstation: 'B02', rows: [] as never }).catch((e: HubError) => e);
    expect(err).toBeInstanceOf(HubError);
    const forB = await agentOnA
      .pushAudit({
        workstation: 'B02',
        rows: [{ workstation: 'B02', seq: 99, id: 'x', at: new Date().toISOString(), actorId: 'x', actorName: 'x', actorRole: 'agent', action: 'view', entity: 'customer', recordIds: [], count: 0, customerIds: [], detail: '', prevHash: '0'.repeat(64), hash: '0'.repeat(64) }],
      })
      .catch((e: HubError) => e);
    expect(forB).toMatchObject({ kind: 'forbidden', status: 403 });
    for (const [user, ws] of [
      ['agent1', 'A07'],
      ['officer', 'A07'],
      ['lead', 'A07'],
    ] as const) {
      const client = await hubAs(user, ws);
      await expect(client.queryAudit({}, 10, 0)).rejects.toMatchObject({ status: 403 });
      await expect(client.verifyAudit()).rejects.toMatchObject({ status: 403 });
    }
    const admin = await hubAs('admin', 'A07');
    await expect(admin.queryAudit({ action: "'; DROP TABLE audit_rows; --" }, 10, 0)).rejects.toMatchObject({ status: 400 });
    await expect(admin.request('GET', '/audit?limit=100000')).rejects.toMatchObject({ status: 400 });
    await expect(new HubClient(hub.url).queryAudit({}, 10, 0)).rejects.toMatchObject({ status: 401 });
  });
});
