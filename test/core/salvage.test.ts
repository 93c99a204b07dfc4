import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { salvageStore, writeSalvage } from '../../electron/core/store/salvage';
import { openEncryptedSqlite } from '../../shared/node/encryptedSqlite';
import { openTestConsole, ORG, PASSWORD, type TestConsole, tmpDir } from '../helpers/core';
import { newStoreKey, storeFile } from '../helpers/storeKey';

/**
 * What a re-sync reads from a damaged store (store/salvage.ts) when the damage is in the outbox itself:
 * the scan is retried row by row, rows on the damaged page are skipped and counted, the rest kept, and
 * the clients' counters still come out. test/sync/resyncDamaged.test.ts has the whole re-sync.
 */

const open: TestConsole[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function leafPagesOf(dir: string, key: Buffer, table: string): number[] {
  const db = openEncryptedSqlite(storeFile(dir), { key, readonly: true });
  try {
    return db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[];
  } finally {
    db.close();
  }
}

describe('salvaging a damaged store', () => {
  it('skips and counts the outbox rows of a damaged page, keeps the others and every client counter', async () => {
    const dir = tmpDir();
    const key = newStoreKey();
    const c = openTestConsole(dir, undefined, { key });
    open.push(c);
    await c.ok('setup.initialize', { ...ORG, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
    await c.ok('users.create', { username: 'agent1', displayName: '李晓梅', role: 'agent', password: PASSWORD });
    await c.login('agent1', PASSWORD);
    for (let i = 0; i < 120; i++)
      await c.ok('customers.create', { name: `客户${i}`, organisation: '宏达纺织', address: '杭州市', phones: [`1380013${String(i).padStart(4, '0')}`], serviceRequirements: '', notes: '备注'.repeat(60) });
    const db0 = c.core.context.db;
    const pending = (db0.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
    const maxId = (db0.prepare('SELECT max(mutation_id) AS n FROM outbox o JOIN sync_clients s USING (client_id) JOIN users u ON u.id = s.user_id WHERE u.username = ?').get('agent1') as { n: number }).n;
    c.close();
    open.pop();

    const leaves = leafPagesOf(dir, key, 'outbox');
    expect(leaves.length).toBeGreaterThan(4);
    const bytes = fs.readFileSync(storeFile(dir));
    const at = (leaves[Math.floor(leaves.length / 2)]! - 1) * 4096 + 1024;
    for (let i = at; i < at + 64; i++) bytes[i] = bytes[i]! ^ 0xff;
    fs.writeFileSync(storeFile(dir), bytes);

    const damaged = openDatabase(dir, { key, readonly: true });
    const s = salvageStore(damaged);
    damaged.close();
    expect(s.unreadable).toBeGreaterThan(0);
    expect(s.unreadableTables).toEqual([]);
    expect(s.pending).toBeLessThan(pending);
    expect(s.pending + s.unreadable).toBeGreaterThanOrEqual(pending);
    expect(s.meta.get('workstation')).toBe('A07');
    expect(s.tables.find((t) => t.table === 'users')!.rows).toHaveLength(2);
    const agentCounter = [...s.counters.values()].find((x) => x.last > 1);
    expect(agentCounter?.last).toBeLessThanOrEqual(maxId);

    // Into a fresh store: the readable entries as they were, a placeholder at each counter.
    const fresh = openDatabase(tmpDir(), { key });
    try {
      fresh.transaction(() => writeSalvage(fresh, s, '2026-11-22T02:00:00.000Z'))();
      expect((fresh.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n).toBe(s.pending);
      for (const [clientId, counter] of s.counters)
        expect((fresh.prepare('SELECT max(mutation_id) AS n FROM outbox WHERE client_id = ?').get(clientId) as { n: number }).n).toBe(counter.last);
      expect(fresh.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      fresh.close();
    }
  }, 60_000);

  it('reads nothing from a stand-in with no tables, and says so', () => {
    const db = new Database(':memory:');
    try {
      const s = salvageStore(db);
      expect(s.meta.size).toBe(0);
      expect(s.pending).toBe(0);
      expect(s.unreadableTables).toContain('outbox');
    } finally {
      db.close();
    }
  });
});
