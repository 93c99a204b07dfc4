import type { ParsedParamsOf } from '../../../shared/api/contract';
import type { Actor } from '../../../shared/domain/mutation';
import { isSupervisor } from '../../../shared/domain/roles';
import { ApiFailure } from '../errors';
import { escapeLike } from './sql';

/** Officers and agents work their own queue; leads see everyone's (PRODUCT §5). */
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
  const q = params.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    where.push("(c.name LIKE ? ESCAPE '\\' OR c.organisation LIKE ? ESCAPE '\\' OR c.phone LIKE ? ESCAPE '\\' OR c.subject LIKE ? ESCAPE '\\')");
    args.push(like, like, like, like);
  }
  return { status, clause: where.join(' AND '), args };
}

