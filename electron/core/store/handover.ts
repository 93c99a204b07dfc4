import type Database from 'better-sqlite3-multiple-ciphers';
import type { HandoverRow } from '../../../shared/api/handoverTypes';
import type { Callback } from '../../../shared/domain/callback';
import type { CallRecord } from '../../../shared/domain/callRecord';
import type { Complaint } from '../../../shared/domain/complaint';
import { HANDOVER_ITEM_KINDS, type Handover, type HandoverItemKind, type HandoverStatus } from '../../../shared/domain/handover';
import { stmt } from './stmt';
import { callbacksTable, callRecordsTable, complaintsTable, handoversTable } from './tables';
import { OPEN_STATUSES } from './tracking';

/**
 * The shift handover's reads (交接班, docs/reports.md): what a shift leaves open, and the handovers
 * themselves. `who` is the user whose own work is listed; null lists everybody's (a team lead's handover).
 */

type Raw = Record<string, unknown>;

/** Calls waiting for the reply promised to the caller, the soonest promise first. */
export function callsAwaitingReply(db: Database.Database, who: string | null, limit: number): CallRecord[] {
  // One statement per scope: an "either anybody or this agent" condition would keep SQLite off the indexes.
  const order = 'ORDER BY promised_reply_by IS NULL, promised_reply_by, answered_at LIMIT ?';
  const rows = who
    ? stmt(db, `SELECT * FROM call_records WHERE agent_id = ? AND status = 'awaiting_reply' AND voided = 0 ${order}`).all(who, limit)
    : stmt(db, `SELECT * FROM call_records WHERE status = 'awaiting_reply' AND voided = 0 ${order}`).all(limit);
  return (rows as Raw[]).map((r) => callRecordsTable.fromRow(r));
}

/**
 * Complaints that need somebody above the agent (the handover's escalations): not yet taken by a handler
 * (registered, escalated or not), or major and crisis ones not yet reported upwards. An agent's are those
 * they received or handle.
 */
export function complaintsToEscalate(db: Database.Database, who: string | null, limit: number): Complaint[] {
  // Every branch is an open status, so the status index narrows the scan to the open complaints.
  const where = `status IN ${OPEN_STATUSES}
       AND ((status IN ('registered','in_handling') AND handler_id IS NULL) OR (severity != 'general' AND reported_at IS NULL))`;
  const rows = who
    ? stmt(db, `SELECT * FROM complaints WHERE ${where} AND (receiving_agent_id = ? OR handler_id = ?) ORDER BY received_at LIMIT ?`).all(who, who, limit)
    : stmt(db, `SELECT * FROM complaints WHERE ${where} ORDER BY received_at LIMIT ?`).all(limit);
  return (rows as Raw[]).map((r) => complaintsTable.fromRow(r));
}

/** Complaints in handling by a handler (an agent's: those they handle), excluding those listed as escalations. */
export function complaintsInHandling(db: Database.Database, who: string | null, limit: number): Complaint[] {
  const where = "status = 'in_handling' AND handler_id IS NOT NULL AND NOT (severity != 'general' AND reported_at IS NULL)";
  const order = 'ORDER BY next_deadline IS NULL, next_deadline, received_at LIMIT ?';
  const rows = who
    ? stmt(db, `SELECT * FROM complaints WHERE handler_id = ? AND ${where} ${order}`).all(who, limit)
    : stmt(db, `SELECT * FROM complaints WHERE ${where} ${order}`).all(limit);
  return (rows as Raw[]).map((r) => complaintsTable.fromRow(r));
}

/** Open callbacks due by `dueBy` (overdue ones included): the person's own, or every one (unassigned too). */
export function callbacksDueBy(db: Database.Database, who: string | null, dueBy: string, limit: number): Callback[] {
  const rows = who
    ? stmt(db, "SELECT * FROM callbacks WHERE assignee_id = ? AND status = 'open' AND due_at <= ? ORDER BY due_at LIMIT ?").all(who, dueBy, limit)
    : stmt(db, "SELECT * FROM callbacks WHERE status = 'open' AND due_at <= ? ORDER BY due_at LIMIT ?").all(dueBy, limit);
  return (rows as Raw[]).map((r) => callbacksTable.fromRow(r));
}

