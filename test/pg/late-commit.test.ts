import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { callCreate, mut, useHub } from '../server/harness';
import { adminQuery, pgFactory, pgUrl } from './factory';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `p` has settled or `ms` passed; tells which. */
async function settledWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(ms);
  return settled;
}

describe('cursor and late commits on PostgreSQL', () => {
  const h = useHub(pgFactory);

  it('a write that begins first and commits last is still pulled by every puller', async () => {
    const c = h();
    expect(c.hub.store.kind).toBe('postgres');
    const early = await c.pull('lead', 0);
    const head = early.json.cursor;

    // The slow writer: takes the writer lock and a seq through the store's own write path, then waits.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: (seq: number) => void;
    const began = new Promise<number>((r) => (started = r));
    const lateId = uuidv7();
    const slow = c.hub.store.write(async (tx) => {
      const seq = await tx.putRow('call', lateId, { id: lateId, note: 'begun first, committed last' });
      started(seq);
      await gate;
    });
    const lateSeq = await began;

    // A second writer arrives meanwhile; with serialised writers it cannot commit a higher seq first.
    const quickId = uuidv7();
    const quick = c.push('agent1', uuidv7(), [mut(1, 'call.create', callCreate(quickId))]);
    expect(await settledWithin(quick, 400)).toBe(false);
    const during = await c.pull('lead', head);
    expect(during.json.changes).toEqual([]);
    expect(during.json.cursor).toBe(head);

    release();
    await slow;
    const pushed = await quick;
    expect(pushed.json.acks[0].status).toBe('applied');

    // A puller that kept its cursor and a fresh one both see the late row, in seq order.
    const after = await c.pull('lead', during.json.cursor);
    const seqs = after.json.changes.map((x: { seq: number }) => x.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(after.json.changes[0]).toMatchObject({ entity: 'call', id: lateId, seq: lateSeq });
    expect(after.json.changes.some((x: { id: string }) => x.id === quickId)).toBe(true);
    expect(Math.min(...seqs.slice(1))).toBeGreaterThan(lateSeq);
    const fresh = await c.pullAll('agent2');
    expect(fresh.map((x) => x.id)).toEqual(expect.arrayContaining([lateId, quickId]));
  });

  it('concurrent pushes while pulling: the puller ends with every row, each page in seq order', async () => {
    const c = h();
    const clients = Array.from({ length: 12 }, () => uuidv7());
    const ids = clients.map(() => [uuidv7(), uuidv7(), uuidv7()]);
    let done = false;
    const got = new Map<string, number>();
    let cursor = 0;
    const puller = (async () => {
      for (;;) {
        const finished = done;
        const r = await c.pull('lead', cursor, 7);
        const seqs = r.json.changes.map((x: { seq: number }) => x.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        for (const ch of r.json.changes) got.set(`${ch.entity}/${ch.id}`, ch.seq);
        expect(r.json.cursor).toBeGreaterThanOrEqual(cursor);
        cursor = r.json.cursor;
        if (finished && !r.json.hasMore) return;
      }
    })();
    await Promise.all(
      clients.map((clientId, i) =>
        c.push(i % 2 ? 'agent1' : 'agent2', clientId, ids[i]!.map((id, j) => mut(j + 1, 'call.create', callCreate(id)))),
      ),
    );
    done = true;
    await puller;
    for (const id of ids.flat()) expect(got.has(`call/${id}`), id).toBe(true);
    expect(cursor).toBe((await c.footprint()).seq);
  });

  it('control: without the writer lock a sequence-numbered late commit IS skipped (what the lock prevents)', async () => {
    const url = pgUrl();
    await adminQuery('DROP TABLE IF EXISTS late_commit_demo; CREATE TABLE late_commit_demo (seq BIGSERIAL PRIMARY KEY, v TEXT)');
    const t1 = new pg.Client({ connectionString: url });
    const t2 = new pg.Client({ connectionString: url });
    await Promise.all([t1.connect(), t2.connect()]);
    try {
      await t1.query('BEGIN');
      await t1.query("INSERT INTO late_commit_demo (v) VALUES ('late')");
      await t2.query('BEGIN');
      await t2.query("INSERT INTO late_commit_demo (v) VALUES ('early')");
      await t2.query('COMMIT');
      const first = await t2.query('SELECT seq FROM late_commit_demo WHERE seq > 0 ORDER BY seq');
      const cursor = Number(first.rows.at(-1).seq);
      await t1.query('COMMIT');
      const next = await t2.query('SELECT seq FROM late_commit_demo WHERE seq > $1', [cursor]);
      const all = await t2.query('SELECT seq FROM late_commit_demo');
      expect(next.rows).toHaveLength(0);
      expect(all.rows).toHaveLength(2);
    } finally {
      await Promise.all([t1.end(), t2.end()]);
      await adminQuery('DROP TABLE IF EXISTS late_commit_demo');
    }
  });
});
