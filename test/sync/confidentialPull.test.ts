import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { ORG, openTestConsole, PASSWORD, seededConsole, type TestConsole, TestClock, tmpDir } from '../helpers/core';
import { type HubProcess, startHubProcess, TEST_SETUP_CODE } from '../helpers/hub';
import { newStoreKey, openStoreWithKey, storeFile } from '../helpers/storeKey';

// Data minimised per workstation (docs/sync.md): agent1 on A07 keeps a confidential call and complaint;
// after a sync, the stores of B02 (encrypted, agent2 and the lead work there) and C03 (plaintext, so its
// bytes say what was sent) hold them without their hidden fields. The lead gets them in full from the hub.

const SECRET = '样品甲醛超标三倍客户要求保密';
const PROBLEM = '对检验结论有异议涉及召回';
const PHONE = '13912340077';
const ADDRESS = '杭州市西湖区文三路九十号';
const LATER = '先公开后保密的通话内容';

let hub: HubProcess;
let a: TestConsole;
let b: TestConsole;
let c: TestConsole;
const bKey = newStoreKey();
let callId = '';
let complaintId = '';
let laterId = '';

async function sync(...consoles: TestConsole[]) {
  for (const x of consoles) {
    const s = await x.ok('sync.now', {});
    expect(s.error, 'sync error').toBeNull();
  }
}

async function joined(workstation: string, admin: string, key?: Uint8Array): Promise<TestConsole> {
  const x = openTestConsole(tmpDir(), new TestClock(), key ? { key } : {});
  x.core.sync.stop();
  await x.ok('setup.initialize', { ...ORG, workstation, admin: { username: admin, displayName: `${workstation} 管理员`, password: PASSWORD } });
  await x.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD });
  x.core.sync.stop();
  return x;
}

/** Every value of every table of a store, as text (blobs as hex), to search for what must not be there. */
function everyValue(db: Database.Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[];
  const out: string[] = [];
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
      for (const v of Object.values(row)) out.push(Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
    }
  }
  return out.join('\n');
}

function ftsHits(db: Database.Database, table: string, phrase: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(`"${phrase}"`) as { n: number }).n;
}

