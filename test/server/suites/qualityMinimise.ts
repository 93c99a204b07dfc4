import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { attendanceIdOf } from '../../../shared/domain/attendance';
import { reviewIdOf, sampleIdOf } from '../../../shared/domain/quality';
import { type HubClient, type HubFactory, mut, PASSWORD, USERS, useHub, type Who } from '../harness';

// Personal records on the pull (docs/sync.md, "Data minimised per workstation"): QA samples, reviews,
// findings, attendance and leave reach a workstation only where somebody appraises (a quality inspector
// or a team lead) or where the person they are about works; a QA sample only where somebody appraises.

const MONTH = '2026-11';
const at = (d: number, h = 2) => `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;
const ITEMS = [
  { id: 'greeting', label: '问候语与结束语规范', weight: 40, fatal: false, guidance: '' },
  { id: 'correct', label: '答复准确', weight: 60, fatal: false, guidance: '' },
  { id: 'red_leak', label: '泄露客户信息', weight: 0, fatal: true, guidance: '' },
];
const SCORECARD = uuidv7();
const DAY_SHIFT = { id: 'day', name: '白班', start: '08:30', end: '17:30', graceMinutes: 5 };

type Agent = 'agent1' | 'agent2';
interface Seeded {
  sample: Record<Agent, string>;
  review: Record<Agent, string>;
  finding: Record<Agent, string>;
  attendance: Record<Agent, string>;
  leave: Record<Agent, string>;
}

const acked = (r: { json: { acks: { status: string; reason?: string }[] } }) => r.json.acks.map((a) => `${a.status}${a.reason ? `: ${a.reason}` : ''}`);

/** An inspector on the hub (the harness's users have none), logged in at Q01. */
async function inspector(c: HubClient): Promise<string> {
  const made = await c.call('POST', '/admin/users', {
    token: await c.as('admin'),
    body: { username: 'zhijian', displayName: '孙质检', role: 'quality_inspector', password: PASSWORD },
  });
  expect(made.status).toBe(200);
  const login = await c.call('POST', '/auth/login', { body: { username: 'zhijian', password: PASSWORD, workstation: 'Q01' } });
  expect(login.status).toBe(200);
  return login.json.token;
}

/** The lead (at L01) publishes a scorecard, draws, reviews one call of each agent with a finding; each agent (at A07 / B02) signs in and asks for leave. */
async function seed(c: HubClient): Promise<Seeded> {
  await c.login('lead', 'L01');
  await c.login('agent1', 'A07');
  await c.login('agent2', 'B02');
  const s = { sample: {}, review: {}, finding: {}, attendance: {}, leave: {} } as Seeded;
  const lead: unknown[] = [mut(1, 'scorecard.publish', { id: SCORECARD, version: 1, name: '质检评分表', items: ITEMS, note: '', at: at(30) })];
  for (const agent of ['agent1', 'agent2'] as const) {
    const u = USERS[agent];
    const call = uuidv7();
    const item = { kind: 'call', recordId: call, recordNo: `LD-20261123-A07-000${lead.length}`, at: at(23), manual: false, reason: '', addedBy: '' };
    s.sample[agent] = sampleIdOf(MONTH, u.id);
    s.review[agent] = reviewIdOf(MONTH, 'call', call);
    s.finding[agent] = uuidv7();
    const ref = { month: MONTH, recordKind: 'call', recordId: call, recordNo: item.recordNo, agentId: u.id, agentName: u.displayName };
    lead.push(
      mut(lead.length + 1, 'qa.draw', { id: s.sample[agent], month: MONTH, agentId: u.id, agentName: u.displayName, seed: `${MONTH}/测试`, ratePercent: 10, population: 10, items: [item], at: at(30, 3) }),
      mut(lead.length + 2, 'qa.review', {
        id: s.review[agent], ...ref, scorecardId: SCORECARD, scorecardVersion: 1, items: ITEMS, comment: '',
        scores: [{ itemId: 'greeting', points: 30, failed: false, comment: '未报工号' }, { itemId: 'correct', points: 60, failed: false, comment: '' }, { itemId: 'red_leak', points: 0, failed: false, comment: '' }],
        at: at(30, 4),
      }),
      mut(lead.length + 3, 'finding.create', { id: s.finding[agent], reviewId: s.review[agent], ...ref, itemId: 'greeting', text: `${u.displayName}开场未报工号`, fatal: false, at: at(30, 5) }),
    );
  }
  expect(acked(await c.push('lead', uuidv7(), lead, 'L01')).filter((a) => a !== 'applied')).toEqual([]);
  for (const [agent, ws] of [['agent1', 'A07'], ['agent2', 'B02']] as const) {
    const u = USERS[agent];
    s.attendance[agent] = attendanceIdOf(u.id, '2026-11-23');
    s.leave[agent] = uuidv7();
    const r = await c.push(agent, uuidv7(), [
      mut(1, 'attendance.signIn', { id: s.attendance[agent], day: '2026-11-23', shift: DAY_SHIFT, workstation: ws, note: '', at: '2026-11-23T00:40:00.000Z' }),
      mut(2, 'leave.request', { id: s.leave[agent], type: 'personal', fromDay: '2026-11-26', toDay: '2026-11-27', reason: `${u.displayName}家中有事`, at: at(24) }),
    ], ws);
    expect(acked(r)).toEqual(['applied', 'applied']);
  }
  return s;
}

// biome-ignore lint/suspicious/noExplicitAny: pulled rows are arbitrary JSON
async function pullWith(c: HubClient, token: string, limit = 500): Promise<{ rows: any[]; cursor: number }> {
  const rows = [];
  let cursor = 0;
  for (;;) {
    const r = await c.call('GET', `/sync/pull?cursor=${cursor}&limit=${limit}`, { token });
    expect(r.status).toBe(200);
    rows.push(...r.json.changes);
    cursor = r.json.cursor;
    if (!r.json.hasMore) return { rows, cursor };
  }
}
const pullAs = async (c: HubClient, who: Who, limit?: number) => pullWith(c, await c.as(who), limit);

const PERSONAL = ['qa_sample', 'qa_review', 'qa_finding', 'attendance', 'leave'];
/** The personal records and their history in what a workstation received, as `entity:id`. */
// biome-ignore lint/suspicious/noExplicitAny: pulled rows are arbitrary JSON
function personal(rows: any[]): { records: string[]; history: string[] } {
  return {
    records: rows.filter((r) => PERSONAL.includes(r.entity)).map((r) => `${r.entity}:${r.id}`).sort(),
    history: [...new Set(rows.filter((r) => r.entity === 'history' && PERSONAL.includes(r.data.entity)).map((r) => `${r.data.entity}:${r.data.entityId}`))].sort(),
  };
}
const keysOf = (s: Seeded, agents: Agent[], withSample: boolean) =>
  agents
    .flatMap((a) => [
      ...(withSample ? [`qa_sample:${s.sample[a]}`] : []),
      `qa_review:${s.review[a]}`,
      `qa_finding:${s.finding[a]}`,
      `attendance:${s.attendance[a]}`,
      `leave:${s.leave[a]}`,
    ])
    .sort();

export function qualityMinimiseSuite(factory: HubFactory): void {
  describe('personal records on the pull', () => {
    const h = useHub(factory);

    it("an agent's workstation gets that agent's reviews, findings, attendance and leave with their history, nobody else's, and no sample", async () => {
      const c = h();
      const s = await seed(c);
      const { rows } = await pullAs(c, 'agent2');
      expect(personal(rows)).toEqual({ records: keysOf(s, ['agent2'], false), history: keysOf(s, ['agent2'], false) });
      // The scorecard is everybody's.
      expect(rows.some((r) => r.entity === 'scorecard' && r.id === SCORECARD)).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(`${USERS.agent1.displayName}家中有事`);
      expect(JSON.stringify(rows)).not.toContain(`${USERS.agent1.displayName}开场未报工号`);
    });

    it("a lead's and an inspector's workstations get every agent's records and samples; an administrator's none of them", async () => {
      const c = h();
      const s = await seed(c);
      const all = keysOf(s, ['agent1', 'agent2'], true);
      expect(personal((await pullAs(c, 'lead')).rows)).toEqual({ records: all, history: all });
      expect(personal((await pullWith(c, await inspector(c))).rows)).toEqual({ records: all, history: all });
      await c.login('admin', 'M01');
      const admin = await pullAs(c, 'admin');
      expect(personal(admin.rows)).toEqual({ records: [], history: [] });
      expect(admin.rows.some((r) => r.entity === 'scorecard')).toBe(true);
    });

    it('the cursor passes the rows left out: paged, the last page ends at the head with nothing more', async () => {
      const c = h();
      const s = await seed(c);
      const head = await c.hub.store.read((tx) => tx.maxSeq());
      // Pages of 3 rows, most of them all left out for B02: the pull still walks to the head.
      const { rows, cursor } = await pullAs(c, 'agent2', 3);
      expect(cursor).toBe(head);
      expect(personal(rows).records).toEqual(keysOf(s, ['agent2'], false));
      const tail = await c.pull('agent2', cursor);
      expect(tail.json).toMatchObject({ changes: [], cursor: head, hasMore: false });
    });

    it('a lead logging in at an agent\'s workstation widens it to the team from then on', async () => {
      const c = h();
      const s = await seed(c);
      expect(personal((await pullAs(c, 'agent2')).rows).records).toEqual(keysOf(s, ['agent2'], false));
      expect((await c.call('POST', '/auth/login', { body: { username: USERS.lead.username, password: PASSWORD, workstation: 'B02' } })).status).toBe(200);
      expect(personal((await pullAs(c, 'agent2')).rows).records).toEqual(keysOf(s, ['agent1', 'agent2'], true));
    });

    it("a stale push to a colleague's finding is answered without the finding; to one's own, with it", async () => {
      const c = h();
      const s = await seed(c);
      const report = (id: string) => mut(1, 'finding.report', { id, report: '已整改', at: at(30, 6) }, { version: 2, status: 'reported' });
      const other = await c.push('agent2', uuidv7(), [report(s.finding.agent1)], 'B02');
      expect(other.json.acks[0].status).toBe('conflict');
      expect(other.json.acks[0]).not.toHaveProperty('serverState');
      expect(other.json.acks[0]).not.toHaveProperty('by');
      expect(other.json.acks[0].reason).toMatch(/status/);
      expect(JSON.stringify(other.json)).not.toContain('开场未报工号');
      const own = await c.push('agent2', uuidv7(), [report(s.finding.agent2)], 'B02');
      expect(own.json.acks[0]).toMatchObject({ status: 'conflict', serverState: { id: s.finding.agent2, status: 'open', agentId: USERS.agent2.id } });
      expect(own.json.acks[0].by).toMatchObject({ displayName: USERS.lead.displayName });
    });
  });
}
