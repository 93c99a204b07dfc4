import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceIdOf } from '../../shared/domain/attendance';
import { reviewIdOf, sampleIdOf } from '../../shared/domain/quality';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';

// The hub judges QA and attendance pushes by the token's user (docs/sync.md, "Push"): an agent cannot close
// their own finding, answer a colleague's, sign a colleague in or decide leave, whatever the args say.
// Real HTTP pushes to a real hub process, which a workstation set up and joined.

let hub: HubProcess;
let a: TestConsole;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

// biome-ignore lint/suspicious/noExplicitAny: hub answers are arbitrary JSON
async function http(method: string, url: string, token: string | null, body?: unknown): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(hub.url + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function login(username: string, workstation: string): Promise<void> {
  const r = await http('POST', '/auth/login', null, { username, password: PASSWORD, workstation });
  expect(r.status).toBe(200);
  tokens[username] = r.json.token;
  ids[username] = r.json.user.id;
}

const mut = (id: number, name: string, args: unknown, base: Record<string, unknown> | null = null) => ({ id, name, args, base });
const push = async (username: string, workstation: string, mutations: unknown[]) => {
  const r = await http('POST', '/sync/push', tokens[username]!, { clientId: uuidv7(), workstation, mutations, sentAt: new Date().toISOString() });
  expect(r.status).toBe(200);
  return r.json.acks as { id: number; status: string; reason?: string }[];
};

/** Every row the lead's workstation holds, and the head: what "nothing changed on the hub" is checked against. */
async function hubState(): Promise<{ head: number; rows: Map<string, unknown> }> {
  const rows = new Map<string, unknown>();
  let cursor = 0;
  for (;;) {
    const r = await http('GET', `/sync/pull?cursor=${cursor}&limit=1000`, tokens.lead!);
    expect(r.status).toBe(200);
    for (const c of r.json.changes) rows.set(`${c.entity}:${c.id}`, c.data);
    cursor = r.json.cursor;
    if (!r.json.hasMore) return { head: cursor, rows };
  }
}

const now = () => new Date().toISOString();
const finding = (id: string, agent: string) => ({
  id,
  reviewId: reviewIdOf('2026-11', 'call', ids[`call:${agent}`]!),
  month: '2026-11',
  recordKind: 'call',
  recordId: ids[`call:${agent}`]!,
  recordNo: 'LD-20261123-A07-0001',
  agentId: ids[agent]!,
  agentName: agent,
  itemId: 'greeting',
  text: '开场未报工号',
  fatal: false,
  at: now(),
});

beforeAll(async () => {
  hub = await startHubProcess();
  a = await seededConsole();
  a.core.sync.stop();
  await a.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
  a.core.sync.stop();
  await login('lead', 'L01');
  await login('agent1', 'A07');
  await login('agent2', 'B02');
  for (const agent of ['agent1', 'agent2']) ids[`call:${agent}`] = uuidv7();
  ids.f1 = uuidv7();
  ids.f2 = uuidv7();
  ids.leave2 = uuidv7();
  // The lead records a finding on each agent; agent2 asks for leave; agent1 reports on their finding.
  expect(await push('lead', 'L01', [mut(1, 'finding.create', finding(ids.f1, 'agent1')), mut(2, 'finding.create', finding(ids.f2, 'agent2'))])).toMatchObject([
    { status: 'applied' },
    { status: 'applied' },
  ]);
  expect(await push('agent2', 'B02', [mut(1, 'leave.request', { id: ids.leave2, type: 'sick', fromDay: '2026-12-10', toDay: '2026-12-11', reason: '发烧', at: now() })])).toMatchObject([
    { status: 'applied' },
  ]);
  expect(await push('agent1', 'A07', [mut(1, 'finding.report', { id: ids.f1, report: '已学习开场规范', at: now() }, { version: 1, status: 'open' })])).toMatchObject([
    { status: 'applied' },
  ]);
}, 90_000);

afterAll(async () => {
  a?.close();
  await hub?.stop();
});

describe("an agent's push of what only a lead or the record's own person may do", () => {
  it('is rejected mutation by mutation, each with its reason, and changes nothing on the hub', async () => {
    const before = await hubState();
    expect(before.rows.get(`qa_finding:${ids.f1}`)).toMatchObject({ status: 'reported' });
    const day = '2026-12-08';
    const acks = await push('agent1', 'A07', [
      // Closing their own finding: only a QA role decides findings.
      mut(1, 'finding.decide', { id: ids.f1, decision: 'approve', reason: '', at: now() }, { version: 2, status: 'reported' }),
      // A colleague's finding: the roles allow a report, the finding's ownership does not.
      mut(2, 'finding.report', { id: ids.f2, report: '替同事写的整改报告', at: now() }, { version: 1, status: 'open' }),
      mut(3, 'finding.appeal', { id: ids.f2, reason: '替同事申诉', at: now() }, { version: 1, status: 'open' }),
      // Signing a colleague in: the id derives from the user and the day, and the user is the token's.
      mut(4, 'attendance.signIn', {
        id: attendanceIdOf(ids.agent2!, day),
        day,
        shift: { id: 'day', name: '白班', start: '08:30', end: '17:30', graceMinutes: 5 },
        workstation: 'A07',
        note: '',
        at: '2026-12-08T00:30:00.000Z',
      }),
      // Deciding leave: team leads only.
      mut(5, 'leave.decide', { id: ids.leave2, approve: true, reason: '', at: now() }, { version: 1, status: 'requested' }),
      // Drawing a sample: QA roles only.
      mut(6, 'qa.draw', {
        id: sampleIdOf('2026-11', ids.agent1!), month: '2026-11', agentId: ids.agent1!, agentName: '李晓梅', seed: 'x', ratePercent: 100, population: 0, items: [], at: now(),
      }),
    ]);
    expect(acks.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(acks[0]!.reason).toMatch(/role agent may not run finding\.decide/);
    expect(acks[1]!.reason).toMatch(/only the agent the finding is about/);
    expect(acks[2]!.reason).toMatch(/only the agent the finding is about/);
    expect(acks[3]!.reason).toMatch(/attendance id does not match the user and day/);
    expect(acks[4]!.reason).toMatch(/role agent may not run leave\.decide/);
    expect(acks[5]!.reason).toMatch(/role agent may not run qa\.draw/);
    const after = await hubState();
    expect(after.head).toBe(before.head);
    expect(after.rows).toEqual(before.rows);
    expect(after.rows.get(`qa_finding:${ids.f2}`)).toMatchObject({ status: 'open', report: '', appeal: '' });
    expect(after.rows.get(`leave:${ids.leave2}`)).toMatchObject({ status: 'requested', decidedBy: '' });
    expect(after.rows.has(`attendance:${attendanceIdOf(ids.agent2!, day)}`)).toBe(false);
    expect(after.rows.has(`qa_sample:${sampleIdOf('2026-11', ids.agent1!)}`)).toBe(false);
  });

  it('the same decisions by the lead apply', async () => {
    const acks = await push('lead', 'L01', [
      mut(1, 'finding.decide', { id: ids.f1, decision: 'approve', reason: '', at: now() }, { version: 2, status: 'reported' }),
      mut(2, 'leave.decide', { id: ids.leave2, approve: true, reason: '', at: now() }, { version: 1, status: 'requested' }),
    ]);
    expect(acks.map((x) => x.status)).toEqual(['applied', 'applied']);
    const { rows } = await hubState();
    expect(rows.get(`qa_finding:${ids.f1}`)).toMatchObject({ status: 'closed', decidedBy: '张组长' });
    expect(rows.get(`leave:${ids.leave2}`)).toMatchObject({ status: 'approved', decidedBy: '张组长' });
  });
});
