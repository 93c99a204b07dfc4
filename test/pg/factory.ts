import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { startHub } from '../../server/hub';
import type { HubFactory } from '../server/harness';
import { TEST_SETUP_CODE } from '../helpers/setupCode';

export const pgUrl = () => inject('pgUrl');

/** The hub's URL with its own search_path, so every hub starts on an empty schema in one database. */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export const pgFactory: HubFactory = async () => {
  const schema = `hub_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const databaseUrl = withSchema(pgUrl(), schema);
  const hub = await startHub({ port: 0, databaseUrl, logLevel: 'silent', setupCode: TEST_SETUP_CODE });
  return {
    ...hub,
    databaseUrl,
    close: async () => {
      await hub.close();
      await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
};
