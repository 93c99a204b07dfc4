import type { UserRecord } from '../../shared/domain/admin';
import type { Role } from '../../shared/domain/roles';
import type { Ack } from '../../shared/sync/protocol';
import { auditOps } from './audit';
import { numberOps } from './numbers';
import type { ClientBinding, HistoryRow, Sql, StoreTx, SyncRow } from './types';

interface UserDbRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  active: number | string;
  created_at: string;
  updated_at: string;
  version: number | string;
}

const toUser = (r: UserDbRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  active: Number(r.active) === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: Number(r.version),
});

interface HistoryDbRow {
  id: string;
  entity: string;
  entity_id: string;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  changes: string;
}

const toHistory = (r: HistoryDbRow): HistoryRow => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entity_id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  changes: JSON.parse(r.changes),
});

export interface TrackedTx extends StoreTx {
  /** Highest seq this transaction assigned, or null when it wrote no sync row. */
  readonly lastSeq: number | null;
}

/** StoreTx over either dialect. Integers come back as strings from pg (bigint), hence Number(). */
export function storeOps(sql: Sql, opts: { writing: boolean }): TrackedTx {
  // SQLite has one writer already; a read-only PostgreSQL transaction may not lock rows.
  const forUpdate = sql.dialect === 'postgres' && opts.writing ? ' FOR UPDATE' : '';
  let lastSeq: number | null = null;

  async function nextSeq(): Promise<number> {
    const r = await sql.get<{ value: number | string }>('UPDATE seq_counter SET value = value + 1 WHERE id = 1 RETURNING value');
    if (!r) throw new Error('seq_counter row is missing');
    lastSeq = Number(r.value);
    return lastSeq;
  }

  async function putRow(entity: string, id: string, data: unknown): Promise<number> {
    const seq = await nextSeq();
    await sql.run(
      'INSERT INTO sync_rows (entity, id, seq, data) VALUES (?, ?, ?, ?) ON CONFLICT (entity, id) DO UPDATE SET seq = excluded.seq, data = excluded.data',
      [entity, id, seq, JSON.stringify(data)],
    );
    return seq;
  }

  return {
    get lastSeq() {
      return lastSeq;
    },
    audit: auditOps(sql),
    numbers: numberOps(sql),
    async getRow(entity, id) {
      const r = await sql.get<{ seq: number | string; data: string }>(`SELECT seq, data FROM sync_rows WHERE entity = ? AND id = ?${forUpdate}`, [entity, id]);
      return r ? ({ entity, id, seq: Number(r.seq), data: JSON.parse(r.data) } satisfies SyncRow) : null;
    },
    putRow,
    async appendHistory(h) {
      await sql.run('INSERT INTO history (id, entity, entity_id, at, actor_id, actor_name, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        h.id,
        h.entity,
        h.entityId,
        h.at,
        h.actorId,
        h.actorName,
        h.action,
        JSON.stringify(h.changes),
      ]);
      return putRow('history', h.id, h);
    },
    async lastHistory(entity, entityId) {
      const r = await sql.get<HistoryDbRow>('SELECT * FROM history WHERE entity = ? AND entity_id = ? ORDER BY hseq DESC LIMIT 1', [entity, entityId]);
      return r ? toHistory(r) : null;
    },
    async getClient(clientId) {
      const r = await sql.get<{ client_id: string; user_id: string; workstation: string; last_mutation_id: number | string }>(
        `SELECT * FROM sync_clients WHERE client_id = ?${forUpdate}`,
        [clientId],
      );
      return r ? ({ clientId: r.client_id, userId: r.user_id, workstation: r.workstation, lastMutationId: Number(r.last_mutation_id) } satisfies ClientBinding) : null;
    },
    async bindClient(b) {
      await sql.run('INSERT INTO sync_clients (client_id, user_id, workstation, last_mutation_id, created_at) VALUES (?, ?, ?, ?, ?)', [
        b.clientId,
        b.userId,
        b.workstation,
        b.lastMutationId,
        new Date().toISOString(),
      ]);
    },
    async setLastMutationId(clientId, id) {
      await sql.run('UPDATE sync_clients SET last_mutation_id = ? WHERE client_id = ?', [id, clientId]);
    },
    async getAcks(clientId, ids) {
      const out = new Map<number, Ack>();
      if (!ids.length) return out;
      const rows = await sql.all<{ mutation_id: number | string; ack: string }>(
        `SELECT mutation_id, ack FROM sync_acks WHERE client_id = ? AND mutation_id IN (${ids.map(() => '?').join(', ')})`,
        [clientId, ...ids],
      );
      for (const r of rows) out.set(Number(r.mutation_id), JSON.parse(r.ack));
      return out;
    },
    async putAck(clientId, ack) {
      await sql.run('INSERT INTO sync_acks (client_id, mutation_id, ack) VALUES (?, ?, ?)', [clientId, ack.id, JSON.stringify(ack)]);
    },
    async countUsers() {
      const r = await sql.get<{ n: number | string }>('SELECT count(*) AS n FROM users');
      return Number(r?.n ?? 0);
    },
    async countActiveAdmins() {
      const r = await sql.get<{ n: number | string }>("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1");
      return Number(r?.n ?? 0);
    },
    async getUserById(id) {
      const r = await sql.get<UserDbRow>(`SELECT * FROM users WHERE id = ?${forUpdate}`, [id]);
      return r ? toUser(r) : null;
    },
    async getUserByUsername(username) {
      const r = await sql.get<UserDbRow>('SELECT * FROM users WHERE username = ?', [username]);
      return r ? toUser(r) : null;
    },
    async listUsers() {
      return (await sql.all<UserDbRow>('SELECT * FROM users ORDER BY username')).map(toUser);
    },
    async saveUser(u) {
      await sql.run(
        `INSERT INTO users (id, username, display_name, role, password_hash, active, created_at, updated_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, role = excluded.role,
           password_hash = excluded.password_hash, active = excluded.active, updated_at = excluded.updated_at, version = excluded.version`,
        [u.id, u.username, u.displayName, u.role, u.passwordHash, u.active ? 1 : 0, u.createdAt, u.updatedAt, u.version],
      );
    },
    async deleteSessionsOf(userId) {
      await sql.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    },
    async maxSeq() {
      const r = await sql.get<{ value: number | string }>('SELECT value FROM seq_counter WHERE id = 1');
      return Number(r?.value ?? 0);
    },
    async setupCodeHash() {
      const r = await sql.get<{ code_hash: string }>('SELECT code_hash FROM setup_code WHERE id = 1');
      return r?.code_hash ?? null;
    },
    async putSetupCodeHash(hash, at) {
      if (hash === null) await sql.run('DELETE FROM setup_code WHERE id = 1');
      else
        await sql.run('INSERT INTO setup_code (id, code_hash, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at', [
          hash,
          at,
        ]);
    },
  };
}

export async function pullRows(sql: Sql, cursor: number, limit: number): Promise<SyncRow[]> {
  const rows = await sql.all<{ entity: string; id: string; seq: number | string; data: string }>(
    'SELECT entity, id, seq, data FROM sync_rows WHERE seq > ? ORDER BY seq LIMIT ?',
    [cursor, limit],
  );
  return rows.map((r) => ({ entity: r.entity, id: r.id, seq: Number(r.seq), data: JSON.parse(r.data) }));
}
