import type Database from 'better-sqlite3-multiple-ciphers';
import { localDay, startOfLocalDay } from '../../../shared/domain/calendar';
import type { QaRecordKind, QaSample } from '../../../shared/domain/quality';
import { stmt } from './stmt';
import { qaSamplesTable } from './tables';

/**
 * QA sampling's reads: the month's service records a draw picks from, and the samples themselves.
 * The population query is the draw's hot path (a month of a 1M-call store is about 83k calls), so it
 * reads only the few columns a sample item needs, through the time indexes, in one statement per kind.
 */

/** A service record as a sample item and its agent: who served, what it is numbered, when. */
export interface ServiceRecord {
  kind: QaRecordKind;
  recordId: string;
  recordNo: string;
  at: string;
  agentId: string;
  agentName: string;
}

/** The month's bounds as instants: Beijing midnight on the 1st to Beijing midnight on the next 1st. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: startOfLocalDay(`${month}-01`), to: startOfLocalDay(`${next}-01`) };
}

/** A month has ended when the current Beijing month is later: only such a month's population is final. */
export function monthEnded(month: string, now: Date): boolean {
  return month < localDay(now.toISOString()).slice(0, 7);
}

// One statement per kind, each on its time index: calls by answered_at (call_records_answered), complaints
// by received_at (complaints_received), callbacks by status then done time (callbacks_status_due narrows to
// done ones). Voided records are no service to judge; a record without an agent has nobody to sample.
const POPULATION: Record<QaRecordKind, string> = {
  call: `SELECT id AS recordId, record_no AS recordNo, answered_at AS at, agent_id AS agentId, agent_name AS agentName
    FROM call_records WHERE answered_at >= ? AND answered_at < ? AND voided = 0 AND agent_id IS NOT NULL AND agent_id <> ''`,
  complaint: `SELECT id AS recordId, complaint_no AS recordNo, received_at AS at, receiving_agent_id AS agentId, receiving_agent_name AS agentName
    FROM complaints WHERE received_at >= ? AND received_at < ? AND status <> 'voided' AND receiving_agent_id <> ''`,
  callback: `SELECT id AS recordId, '' AS recordNo, done_at AS at, assignee_id AS agentId, assignee_name AS agentName
    FROM callbacks WHERE status = 'done' AND done_at >= ? AND done_at < ? AND assignee_id IS NOT NULL`,
};

/** Every service record of the month, calls, complaints and done callbacks, each with its agent. */
export function monthServiceRecords(db: Database.Database, month: string): ServiceRecord[] {
  const { from, to } = monthRange(month);
  const out: ServiceRecord[] = [];
  for (const kind of Object.keys(POPULATION) as QaRecordKind[]) {
    for (const r of stmt(db, POPULATION[kind]).all(from, to) as Omit<ServiceRecord, 'kind'>[]) out.push({ kind, ...r, recordNo: r.recordNo ?? '' });
  }
  return out;
}

const ONE: Record<QaRecordKind, string> = {
  call: `SELECT id AS recordId, record_no AS recordNo, answered_at AS at, agent_id AS agentId, agent_name AS agentName FROM call_records WHERE id = ?`,
  complaint: `SELECT id AS recordId, complaint_no AS recordNo, received_at AS at, receiving_agent_id AS agentId, receiving_agent_name AS agentName FROM complaints WHERE id = ?`,
  callback: `SELECT id AS recordId, '' AS recordNo, coalesce(done_at, due_at) AS at, assignee_id AS agentId, assignee_name AS agentName FROM callbacks WHERE id = ?`,
};

/** One record as a sample item would name it (a callback not done yet is dated by its due time); null when unknown. */
export function serviceRecord(db: Database.Database, kind: QaRecordKind, id: string): ServiceRecord | null {
  const r = stmt(db, ONE[kind]).get(id) as (Omit<ServiceRecord, 'kind'> & { agentId: string | null }) | undefined;
  return r ? { kind, ...r, recordNo: r.recordNo ?? '', agentId: r.agentId ?? '', agentName: r.agentName ?? '' } : null;
}

/** Everybody's display name by id: a sample is named after the agent as the user list knows them. */
export function displayNames(db: Database.Database): Map<string, string> {
  const rows = stmt(db, 'SELECT id, display_name AS name FROM users').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A month's samples, one per agent, by agent name (or one agent's). */
export function monthSamples(db: Database.Database, month: string, agentId?: string): QaSample[] {
  const rows = (
    agentId
      ? stmt(db, 'SELECT * FROM qa_samples WHERE month = ? AND agent_id = ?').all(month, agentId)
      : stmt(db, 'SELECT * FROM qa_samples WHERE month = ? ORDER BY agent_name, agent_id').all(month)
  ) as Record<string, unknown>[];
  return rows.map((r) => qaSamplesTable.fromRow(r));
}

/**
 * The month's sample that holds this record, whoever's it is: found by the record id in the items (a month
 * has one sample per agent, so this reads a few hundred rows at most), not by the record's agent, who may
 * have changed since (a callback reassigned).
 */
export function sampleHolding(db: Database.Database, month: string, kind: QaRecordKind, recordId: string): QaSample | null {
  const rows = stmt(db, 'SELECT * FROM qa_samples WHERE month = ? AND instr(items, ?) > 0').all(month, recordId) as Record<string, unknown>[];
  for (const r of rows) {
    const s = qaSamplesTable.fromRow(r);
    if (s.items.some((i) => i.kind === kind && i.recordId === recordId)) return s;
  }
  return null;
}
