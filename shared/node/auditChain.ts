import { createHash } from 'node:crypto';
import { AUDIT_GENESIS, type AuditBreakKind, type AuditChainStatus, type AuditRow } from '../sync/audit';

/*
 * The audit chain, computed the same way by the console (when it writes and verifies its rows) and by the
 * hub (when it receives and verifies them). Changing the canonical form breaks every stored chain: it is
 * versioned by its first element.
 */

type Hashed = Omit<AuditRow, 'hash' | 'prevHash'>;

/** The row as one string: a JSON array in fixed order, so key order or spacing cannot change a hash. */
export function canonicalAuditRow(r: Hashed): string {
  return JSON.stringify([
    'audit/1',
    r.workstation,
    r.seq,
    r.id,
    r.at,
    r.actorId,
    r.actorName,
    r.actorRole,
    r.action,
    r.entity,
    r.recordIds,
    r.count,
    r.customerIds,
    r.detail,
  ]);
}

export function auditHash(r: Hashed, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalAuditRow(r)).digest('hex');
}

export interface ChainBreak {
  seq: number;
  kind: AuditBreakKind;
  detail: string;
}

/**
 * Checks one row against the row before it (null: none before it). Seq continuity, the link to the
 * previous hash, and the row's own hash recomputed from its content.
 */
export function checkLink(prev: Pick<AuditRow, 'seq' | 'hash'> | null, row: AuditRow): ChainBreak[] {
  const out: ChainBreak[] = [];
  const expectedSeq = prev ? prev.seq + 1 : 1;
  if (row.seq !== expectedSeq) out.push({ seq: row.seq, kind: 'gap', detail: `seq ${row.seq} follows ${prev ? prev.seq : 'nothing'}` });
  const expectedPrev = prev ? prev.hash : AUDIT_GENESIS;
  // After a gap the link cannot hold either; the gap says it all.
  if (row.seq === expectedSeq && row.prevHash !== expectedPrev) out.push({ seq: row.seq, kind: 'prev_hash', detail: 'does not link to the row before it' });
  if (auditHash(row, row.prevHash) !== row.hash) out.push({ seq: row.seq, kind: 'hash', detail: 'content does not match its hash (edited)' });
  return out;
}

/** Verifies one workstation's rows in seq order. */
export function verifyChain(workstation: string, rows: Iterable<AuditRow>): AuditChainStatus {
  let prev: AuditRow | null = null;
  let n = 0;
  const breaks: ChainBreak[] = [];
  for (const row of rows) {
    n++;
    breaks.push(...checkLink(prev, row));
    prev = row;
  }
  return { workstation, rows: n, headSeq: prev?.seq ?? 0, ok: breaks.length === 0, brokenAt: breaks[0]?.seq ?? null, breaks: breaks.slice(0, 50) };
}
