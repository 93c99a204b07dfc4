import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { chain, auditSuite } from '../server/suites/audit';
import { pgFactory } from './factory';

// The same assertions as test/server/audit.test.ts, with the hub storing in PostgreSQL.
auditSuite(pgFactory);

describe('audit rows in PostgreSQL', () => {
  it('cannot be changed, deleted or truncated, even with SQL', async () => {
    const hub = await pgFactory();
    try {
      await hub.store.write((tx) => tx.audit.insert(chain('A07', 1)[0]!, new Date().toISOString(), 'test'));
      const db = new pg.Client({ connectionString: (hub as unknown as { databaseUrl: string }).databaseUrl });
      await db.connect();
      try {
        await expect(db.query("UPDATE audit_rows SET detail = 'x'")).rejects.toThrow(/append-only/);
        await expect(db.query('DELETE FROM audit_rows')).rejects.toThrow(/append-only/);
        await expect(db.query('TRUNCATE audit_rows')).rejects.toThrow(/append-only/);
        expect((await db.query('SELECT count(*)::int AS n FROM audit_rows')).rows[0].n).toBe(1);
      } finally {
        await db.end();
      }
    } finally {
      await hub.close();
    }
  });
});
