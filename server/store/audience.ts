import type { Role } from '../../shared/domain/roles';
import type { HistoryRow, Sql, WorkstationUser } from './types';

/** A stored record row, its JSON text not yet parsed. */
export interface RawRow {
  entity: string;
  id: string;
  data: string;
}

// SQLite caps bound parameters per statement; a pull page (≤ 2000 rows) stays far below it in chunks of this.
const CHUNK = 500;

/**
 * What the pull filter asks the store (docs/sync.md, "Data minimised per workstation"). The same SQL
 * in both dialects; none of it takes the writer lock.
 */
export const audienceOps = (sql: Sql) => ({
  /**
   * Everybody who works at a workstation, as far as the hub knows: users who logged in there (a session
   * naming it, expired ones included until they are swept) and users whose client pushed from there;
   * each with their current role (a lead brings the team's QA and attendance records, an agent only their own).
   */
  async workstationUsers(workstation: string): Promise<WorkstationUser[]> {
    const rows = await sql.all<{ id: string; role: Role }>(
      'SELECT id, role FROM users WHERE id IN (SELECT user_id FROM sessions WHERE workstation = ? UNION SELECT user_id FROM sync_clients WHERE workstation = ?)',
      [workstation, workstation],
    );
    return rows.map((r) => ({ userId: r.id, role: r.role }));
  },

  /**
   * The rows of `entity` among `ids`. With `confidentialOnly`, only those whose JSON says
   * `"confidential":true` (JSON.stringify writes it without spaces): the filter needs no other parent.
   */
  async rowsOf(entity: string, ids: readonly string[], confidentialOnly: boolean): Promise<RawRow[]> {
    const out: RawRow[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const part = unique.slice(i, i + CHUNK);
      const rows = await sql.all<RawRow>(
        `SELECT entity, id, data FROM sync_rows WHERE entity = ? AND id IN (${part.map(() => '?').join(', ')})${
          confidentialOnly ? ` AND data LIKE '%"confidential":true%'` : ''
        }`,
        [entity, ...part],
      );
      out.push(...rows);
    }
    return out;
  },

  /** A record's history, oldest first, as the hub holds it. */
  async historyOf(entity: string, entityId: string): Promise<HistoryRow[]> {
    const rows = await sql.all<{ id: string; entity: string; entity_id: string; at: string; actor_id: string; actor_name: string; action: string; changes: string }>(
      'SELECT id, entity, entity_id, at, actor_id, actor_name, action, changes FROM history WHERE entity = ? AND entity_id = ? ORDER BY hseq',
      [entity, entityId],
    );
    return rows.map((r) => ({
      id: r.id,
      entity: r.entity,
      entityId: r.entity_id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      changes: JSON.parse(r.changes),
    }));
  },
});

export type AudienceOps = ReturnType<typeof audienceOps>;
