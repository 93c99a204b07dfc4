import type Database from 'better-sqlite3';
import type { CallListRow, CallSummary, RepeatCaller } from '../../../shared/api/types';
import { maskPhone } from '../../../shared/domain/phone';
import { escapeLike } from './sql';

const SUMMARY_COLS = 'id, record_no, answered_at, category, status, content, agent_name, voided';

type Raw = Record<string, unknown>;

export function toSummary(r: Raw): CallSummary {
  return {
    id: r.id as string,
    recordNo: r.record_no as string,
    answeredAt: r.answered_at as string,
    category: (r.category as CallSummary['category']) ?? null,
    status: r.status as CallSummary['status'],
    content: r.content as string,
    agentName: r.agent_name as string,
    voided: r.voided === 1,
  };
}

export function recentCallsByPhone(db: Database.Database, normalized: string, limit = 10): CallSummary[] {
  return (
    db
      .prepare(`SELECT ${SUMMARY_COLS} FROM call_records WHERE phone_normalized = ? ORDER BY answered_at DESC LIMIT ?`)
      .all(normalized, limit) as Raw[]
  ).map(toSummary);
}

export function recentCallsByCustomer(db: Database.Database, customerId: string, limit = 10): CallSummary[] {
  return (
    db
      .prepare(`SELECT ${SUMMARY_COLS} FROM call_records WHERE customer_id = ? ORDER BY answered_at DESC LIMIT ?`)
      .all(customerId, limit) as Raw[]
  ).map(toSummary);
}

export function repeatCaller(db: Database.Database, normalized: string, now: Date, excludeId?: string): RepeatCaller {
  const h24 = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const h48 = new Date(now.getTime() - 48 * 3600_000).toISOString();
  const row = db
    .prepare(
      `SELECT sum(answered_at >= ?) AS d1, count(*) AS d2, max(answered_at) AS last FROM call_records
       WHERE phone_normalized = ? AND answered_at >= ? AND voided = 0 AND id != ?`,
    )
    .get(h24, normalized, h48, excludeId ?? '') as { d1: number | null; d2: number; last: string | null };
  return { within24h: row.d1 ?? 0, within48h: row.d2, lastCallAt: row.last };
}

export interface ListFilter {
  q?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  agentId?: string | undefined;
  includeVoided?: boolean | undefined;
  limit: number;
  offset: number;
}


/** The call list: every condition is a bound parameter; only fixed SQL fragments are joined. */
export function listCalls(db: Database.Database, f: ListFilter, canSeeConfidential: (agentId: string) => boolean): { rows: CallListRow[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (!f.includeVoided) where.push('voided = 0');
  if (f.category) where.push('category = ?') && args.push(f.category);
  if (f.status) where.push('status = ?') && args.push(f.status);
  if (f.from) where.push('answered_at >= ?') && args.push(f.from);
  if (f.to) where.push('answered_at < ?') && args.push(f.to);
  if (f.agentId) where.push('agent_id = ?') && args.push(f.agentId);
  const q = f.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    const digits = q.replace(/\D/g, '');
    const parts = ["record_no LIKE ? ESCAPE '\\'", "caller_name LIKE ? ESCAPE '\\'", "organisation LIKE ? ESCAPE '\\'", "report_no LIKE ? ESCAPE '\\'"];
    args.push(like, like, like, like);
    if (digits.length >= 3 && digits.length === q.replace(/[\s\-+()]/g, '').length) {
      parts.push("phone_normalized LIKE ? ESCAPE '\\'");
      args.push(`%${digits}%`);
    }
    where.push(`(${parts.join(' OR ')})`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM call_records ${clause}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLS}, phone, caller_name, organisation, answered_late, duration_sec, promised_reply_by, confidential, agent_id
       FROM call_records ${clause} ORDER BY answered_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, f.limit, f.offset) as Raw[];
  return {
    total,
    rows: rows.map((r) => {
      const hidden = r.confidential === 1 && !canSeeConfidential(r.agent_id as string);
      return {
        ...toSummary(r),
        content: hidden ? '' : (r.content as string),
        phone: hidden ? maskPhone(r.phone as string) : (r.phone as string),
        callerName: r.caller_name as string,
        organisation: r.organisation as string,
        answeredLate: r.answered_late === 1,
        durationSec: (r.duration_sec as number | null) ?? null,
        promisedReplyBy: (r.promised_reply_by as string | null) ?? null,
      };
    }),
  };
}
