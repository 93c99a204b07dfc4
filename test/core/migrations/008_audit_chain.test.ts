import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { auditHash } from '../../../shared/node/auditChain';
import { AUDIT_GENESIS, type AuditRow } from '../../../shared/sync/audit';
import { columns, indexColumns, insertUser, schemaNames, storeAt, userVersion } from './fixture';

let db: Database.Database;
afterEach(() => db?.close());

/** A version-7 store with audit rows as versions 1–7 wrote them: one per record shown, no chain. */
function auditAtVersion7(): Database.Database {
  const s = storeAt(7);
  s.prepare("INSERT INTO meta (key, value) VALUES ('workstation', 'A07')").run();
  insertUser(s, 'u-agent', 'wangfang', '王芳');
  insertUser(s, 'u-lead', 'zhang', '张组长', 'team_lead');
  const add = s.prepare('INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
  add.run('0193a000-0000-7000-8000-000000000002', '2026-11-22T02:00:01.000Z', 'u-agent', 'view', 'customer', 'cus-2', 'screen pop');
  add.run('0193a000-0000-7000-8000-000000000001', '2026-11-22T02:00:01.000Z', 'u-agent', 'view', 'customer', 'cus-1', 'screen pop');
  add.run('0193a000-0000-7000-8000-000000000003', '2026-11-22T03:00:00.000Z', 'u-lead', 'export', 'tracking_sheet', '客户投诉及处理跟踪表-202611221100.xlsx', '{"format":"xlsx","rows":4}');
  add.run('0193a000-0000-7000-8000-000000000004', '2026-11-22T04:00:00.000Z', 'u-gone', 'view', 'customer', 'cus-1', '');
  return s;
}

const read = (s: Database.Database): AuditRow[] =>
  (s.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, string>[]).map((r) => ({
    workstation: r.workstation!,
    seq: Number(r.seq),
    id: r.id!,
    at: r.at!,
    actorId: r.actor_id!,
    actorName: r.actor_name!,
    actorRole: r.actor_role!,
    action: r.action!,
    entity: r.entity!,
    recordIds: JSON.parse(r.record_ids!),
    count: Number(r.count),
    customerIds: JSON.parse(r.customer_ids!),
    detail: r.detail!,
    prevHash: r.prev_hash!,
    hash: r.hash!,
  }));

describe('migration 008 (audit chain) on a version-7 store', () => {
  it('rebuilds the audit log as chained rows per request, keeping every old row in the order written', () => {
    db = auditAtVersion7();
    expect(migrate(db, 8)).toBe(8);
    expect(userVersion(db)).toBe(8);
    expect(columns(db, 'audit_log')).toEqual([
      'seq',
      'id',
      'workstation',
      'at',
      'actor_id',
      'actor_name',
      'actor_role',
      'action',
      'entity',
      'record_ids',
      'count',
      'customer_ids',
      'detail',
      'prev_hash',
      'hash',
    ]);
    expect(indexColumns(db, 'audit_log_at')).toEqual(['at']);
    expect(indexColumns(db, 'audit_log_actor')).toEqual(['actor_id', 'at']);
    expect(schemaNames(db, 'trigger')).toEqual(expect.arrayContaining(['audit_log_no_delete', 'audit_log_no_update']));
    expect(schemaNames(db, 'table')).not.toContain('audit_log_007');

    const rows = read(db);
    expect(rows.map((r) => [r.seq, r.id.slice(-1), r.actorName, r.actorRole, r.recordIds, r.customerIds, r.count])).toEqual([
      [1, '1', '王芳', 'agent', ['cus-1'], ['cus-1'], 1],
      [2, '2', '王芳', 'agent', ['cus-2'], ['cus-2'], 1],
      [3, '3', '张组长', 'team_lead', ['客户投诉及处理跟踪表-202611221100.xlsx'], [], 1],
      [4, '4', '', '', ['cus-1'], ['cus-1'], 1],
    ]);
    expect(rows.every((r) => r.workstation === 'A07')).toBe(true);
    expect(rows[2]!.detail).toBe('{"format":"xlsx","rows":4}');
    // Chained exactly as the live code chains: the hub verifies these rows with shared/node/auditChain.ts.
    rows.forEach((r, i) => {
      expect(r.prevHash).toBe(i ? rows[i - 1]!.hash : AUDIT_GENESIS);
      expect(r.hash).toBe(auditHash(r, r.prevHash));
    });
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('migrates an empty audit log, and new rows start at seq 1', () => {
    db = storeAt(7);
    expect(migrate(db, 8)).toBe(8);
    expect(read(db)).toEqual([]);
  });
});
