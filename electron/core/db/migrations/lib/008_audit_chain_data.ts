import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * FROZEN: the data step of migration 008, as it ran when released: the rows of the old audit log (one per
 * record shown) become rows of the new format, chained in the order they were written, with the canonical
 * form and hash of `shared/node/auditChain.ts` as it was then, written out here. Never edit it.
 */

const GENESIS = '0'.repeat(64);

interface OldRow {
  id: string;
  at: string;
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  detail: string;
}

export function chainOldAuditRows008(db: Database.Database): void {
  const workstation = (db.prepare("SELECT value FROM meta WHERE key = 'workstation'").get() as { value: string } | undefined)?.value ?? '';
  const old = db
    .prepare(
      `SELECT a.id, a.at, a.actor_id, u.display_name AS actor_name, u.role AS actor_role, a.action, a.entity, a.entity_id, a.detail
       FROM audit_log_007 a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.at, a.id`,
    )
    .iterate() as IterableIterator<OldRow>;
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, id, workstation, at, actor_id, actor_name, actor_role, action, entity, record_ids, count, customer_ids, detail, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  let prev = GENESIS;
  let seq = 0;
  const rows: OldRow[] = [...old];
  for (const r of rows) {
    seq++;
    const recordIds = [r.entity_id];
    const customerIds = r.entity === 'customer' ? [r.entity_id] : [];
    const canonical = JSON.stringify([
      'audit/1',
      workstation,
      seq,
      r.id,
      r.at,
      r.actor_id,
      r.actor_name ?? '',
      r.actor_role ?? '',
      r.action,
      r.entity,
      recordIds,
      1,
      customerIds,
      r.detail,
    ]);
    const hash = createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
    insert.run(seq, r.id, workstation, r.at, r.actor_id, r.actor_name ?? '', r.actor_role ?? '', r.action, r.entity, JSON.stringify(recordIds), JSON.stringify(customerIds), r.detail, prev, hash);
    prev = hash;
  }
}
