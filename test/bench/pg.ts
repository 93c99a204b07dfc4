import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import startCluster from '../pg/globalSetup';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  url: string;
  query(sql: string): Promise<void>;
  stop(): void;
}

/**
 * The throwaway PostgreSQL 15 cluster of `npm run test:pg`, started by that suite's own global
 * setup (initdb + pg_ctl, as the postgres OS user when we are root; fsync=off,
 * synchronous_commit=off, max_connections=200), or TEST_DATABASE_URL when set.
 */
export async function startPg(): Promise<PgCluster> {
  let url = '';
  const project = {
    provide: (key: string, value: string) => {
      if (key === 'pgUrl') url = value;
    },
  };
  const teardown = await startCluster(project as never);
  let stopped = false;
  return {
    url,
    async query(sql) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      teardown();
    },
  };
}

export interface PgbenchResult {
  tps: number;
  latencyAvgMs: number | null;
  transactions: number;
  p50: number | null;
  p99: number | null;
  output: string;
}

/**
 * pgbench with a custom two-INSERT transaction (one "record" row + one "history" row, like a push of
 * one mutation writes), against the same cluster. Per-transaction latencies come from its log (-l).
 */
export async function runPgbench(url: string, opts: { clients: number; seconds: number }): Promise<PgbenchResult> {
  const u = new URL(url);
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(`DROP SCHEMA IF EXISTS pgbench_2ins CASCADE; CREATE SCHEMA pgbench_2ins;
      CREATE TABLE pgbench_2ins.rows (id BIGSERIAL PRIMARY KEY, entity TEXT NOT NULL, data TEXT NOT NULL);
      CREATE TABLE pgbench_2ins.hist (id BIGSERIAL PRIMARY KEY, row_id BIGINT NOT NULL, data TEXT NOT NULL);`);
  } finally {
    await setup.end();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-pgbench-'));
  const script = path.join(dir, 'two-inserts.sql');
  const payload = 'x'.repeat(600);
  fs.writeFileSync(
    script,
    `BEGIN;
INSERT INTO pgbench_2ins.rows (entity, data) VALUES ('call', '${payload}');
INSERT INTO pgbench_2ins.hist (row_id, data) VALUES (currval('pgbench_2ins.rows_id_seq'), '${payload.slice(0, 300)}');
END;
`,
  );
  fs.chmodSync(dir, 0o777);
  fs.chmodSync(script, 0o644);
  const args = [
    '-n',
    '-h',
    u.hostname,
    '-p',
    u.port,
    '-U',
    decodeURIComponent(u.username || 'postgres'),
    '-c',
    String(opts.clients),
    '-j',
    String(Math.min(opts.clients, os.cpus().length)),
    '-T',
    String(opts.seconds),
    '-f',
    script,
    '-l',
    '--log-prefix',
    path.join(dir, 'log'),
    u.pathname.slice(1) || 'postgres',
  ];
  const output = await new Promise<string>((resolve, reject) =>
    execFile(path.join(PG_BIN, 'pgbench'), args, { cwd: dir, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`pgbench failed: ${err.message}\n${stderr}`)) : resolve(`${stdout}\n${stderr}`),
    ),
  );
  // Log lines: client_id transaction_no time_us script_no time_epoch time_us_part
  const lat: number[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('log'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (Number.isFinite(us) && line) lat.push(us / 1000);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  lat.sort((a, b) => a - b);
  const at = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.max(0, Math.ceil((p / 100) * lat.length) - 1))]! : null);
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const avg = /latency average = ([\d.]+) ms/.exec(output)?.[1];
  const n = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1] ?? lat.length);
  return { tps, latencyAvgMs: avg ? Number(avg) : null, transactions: n, p50: at(50), p99: at(99), output };
}

/** Round trip of one trivial statement through node-pg (what each of the hub's sequential queries costs at least). */
export async function pgRoundTrip(url: string, n = 1000): Promise<{ p50: number | null; p99: number | null }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const ms: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await c.query('SELECT 1');
      ms.push(performance.now() - t);
    }
  } finally {
    await c.end();
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]! * 1000) / 1000;
  return { p50: at(50), p99: at(99) };
}
