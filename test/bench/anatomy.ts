import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { startHub } from '../../server/hub';
import { TEST_SETUP_CODE } from '../helpers/setupCode';
import { applyPush } from '../../server/push';
import { tmpDir } from '../helpers/core';
import { nowMs, pct, RecordMaker, round, seedHub } from './lib';

export interface PushAnatomy {
  store: 'sqlite' | 'postgres';
  pushes: number;
  mutationsPerPush: number;
  /** Wall time of hub.store.write(applyPush) for one push, run one after another: the serialised section. */
  writeMs: { p50: number | null; p99: number | null };
  /** Statements per push inside the write transaction, BEGIN and COMMIT included (SQLite: each one compiled anew). */
  queriesPerPush: number | null;
  /** What that wall time allows when writers are serialised (1000 / p50). */
  serialCeilingPushesPerSecond: number | null;
}

/**
 * The write path of one push without HTTP or concurrency: an in-process hub, its store, and
 * applyPush (what POST /sync/push runs inside hub.write) for `pushes` pushes of three mutations
 * (call.create, then two call.update), one after another, counting the statements the store sends.
 */
export async function pushAnatomy(store: 'sqlite' | 'postgres', databaseUrl?: string, pushes = 300): Promise<PushAnatomy> {
  const dataDir = tmpDir('hd-anatomy-');
  const hub = await startHub({ port: 0, dataDir, databaseUrl, logLevel: 'silent', setupCode: TEST_SETUP_CODE });
  // Count what the store sends: pg clients' query() on PostgreSQL; prepare() and exec() on SQLite.
  type Patchable = Record<string, (...a: unknown[]) => unknown>;
  const targets: [Patchable, string][] =
    store === 'postgres'
      ? [[pg.Client.prototype as unknown as Patchable, 'query']]
      : [
          [Database.prototype as unknown as Patchable, 'prepare'],
          [Database.prototype as unknown as Patchable, 'exec'],
        ];
  const originals = targets.map(([o, k]) => o[k]!);
  let queries = 0;
  try {
    await seedHub(hub.url);
    const user = (await hub.store.read((tx) => tx.getUserByUsername('agent1')))!;
    const maker = new RecordMaker('Z01', 77);
    const log = { error: () => undefined };
    const run = async (): Promise<number> => {
      const at = new Date();
      const create = maker.callCreate(at);
      const mutations = [create.mut, maker.callUpdate(create.callId, at, false), maker.callUpdate(create.callId, at, true)];
      const t = nowMs();
      await hub.store.write((tx) => applyPush(tx, { clientId: maker.clientId, workstation: maker.workstation, mutations }, user, new Date(), log));
      return nowMs() - t;
    };
    for (let i = 0; i < 30; i++) await run(); // warm-up
    targets.forEach(([o, k], i) => {
      o[k] = function (this: unknown, ...args: unknown[]) {
        queries++;
        return originals[i]!.apply(this, args);
      };
    });
    const ms: number[] = [];
    for (let i = 0; i < pushes; i++) ms.push(await run());
    const p50 = pct(ms, 50);
    return {
      store,
      pushes,
      mutationsPerPush: 3,
      writeMs: { p50: round(p50, 2), p99: round(pct(ms, 99), 2) },
      queriesPerPush: round(queries / pushes, 1),
      serialCeilingPushesPerSecond: p50 ? Math.round(1000 / p50) : null,
    };
  } finally {
    targets.forEach(([o, k], i) => {
      o[k] = originals[i]!;
    });
    await hub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
