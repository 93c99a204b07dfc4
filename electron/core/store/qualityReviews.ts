import type Database from 'better-sqlite3-multiple-ciphers';
import type { FindingStatus, QaFinding, QaReview, TeachingCase } from '../../../shared/domain/qaReview';
import { stmt } from './stmt';
import { qaFindingsTable, qaReviewsTable } from './tables';

/**
 * Reads of QA reviews and findings. Who may read which is the service's rule; here only the filters.
 * The findings' condition is one function, so the board's overdue count and the list it opens are the
 * same query and cannot disagree.
 */

/** Lists are capped where they are built: a month's reviews of a large centre fit, a runaway query does not. */
export const QA_LIST_CAP = 5000;

const rowsOf = <T extends { id: string }>(t: { fromRow(r: Record<string, unknown>): T }, rows: unknown[]) =>
  (rows as Record<string, unknown>[]).map((r) => t.fromRow(r));

/** A month's reviews, for its sample's review state. */
export function monthReviews(db: Database.Database, month: string): QaReview[] {
  return rowsOf(qaReviewsTable, stmt(db, 'SELECT * FROM qa_reviews WHERE month = ?').all(month));
}

export interface ReviewFilter {
  /** One agent's reviews ('mine'); everybody's when absent. */
  agentId?: string;
  month?: string;
}

/** Reviews, newest first. */
export function listReviews(db: Database.Database, f: ReviewFilter): QaReview[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.agentId) where.push('agent_id = ?') && args.push(f.agentId);
  if (f.month) where.push('month = ?') && args.push(f.month);
  const sql = `SELECT * FROM qa_reviews ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY reviewed_at DESC, id LIMIT ${QA_LIST_CAP}`;
  return rowsOf(qaReviewsTable, stmt(db, sql).all(...args));
}

/** Reviews marked as teaching cases (案例), newest first. */
export function teachingCases(db: Database.Database, kind?: TeachingCase): QaReview[] {
  const rows = kind
    ? stmt(db, `SELECT * FROM qa_reviews WHERE teaching_case = ? ORDER BY reviewed_at DESC, id LIMIT ${QA_LIST_CAP}`).all(kind)
    : stmt(db, `SELECT * FROM qa_reviews WHERE teaching_case IS NOT NULL ORDER BY reviewed_at DESC, id LIMIT ${QA_LIST_CAP}`).all();
  return rowsOf(qaReviewsTable, rows);
}

export interface FindingFilter {
  agentId?: string;
  status?: FindingStatus;
  /** Only those still open past their rectification deadline at this instant (findingOverdue's rule). */
  overdueAt?: string;
  reviewId?: string;
}

function findingsWhere(f: FindingFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.agentId) where.push('agent_id = ?') && args.push(f.agentId);
  if (f.reviewId) where.push('review_id = ?') && args.push(f.reviewId);
  if (f.status) where.push('status = ?') && args.push(f.status);
  // The same rule as findingOverdue: open past its due time (a report awaiting the lead is not late).
  if (f.overdueAt) where.push("status = 'open' AND due_at < ?") && args.push(f.overdueAt);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** Findings, the nearest deadline first. */
export function listFindings(db: Database.Database, f: FindingFilter): QaFinding[] {
  const w = findingsWhere(f);
  return rowsOf(qaFindingsTable, stmt(db, `SELECT * FROM qa_findings ${w.sql} ORDER BY due_at, created_at, id LIMIT ${QA_LIST_CAP}`).all(...w.args));
}

export function countFindings(db: Database.Database, f: FindingFilter): number {
  const w = findingsWhere(f);
  return (stmt(db, `SELECT count(*) AS n FROM qa_findings ${w.sql}`).get(...w.args) as { n: number }).n;
}

/** Per review of a month, how many findings it recorded; per agent, how many are not settled yet. */
export function monthFindingCounts(db: Database.Database, month: string): { byReview: Map<string, number>; unsettledByAgent: Map<string, number> } {
  const rows = stmt(db, 'SELECT review_id AS reviewId, agent_id AS agentId, status FROM qa_findings WHERE month = ?').all(month) as {
    reviewId: string;
    agentId: string;
    status: FindingStatus;
  }[];
  const byReview = new Map<string, number>();
  const unsettledByAgent = new Map<string, number>();
  for (const r of rows) {
    byReview.set(r.reviewId, (byReview.get(r.reviewId) ?? 0) + 1);
    if (r.status !== 'closed' && r.status !== 'withdrawn') unsettledByAgent.set(r.agentId, (unsettledByAgent.get(r.agentId) ?? 0) + 1);
  }
  return { byReview, unsettledByAgent };
}
