import type Database from 'better-sqlite3-multiple-ciphers';
import type { Callback } from '../../../shared/domain/callback';
import type { ParsedParamsOf } from '../../../shared/api/contract';
import type { Actor } from '../../../shared/domain/mutation';
import { isSupervisor } from '../../../shared/domain/roles';
import { ApiFailure } from '../errors';
import { escapeLike } from './sql';
import { stmt } from './stmt';
import { callbacksTable } from './tables';

/** Officers and agents work their own queue; leads see everyone's. */
function scopeOf(actor: Actor, scope: 'mine' | 'all' | 'unassigned' | undefined, assigneeId: string | undefined): 'mine' | 'all' | 'unassigned' {
  const lead = isSupervisor(actor.role);
  const s = scope ?? (lead ? 'all' : 'mine');
  if (!lead && (s === 'all' || (assigneeId && assigneeId !== actor.userId)))
    throw new ApiFailure('forbidden', 'only a team lead or administrator sees other people’s callbacks');
  return s;
}

export type QueueParams = ParsedParamsOf<'callbacks.queue'>;

/**
 * The queue's condition, shared with the team-lead board so that a number on the board and the list it
 * opens are the same query. A due filter (overdue, due by) is about work still to do: it lists open ones.
 */
export function queueWhere(actor: Actor, params: QueueParams, now: Date): { status: string; clause: string; args: unknown[] } {
  const scope = scopeOf(actor, params.scope, params.assigneeId);
  const status = params.overdue || params.dueBy ? 'open' : (params.status ?? 'open');
  const where = ['c.status = ?'];
  const args: unknown[] = [status];
  if (scope === 'mine') where.push('c.assignee_id = ?') && args.push(actor.userId);
  if (scope === 'unassigned') where.push('c.assignee_id IS NULL');
  if (params.assigneeId) where.push('c.assignee_id = ?') && args.push(params.assigneeId);
  if (params.kind) where.push('c.kind = ?') && args.push(params.kind);
  if (params.overdue) where.push('c.due_at < ?') && args.push(now.toISOString());
  // Stored times are UTC ISO strings; an offset in the bound ("+08:00") must not change the string order.
  if (params.dueBy) where.push('c.due_at <= ?') && args.push(new Date(params.dueBy).toISOString());
  // The board's satisfaction trend counts done callbacks with these very conditions (store/trends.ts).
  if (params.doneFrom) where.push('c.done_at >= ?') && args.push(new Date(params.doneFrom).toISOString());
  if (params.doneTo) where.push('c.done_at < ?') && args.push(new Date(params.doneTo).toISOString());
  if (params.satisfaction) where.push('c.satisfaction = ?') && args.push(params.satisfaction);
  const q = params.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    where.push("(c.name LIKE ? ESCAPE '\\' OR c.organisation LIKE ? ESCAPE '\\' OR c.phone LIKE ? ESCAPE '\\' OR c.subject LIKE ? ESCAPE '\\')");
    args.push(like, like, like, like);
  }
  return { status, clause: where.join(' AND '), args };
}


export interface Officer {
  id: string;
  name: string;
}

/** Active callback officers with their open load and the time of their last callback, for round-robin. */
export function officerLoads(db: Database.Database): (Officer & { open: number; last: string })[] {
  return stmt(
    db,
    `SELECT u.id, u.display_name AS name,
       (SELECT count(*) FROM callbacks c WHERE c.assignee_id = u.id AND c.status = 'open') AS open,
       (SELECT coalesce(max(c.created_at), '') FROM callbacks c WHERE c.assignee_id = u.id) AS last
     FROM users u WHERE u.role = 'callback_officer' AND u.active = 1`,
  ).all() as (Officer & { open: number; last: string })[];
}

/** The queue's callback for a complaint's round, if it is still open. */
export function openComplaintCallback(db: Database.Database, complaintId: string, round: number): Callback | null {
  const row = stmt(
    db,
    "SELECT * FROM callbacks WHERE complaint_id = ? AND complaint_round = ? AND kind = 'complaint' AND status = 'open' ORDER BY created_at LIMIT 1",
  ).get(complaintId, round) as Record<string, unknown> | undefined;
  return row ? callbacksTable.fromRow(row) : null;
}

export function openCallbackIdsOfComplaint(db: Database.Database, complaintId: string): string[] {
  return (stmt(db, "SELECT id FROM callbacks WHERE complaint_id = ? AND status = 'open'").all(complaintId) as { id: string }[]).map((r) => r.id);
}

/** An import refuses a number that already waits in the queue for the same kind of callback. */
export function hasOpenCallback(db: Database.Database, phoneNormalized: string, kind: string): boolean {
  return stmt(db, "SELECT 1 FROM callbacks WHERE phone_normalized = ? AND kind = ? AND status = 'open' LIMIT 1").get(phoneNormalized, kind) !== undefined;
}

/**
 * Open callbacks in the order they can be worked: by due time, except that one waiting for a retry
 * sorts at its retry time when that is later (`queue_at`, migration 005). Closed ones: newest first.
 */
export function queuePage(
  db: Database.Database,
  where: { status: string; clause: string; args: unknown[] },
  limit: number,
  offset: number,
): { total: number; rows: (Callback & { complaintNo: string | null })[] } {
  const order = where.status === 'open' ? 'c.queue_at, c.id' : 'coalesce(c.done_at, c.updated_at) DESC, c.id DESC';
  const total = (db.prepare(`SELECT count(*) AS n FROM callbacks c WHERE ${where.clause}`).get(...where.args) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT c.*, k.complaint_no AS complaint_no FROM callbacks c LEFT JOIN complaints k ON k.id = c.complaint_id
       WHERE ${where.clause} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...where.args, limit, offset) as Record<string, unknown>[];
  return { total, rows: rows.map((r) => ({ ...callbacksTable.fromRow(r), complaintNo: r.complaint_no as string | null })) };
}

/** The header's counts: everyone's open callbacks for a lead, otherwise the caller's own; `mine` is always the caller's. */
export function callbackCounts(
  db: Database.Database,
  p: { now: string; endOfToday: string; userId: string; everyone: boolean },
): { open: number; overdue: number; dueToday: number; mine: number } {
  return stmt(
    db,
    `SELECT count(*) AS open, coalesce(sum(due_at < @now), 0) AS overdue, coalesce(sum(due_at >= @now AND due_at <= @end), 0) AS dueToday,
       coalesce(sum(assignee_id IS @me), 0) AS mine
     FROM callbacks WHERE status = 'open' AND (@everyone = 1 OR assignee_id IS @me)`,
  ).get({ now: p.now, end: p.endOfToday, me: p.userId, everyone: p.everyone ? 1 : 0 }) as { open: number; overdue: number; dueToday: number; mine: number };
}
