import pg from 'pg';
import { audienceOps } from '../audience';
import { pullRows, storeOps } from '../ops';
import { sessionOps } from '../sessions';
import type { HubStore, Sql } from '../types';
import { m001Initial } from './001_initial';
import { m003SetupCode } from './003_setup_code';
import { m004AuditRows } from './004_audit_rows';
import { m006RecordNumbers } from './006_record_numbers';
import { m007Roles } from './007_roles';

export const PG_MIGRATIONS = [m001Initial, m003SetupCode, m004AuditRows, m006RecordNumbers, m007Roles] as const;
/** Migrations run by version, not by position in the list: a number may be missing while another change of the release is pending. */
const LATEST = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

/**
 * Every writer takes this transaction-level advisory lock before it assigns any seq and holds it
 * to commit, so commit order is seq order and a puller's cursor can never pass a late commit
 * (docs/sync.md, "The cursor never skips a late commit"). The number is arbitrary but fixed.
 */
export const WRITER_LOCK_KEY = 0x686f746c; // "hotl"

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** `?` placeholders → `$1…`; our SQL never contains a literal question mark. */
function numbered(q: string): string {
  let i = 0;
  return q.replace(/\?/g, () => `$${++i}`);
}

export function sqlOf(db: Queryable): Sql {
  const query = async <T>(q: string, p: readonly unknown[] = []) => (await db.query(numbered(q), p as unknown[])).rows as T[];
  return {
    dialect: 'postgres',
    all: query,
    get: async <T>(q: string, p: readonly unknown[] = []) => (await query<T>(q, p))[0],
    run: async (q: string, p: readonly unknown[] = []) => (await db.query(numbered(q), p as unknown[])).rowCount ?? 0,
  };
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Two hubs starting at once must not both run a migration.
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    if (current > LATEST) throw new Error(`hub database has schema ${current}, this hub understands up to ${LATEST}: run a newer hub`);
    for (const m of PG_MIGRATIONS.filter((x) => x.version > current)) {
      await client.query(m.up);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function inTransaction<T>(pool: pg.Pool, begin: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function openPgStore(databaseUrl: string): Promise<HubStore> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client that loses its server must not crash the hub; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const sql = sqlOf(pool);
  const sessions = sessionOps(sql);
  const audience = audienceOps(sql);
  return {
    kind: 'postgres',
    write: (fn) =>
      inTransaction(pool, 'BEGIN', async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK_KEY]);
        const tx = storeOps(sqlOf(client), { writing: true });
        const result = await fn(tx);
        return { result, seqAfter: tx.lastSeq };
      }),
    read: (fn) => inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) => fn(storeOps(sqlOf(client), { writing: false }))),
    pull: (cursor, limit) => pullRows(sql, cursor, limit),
    workstationUsers: audience.workstationUsers,
    rowsOf: audience.rowsOf,
    historyOf: audience.historyOf,
    putSession: sessions.putSession,
    getSession: sessions.getSession,
    deleteExpiredSessions: sessions.deleteExpiredSessions,
    close: () => pool.end(),
  };
}