/** The records behind a handover's items, by id: one query per table for the whole list. */
export function recordsByIds(db: Database.Database, ids: { calls: string[]; complaints: string[]; callbacks: string[] }) {
  const load = <T extends { id: string }>(table: { name: string; fromRow(r: Raw): T }, list: string[]): Map<string, T> => {
    if (!list.length) return new Map();
    const rows = db.prepare(`SELECT * FROM ${table.name} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(list)) as Raw[];
    return new Map(rows.map((r) => table.fromRow(r)).map((x) => [x.id, x]));
  };
  return { calls: load(callRecordsTable, ids.calls), complaints: load(complaintsTable, ids.complaints), callbacks: load(callbacksTable, ids.callbacks) };
}

/** What a callback's visibility and number depend on: the call or complaint it was made from. */
export interface CallbackLinks {
  calls: Map<string, Pick<CallRecord, 'recordNo' | 'confidential' | 'agentId'>>;
  complaints: Map<string, Pick<Complaint, 'complaintNo' | 'confidential' | 'receivingAgentId' | 'handlerId'>>;
}

export function callbackLinks(db: Database.Database, callbacks: readonly Callback[]): CallbackLinks {
  const callIds = [...new Set(callbacks.map((c) => c.callId).filter((x): x is string => !!x))];
  const complaintIds = [...new Set(callbacks.map((c) => c.complaintId).filter((x): x is string => !!x))];
  const out: CallbackLinks = { calls: new Map(), complaints: new Map() };
  if (callIds.length)
    for (const r of db
      .prepare('SELECT id, record_no, confidential, agent_id FROM call_records WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(callIds)) as { id: string; record_no: string; confidential: number; agent_id: string }[])
      out.calls.set(r.id, { recordNo: r.record_no, confidential: r.confidential === 1, agentId: r.agent_id });
  if (complaintIds.length)
    for (const r of db
      .prepare('SELECT id, complaint_no, confidential, receiving_agent_id, handler_id FROM complaints WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(complaintIds)) as { id: string; complaint_no: string; confidential: number; receiving_agent_id: string; handler_id: string | null }[])
      out.complaints.set(r.id, { complaintNo: r.complaint_no, confidential: r.confidential === 1, receivingAgentId: r.receiving_agent_id, handlerId: r.handler_id });
  return out;
}

/** Open handovers first (the next shift's to-do), then the newest. */
export function handoverPage(db: Database.Database, q: { status: HandoverStatus | null; limit: number; offset: number }): { rows: HandoverRow[]; total: number } {
  const total = (stmt(db, 'SELECT count(*) AS n FROM handovers WHERE (? IS NULL OR status = ?)').get(q.status, q.status) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT * FROM handovers WHERE (? IS NULL OR status = ?) ORDER BY (status = 'open') DESC, created_at DESC, id DESC LIMIT ? OFFSET ?`,
  ).all(q.status, q.status, q.limit, q.offset) as Raw[];
  return { rows: rows.map((r) => toRow(handoversTable.fromRow(r))), total };
}

function toRow(h: Handover): HandoverRow {
  const counts = Object.fromEntries(HANDOVER_ITEM_KINDS.map((k) => [k, 0])) as Record<HandoverItemKind, number>;
  for (const i of h.items) counts[i.kind] += 1;
  return {
    id: h.id,
    day: h.day,
    shiftName: h.shiftName,
    status: h.status,
    createdBy: h.createdBy,
    createdAt: h.createdAt,
    acknowledgedBy: h.acknowledgedBy,
    acknowledgedAt: h.acknowledgedAt,
    counts,
    note: h.note,
  };
}

/** The board's number: handovers nobody of the next shift has acknowledged yet (what handover.list {status: 'open'} lists). */
export function countOpenHandovers(db: Database.Database): number {
  return (stmt(db, "SELECT count(*) AS n FROM handovers WHERE status = 'open'").get() as { n: number }).n;
}
