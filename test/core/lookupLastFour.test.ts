import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/** Caller lookup (issue 6): by the last four digits as an index seek, by the full number with its read audit. */

let c: TestConsole;
afterEach(() => c?.close());

async function customers() {
  c = await seededConsole();
  await c.login('agent1', PASSWORD);
  const make = async (name: string, phones: string[]) => {
    const made = await c.ok('customers.create', { name, organisation: '', address: '', phones, serviceRequirements: '', notes: '' });
    c.clock.advance(1000);
    return made;
  };
  return {
    mobile: await make('周丽', ['138 0000 1234']),
    landline: await make('王强', ['0571-8888 1234', '13700005678']),
    middle: await make('陈敏', ['13912340000']),
    other: await make('刘洋', ['13655556666']),
  };
}

const names = (xs: { name: string }[]) => xs.map((x) => x.name);

describe('caller lookup', () => {
  it('finds callers by the last four digits of any of their numbers, newest customer first, and nothing else', async () => {
    await customers();
    expect(names(await c.ok('customers.search', { q: '1234' }))).toEqual(['王强', '周丽']);
    expect(names(await c.ok('customers.search', { q: ' 5678 ' }))).toEqual(['王强']);
    expect(names(await c.ok('customers.search', { q: '1234', limit: 1 }))).toEqual(['王强']);
    expect(await c.ok('customers.search', { q: '9999' })).toEqual([]);
    // Other lengths keep matching anywhere in the number.
    expect(names(await c.ok('customers.search', { q: '12340' }))).toEqual(['陈敏']);
    expect(names(await c.ok('customers.search', { q: '88881234' }))).toEqual(['王强']);
    expect(names(await c.ok('customers.search', { q: '周丽' }))).toEqual(['周丽']);
  });

  it('seeks the phone indexes (last four digits, full and local number) instead of scanning', async () => {
    await customers();
    const plan = (
      c.core.context.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT c.* FROM (SELECT DISTINCT customer_id FROM customer_phones WHERE substr(normalized, -4) = ? ORDER BY customer_id DESC LIMIT ?) p
           JOIN customers c ON c.id = p.customer_id ORDER BY c.id DESC`,
        )
        .all('1234', 30) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/customer_phones USING (COVERING )?INDEX customer_phones_last4 \(<expr>=\?\)/);
    expect(plan).not.toMatch(/SCAN customer_phones/);
    // The screen pop by full number: index seeks on both the full and the local number, no scan of customers.
    const pop = (
      c.core.context.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT * FROM customers WHERE id IN (SELECT customer_id FROM customer_phones WHERE normalized IN (?, ?)
           UNION ALL SELECT customer_id FROM customer_phones WHERE local = ?) ORDER BY updated_at DESC LIMIT 20`,
        )
        .all('057188881234', '88881234', '88881234') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(pop).toMatch(/customer_phones_normalized/);
    expect(pop).toMatch(/customer_phones_local/);
    expect(pop).not.toMatch(/SCAN/);
  });

  it('audits every customer a screen pop shows, and leaves the store waiting for the disk again', async () => {
    const made = await customers();
    const db = c.core.context.db;
    // One row per screen pop; these pops each show one customer.
    const audits = () =>
      (db.prepare("SELECT record_ids FROM audit_log WHERE action = 'view' AND detail = 'screen pop'").pluck().all() as string[]).flatMap((ids) => JSON.parse(ids) as string[]).sort();
    const pop = await c.ok('customers.lookup', { phone: '88881234' });
    expect(names(pop.matches.map((m) => m.customer))).toEqual(['王强']);
    expect(audits()).toEqual([made.landline.id]);
    expect((await c.ok('customers.lookup', { phone: '13655556666' })).matches).toHaveLength(1);
    expect(audits()).toEqual([made.landline.id, made.other.id].sort());
    expect((await c.ok('customers.lookup', { phone: '13000000000' })).matches).toEqual([]);
    expect(audits()).toHaveLength(2);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });
});