/** The store file and its WAL, as bytes. */
const rawBytes = (dir: string) =>
  Buffer.concat([storeFile(dir), `${storeFile(dir)}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));

function expectNothingHidden(db: Database.Database) {
  const all = everyValue(db);
  for (const s of [SECRET, PROBLEM, PHONE, ADDRESS, LATER]) expect(all, s).not.toContain(s);
  for (const [table, phrase] of [
    ['calls_fts', '甲醛超标'],
    ['calls_fts', '12340077'],
    ['calls_fts', '文三路'],
    ['complaints_fts', '涉及召回'],
    ['complaints_fts', '12340077'],
    ['calls_fts', '后保密'],
  ] as const) {
    expect(ftsHits(db, table, phrase), `${table} ${phrase}`).toBe(0);
  }
}

beforeAll(async () => {
  hub = await startHubProcess();
  a = await seededConsole();
  a.core.sync.stop();
  await a.ok('sync.join', { hubUrl: hub.url, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
  a.core.sync.stop();
  b = await joined('B02', 'badmin', bKey);
  c = await joined('C03', 'cadmin');
  await b.login('agent2', PASSWORD);
  await c.login('officer', PASSWORD);

  await a.login('agent1', PASSWORD);
  const rec = await a.ok('calls.answer', { phone: PHONE });
  callId = rec.id;
  await a.ok('calls.save', {
    id: rec.id,
    fields: { callerName: '王先生', category: 'complaint', content: SECRET, address: ADDRESS, suggestions: '建议复检', confidential: true },
    end: true,
  });
  const complaint = await a.ok('complaints.register', {
    callId,
    channel: 'phone',
    complainant: '王先生',
    phone: PHONE,
    problem: PROBLEM,
    type: 'result_doubt',
    severity: 'general',
  });
  complaintId = complaint.id;
  expect(complaint.confidential).toBe(true);
  // A call that reaches the others in full, and only later becomes confidential.
  const later = await a.ok('calls.answer', { phone: '0571-86001234' });
  laterId = later.id;
  await a.ok('calls.save', { id: laterId, fields: { callerName: '李女士', category: 'query', content: LATER }, end: true });
  await sync(a, b, c);
  expect((await b.ok('calls.get', { id: laterId })).record.content).toBe(LATER);
  await a.ok('calls.save', { id: laterId, fields: { confidential: true } });
  await sync(a, b, c);
}, 120_000);

afterAll(async () => {
  a?.close();
  b?.close();
  c?.close();
  await hub?.stop();
});

describe("an agent's workstation after a sync", () => {
  it('holds the confidential call and complaint of another agent without their hidden fields, in no table and no search index', () => {
    for (const x of [b, c]) {
      const db = x === b ? openStoreWithKey(b.dir, bKey) : openDatabase(c.dir, { readonly: true });
      try {
        const call = db.prepare('SELECT * FROM call_records WHERE id = ?').get(callId) as Record<string, unknown>;
        expect(call).toMatchObject({ confidential: 1, caller_name: '王先生', content: '', address: '', suggestions: '', phone: '139****0077', phone_normalized: '' });
        const complaint = db.prepare('SELECT * FROM complaints WHERE id = ?').get(complaintId) as Record<string, unknown>;
        expect(complaint).toMatchObject({ confidential: 1, complainant: '王先生', problem: '', phone_normalized: '' });
        expect((db.prepare('SELECT content FROM call_records WHERE id = ?').get(laterId) as { content: string }).content).toBe('');
        // The history of the call is there, without what the call hides.
        expect((db.prepare("SELECT count(*) AS n FROM history WHERE entity_id = ?").get(callId) as { n: number }).n).toBeGreaterThanOrEqual(2);
        expectNothingHidden(db);
      } finally {
        db.close();
      }
    }
  });

  it('its raw bytes hold none of it: plaintext C03 by minimisation, B02 also because it is encrypted', () => {
    // The control: the owner's workstation (plaintext here) does hold them, so the search would find them.
    const own = rawBytes(a.dir);
    expect(own.includes(Buffer.from(SECRET))).toBe(true);
    for (const x of [b, c]) {
      const bytes = rawBytes(x.dir);
      for (const s of [SECRET, PROBLEM, PHONE, ADDRESS, LATER]) expect(bytes.includes(Buffer.from(s)), `${x.dir} ${s}`).toBe(false);
    }
    expect(fs.readFileSync(storeFile(b.dir)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('shows the agent of that workstation the partial copy, with nothing to fetch', async () => {
    const d = await b.ok('calls.get', { id: callId });
    expect(d.record.content).toBe('');
    expect(d.hubCopy).toBeUndefined();
  });
});

describe('a team lead on that workstation', () => {
  it('opens the call and the complaint in full from the hub, audited, and the store still holds the partial copy', async () => {
    await b.login('lead', PASSWORD);
    const d = await b.ok('calls.get', { id: callId });
    expect(d.hubCopy).toBe('fetched');
    expect(d.record).toMatchObject({ content: SECRET, address: ADDRESS, phone: PHONE });
    expect(JSON.stringify(d.history)).toContain(SECRET);
    const k = await b.ok('complaints.get', { id: complaintId });
    expect(k.hubCopy).toBe('fetched');
    expect(k.complaint.problem).toBe(PROBLEM);
    await sync(b);
    const db = openStoreWithKey(b.dir, bKey);
    try {
      // One audit row per read, saying where the record came from (the row's other columns are the audit chain's).
      const audit = db.prepare("SELECT * FROM audit_log WHERE action = 'view' AND detail = 'fetched from hub' ORDER BY rowid").all() as Record<string, unknown>[];
      expect(audit.map((r) => r.entity)).toEqual(['call', 'complaint']);
      expect(JSON.stringify(audit[0])).toContain(callId);
      expect(JSON.stringify(audit[1])).toContain(complaintId);
      expect(JSON.stringify(audit)).not.toContain(SECRET);
      expectNothingHidden(db);
    } finally {
      db.close();
    }
    expect(rawBytes(b.dir).includes(Buffer.from(SECRET))).toBe(false);
  });

  it('offline, sees the partial copy and is told why', async () => {
    await hub.stop();
    try {
      const d = await b.ok('calls.get', { id: callId });
      expect(d.hubCopy).toBe('unavailable');
      expect(d.record.content).toBe('');
      const k = await b.ok('complaints.get', { id: complaintId });
      expect(k.hubCopy).toBe('unavailable');
      expect(k.complaint.problem).toBe('');
    } finally {
      await hub.restart();
    }
  });
});

describe('a workstation that synced before the hub minimised its pull', () => {
  it('pulls once more from 0, and the record it held in full becomes partial', async () => {
    const db = c.core.context.db;
    // As an earlier hub left it: the call in full, no partial note, never pulled from a minimising hub.
    db.prepare('UPDATE call_records SET content = ? WHERE id = ?').run(SECRET, callId);
    db.prepare("DELETE FROM meta WHERE key IN ('sync_minimised', ?)").run(`partial:call:${callId}`);
    await sync(c);
    expect((db.prepare('SELECT content FROM call_records WHERE id = ?').get(callId) as { content: string }).content).toBe('');
    expect(db.prepare("SELECT value FROM meta WHERE key = 'sync_minimised'").get()).toEqual({ value: '1' });
    expect(db.prepare('SELECT 1 AS y FROM meta WHERE key = ?').get(`partial:call:${callId}`)).toEqual({ y: 1 });
    expect(rawBytes(c.dir).includes(Buffer.from(SECRET))).toBe(false);
  });
});

describe('when the call’s agent logs in at that workstation', () => {
  it('the next sync pulls again from 0 and brings their confidential records in full', async () => {
    await c.login('agent1', PASSWORD);
    await sync(c);
    const db = openDatabase(c.dir, { readonly: true });
    try {
      expect((db.prepare('SELECT content FROM call_records WHERE id = ?').get(callId) as { content: string }).content).toBe(SECRET);
      expect((db.prepare('SELECT problem FROM complaints WHERE id = ?').get(complaintId) as { problem: string }).problem).toBe(PROBLEM);
      expect((db.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'partial:%'").get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
    // No longer partial: nothing to fetch, the stored copy is shown.
    const d = await c.ok('calls.get', { id: callId });
    expect(d.hubCopy).toBeUndefined();
    expect(d.record.content).toBe(SECRET);
  });
});
