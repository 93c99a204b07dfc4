import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, seededConsole, type TestConsole } from '../helpers/core';

/**
 * The customer page lists customers before anything is searched (issue 14): customers.search without a
 * query answers the files touched most recently, through the same audited read and masking as a search.
 */

let c: TestConsole;
afterEach(() => c?.close());

async function customers() {
  c = await seededConsole();
  await c.login('agent1', PASSWORD);
  const make = async (name: string, phone: string, keyAccount = false) => {
    const made = await c.ok('customers.create', { name, organisation: '宏达纺织', address: `杭州市文三路 ${name} 号`, phones: [phone], serviceRequirements: '', notes: '', keyAccount });
    c.clock.advance(1000);
    return made;
  };
  return {
    first: await make('周丽', '13905710001'),
    second: await make('王强', '13905710002', true),
    third: await make('陈敏', '13905710003'),
  };
}

const names = (xs: { name: string }[]) => xs.map((x) => x.name);
const auditRows = () =>
  c.core.context.db.prepare("SELECT record_ids, detail FROM audit_log WHERE action = 'search' AND entity = 'customer' ORDER BY seq").all() as {
    record_ids: string;
    detail: string;
  }[];

describe('customers.search without a query: the recent customers', () => {
  it('lists the files touched most recently first; an edit brings a file to the top; the limit and the key-account filter hold', async () => {
    const { first } = await customers();
    expect(names(await c.ok('customers.search', {}))).toEqual(['陈敏', '王强', '周丽']);
    expect(names(await c.ok('customers.search', { q: '   ' }))).toEqual(['陈敏', '王强', '周丽']);
    await c.ok('customers.update', { id: first.id, fields: { notes: '改过' } });
    expect(names(await c.ok('customers.search', { limit: 2 }))).toEqual(['周丽', '陈敏']);
    expect(names(await c.ok('customers.search', { keyAccount: true }))).toEqual(['王强']);
    // The filter narrows a search too.
    expect(names(await c.ok('customers.search', { q: '宏达', keyAccount: true }))).toEqual(['王强']);
    expect(names(await c.ok('customers.search', { q: '0002', keyAccount: true }))).toEqual(['王强']);
    expect(await c.ok('customers.search', { q: '0001', keyAccount: true })).toEqual([]);
  });

  it('is an audited read naming every customer listed', async () => {
    const { first, second, third } = await customers();
    const before = auditRows().length;
    await c.ok('customers.search', {});
    const rows = auditRows().slice(before);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.record_ids).sort()).toEqual([first.id, second.id, third.id].sort());
    expect(rows[0]!.detail).toBe('recent customers');
  });

  it('masks numbers and addresses by the role’s setting, as a search does', async () => {
    await customers();
    await c.login('admin', PASSWORD);
    const listed = await c.ok('customers.search', {});
    expect(listed).toHaveLength(3);
    for (const cu of listed) {
      expect(cu.phones.map((p) => p.raw).join()).not.toMatch(/1390571000\d/);
      expect(cu.address).not.toContain('文三路');
      expect(cu.masked).toEqual(expect.arrayContaining(['phone', 'address']));
    }
    await c.login('agent1', PASSWORD);
    expect((await c.ok('customers.search', {}))[0]!.phones[0]!.raw).toBe('13905710003');
  });

  it('every role may list; without a session it is refused', async () => {
    await customers();
    for (const u of ['agent1', 'officer', 'lead', 'admin']) {
      await c.login(u, PASSWORD);
      expect(await c.ok('customers.search', {})).toHaveLength(3);
    }
    await c.ok('auth.logout', {});
    expect(await c.raw('customers.search', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
