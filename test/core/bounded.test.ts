/**
 * Bounded work: a zip bomb sent to callbacks.import, a draft flood, and requests over the body or depth
 * budget are refused with clean envelopes — in a browser host running as its own process, whose peak
 * memory (VmHWM) stays under 300 MB while the call screen's lookup keeps answering.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBounds, MAX_PARAMS_DEPTH, MAX_PARAMS_NODES, MAX_REQUEST_BYTES } from '../../shared/api/bounds';
import { MAX_DRAFT_TOTAL_BYTES, MAX_DRAFTS_PER_USER } from '../../shared/api/contract';
import { checkXlsxSize, MAX_XLSX_PART_BYTES, MAX_XLSX_UNPACKED_BYTES, readXlsx } from '../../electron/core/import/file';
import { PASSWORD, seededConsole, type TestConsole, tmpDir } from '../helpers/core';
import { freePort } from '../helpers/hub';
import { sqliteFactory } from '../server/harness';

const ROOT = path.resolve(import.meta.dirname, '../..');

// ---- a hand-made .xlsx (a zip), so that a bomb costs the test little -----------------------------

interface Part {
  name: string;
  data: Buffer;
  /** What the central directory claims the part unpacks to (a lying bomb claims little). */
  declaredSize?: number;
}

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const packed = deflateRawSync(p.data, { level: 9 });
    const size = p.declaredSize ?? p.data.length;
    const crc = crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(cd, name);
    offset += 30 + name.length + packed.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
/** Without `r` (optional in the format) every padding row is the same bytes, so the bomb packs 1000:1 like a real one. */
const row = (n: number | null, phone: string) =>
  n === null
    ? `<row><c t="inlineStr"><is><t>${phone}</t></is></c><c t="inlineStr"><is><t>周丽</t></is></c></row>`
    : `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${phone}</t></is></c><c r="B${n}" t="inlineStr"><is><t>周丽</t></is></c></row>`;

/** A minimal workbook whose first sheet has a 电话/姓名 header and `rows` data rows (or `padTo` bytes of them). */
function workbook(rows: number, opts: { padTo?: number; lie?: boolean } = {}): Buffer {
  const body: string[] = [row(1, '电话').replace('周丽', '姓名')];
  let n = 1;
  let bytes = 0;
  while (opts.padTo ? bytes < opts.padTo : n <= rows) {
    n++;
    const r = row(opts.padTo ? null : n, '13800138000');
    body.push(r);
    bytes += r.length;
  }
  const sheet = xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData></worksheet>`);
  return zip([
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(opts.lie ? { declaredSize: 4096 } : {}) },
  ]);
}

const MB = 1024 * 1024;

describe('imports are checked before anything is unpacked whole', () => {
  it('reads a small hand-made workbook by streaming its rows', async () => {
    const rows = await readXlsx(workbook(3), { maxRows: 100 });
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual(['电话', '姓名']);
    expect(rows[3]).toEqual(['13800138000', '周丽']);
  });

  it('refuses a 50 MB sheet by the sizes the zip declares, and one that lies about them by unpacking with a cap', () => {
    const bomb = workbook(0, { padTo: 50 * MB });
    expect(bomb.length).toBeLessThan(1 * MB);
    expect(() => checkXlsxSize(bomb)).toThrow(/unpacks to more than/);
    const liar = workbook(0, { padTo: 50 * MB, lie: true });
    expect(() => checkXlsxSize(liar)).toThrow(new RegExp(`xl/worksheets/sheet1.xml unpacks to more than ${MAX_XLSX_PART_BYTES}`));
    expect(MAX_XLSX_PART_BYTES).toBeLessThanOrEqual(MAX_XLSX_UNPACKED_BYTES);
  });

  it('stops reading past the row cap', async () => {
    await expect(readXlsx(workbook(300), { maxRows: 100 })).rejects.toThrow(/more than 100 rows/);
  });
});

describe('the request budget (shared/api/bounds.ts)', () => {
  it('lets the largest legitimate request through and refuses what is deeper, wider or larger', () => {
    expect(checkBounds({ kind: 'aftersale', fileName: 'x.xlsx', base64: 'A'.repeat(5 * MB) })).toBeNull();
    expect(checkBounds({ payload: { a: { b: { c: [1, 2, { d: 'x' }] } } } })).toBeNull();
    expect(checkBounds({ base64: 'A'.repeat(MAX_REQUEST_BYTES + 1) })?.code).toBe('payload_too_large');
    expect(checkBounds({ list: Array.from({ length: MAX_PARAMS_NODES }, () => 0) })?.code).toBe('payload_too_large');
    let deep: unknown = 1;
    for (let i = 0; i < MAX_PARAMS_DEPTH; i++) deep = [deep];
    expect(checkBounds(deep)).toBeNull();
    expect(checkBounds([deep])?.code).toBe('too_deep');
  });
});

describe('callbacks.import and drafts.save refuse cleanly (in-process)', () => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await seededConsole();
  });
  afterAll(() => c.close());

  it('a zip bomb, a CSV with too many rows, and a too-wide row get a field issue beside the file', async () => {
    const bomb = await c.raw('callbacks.import', { kind: 'aftersale', fileName: '名单.xlsx', base64: workbook(0, { padTo: 30 * MB }).toString('base64') });
    expect(bomb).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'base64', code: 'too_large' }] } });
    const many = `电话,姓名\n${'13800138000,周丽\n'.repeat(10_001)}`;
    const csv = await c.raw('callbacks.import', { kind: 'aftersale', fileName: '名单.csv', base64: Buffer.from(many).toString('base64') });
    expect(csv).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'base64', code: 'out_of_range', params: { maximum: 5000 } }] } });
    const wide = `电话,姓名\n${'x,'.repeat(300)}13800138000\n`;
    const w = await c.raw('callbacks.import', { kind: 'aftersale', fileName: '名单.csv', base64: Buffer.from(wide).toString('base64') });
    expect(w).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'base64', code: 'too_large' }] } });
    const good = await c.raw('callbacks.import', { kind: 'aftersale', fileName: '名单.xlsx', base64: workbook(2).toString('base64') });
    expect(good).toMatchObject({ ok: true, result: { totalRows: 2 } });
  });

  it('drafts are capped per user in number and in total size; other users and the record save are unaffected', async () => {
    await c.login('agent1', PASSWORD);
    for (let i = 0; i < MAX_DRAFTS_PER_USER; i++) await c.ok('drafts.save', { key: `call:k${i}`, payload: { content: 'x' } });
    const over = await c.raw('drafts.save', { key: 'call:one-more', payload: { content: 'x' } });
    expect(over).toMatchObject({ ok: false, error: { code: 'drafts_full' } });
    // The same key again is an update, not one more draft.
    expect((await c.raw('drafts.save', { key: 'call:k0', payload: { content: 'y' } })).ok).toBe(true);
    for (let i = 0; i < MAX_DRAFTS_PER_USER; i++) await c.ok('drafts.discard', { key: `call:k${i}` });

    const big = { content: '测'.repeat(80_000) }; // 240 KB of UTF-8, under the 256 KiB per draft
    let saved = 0;
    let refused: unknown = null;
    for (let i = 0; i < 20 && !refused; i++) {
      const env = await c.raw('drafts.save', { key: `call:big${i}`, payload: big });
      if (env.ok) saved++;
      else refused = env;
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'drafts_full' } });
    expect(saved * 240_000).toBeLessThanOrEqual(MAX_DRAFT_TOTAL_BYTES);
    await c.login('agent2', PASSWORD);
    expect((await c.raw('drafts.save', { key: 'call:big0', payload: big })).ok).toBe(true);
  });
});

// ---- the browser host as its own process ---------------------------------------------------------

interface Child {
  proc: ChildProcess;
  base: string;
  cookie: string;
  dataDir: string;
  log: () => string;
}

const vmHwmMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function rpc(h: Child, method: string, body: unknown): Promise<{ status: number; body: { ok: boolean; error?: { code: string; fields?: unknown[] } } }> {
  const res = await fetch(`${h.base}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hotline': '1', cookie: h.cookie },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const set = res.headers.get('set-cookie');
  if (set) h.cookie = set.split(';')[0]!;
  return { status: res.status, body: (await res.json()) as never };
}

async function startHostProcess(): Promise<Child> {
  const port = await freePort();
  const dataDir = tmpDir('hd-bounded-');
  let log = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/core/host/cli.ts', '--port', String(port), '--data', dataDir, '--renderer', '/nonexistent', '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => (log = (log + d).slice(-4000)));
  proc.stderr?.on('data', (d) => (log = (log + d).slice(-4000)));
  const h: Child = { proc, base: `http://127.0.0.1:${port}`, cookie: '', dataDir, log: () => log };
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`host exited: ${log}`);
    try {
      if ((await rpc(h, 'setup.status', {})).status === 200) return h;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`host did not start: ${log}`);
}

describe('Must show: the browser host process under a zip bomb and a draft flood', () => {
  let h: Child;
  beforeAll(async () => {
    h = await startHostProcess();
    const init = await rpc(h, 'setup.initialize', {
      organisationName: '某某纺织品检验所',
      hotline: '0571-88881234',
      areaCode: '0571',
      workstation: 'A07',
      admin: { username: 'admin', displayName: '王管理', password: PASSWORD },
    });
    expect(init.body.ok).toBe(true);
    await rpc(h, 'customers.create', { name: '周丽', organisation: '宏达', address: '杭州', phones: ['13800138000'], serviceRequirements: '', notes: '' });
  }, 60_000);
  afterAll(() => {
    h?.proc.kill('SIGKILL');
  });

  it('refuses a 50 MB-unpacked .xlsx (and one lying about its size) with too_large, under 300 MB peak, lookups answering meanwhile', async () => {
    // The first call of a method loads its modules; the call screen is warm in real use.
    await rpc(h, 'customers.lookup', { phone: '13800138000' });
    await rpc(h, 'callbacks.import', { kind: 'aftersale', fileName: '名单.xlsx', base64: workbook(1).toString('base64') });
    const before = vmHwmMb(h.proc.pid!);
    // Built first: making a bomb blocks this process, which would count against the lookups below.
    const bombs = [workbook(0, { padTo: 50 * MB }), workbook(0, { padTo: 50 * MB, lie: true })].map((b) => b.toString('base64'));
    const lookups: number[] = [];
    let importing = true;
    const screen = (async () => {
      while (importing) {
        const t = performance.now();
        const r = await rpc(h, 'customers.lookup', { phone: '13800138000' });
        expect(r.body.ok).toBe(true);
        lookups.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const answers = [];
    // Ten rounds of both, one after another, while the lookups run beside them.
    for (const bomb of [...bombs, ...bombs, ...bombs, ...bombs, ...bombs, ...bombs, ...bombs, ...bombs, ...bombs, ...bombs]) {
      const t = performance.now();
      const res = await rpc(h, 'callbacks.import', { kind: 'aftersale', fileName: '售后回访名单.xlsx', base64: bomb });
      answers.push({ ms: Math.round(performance.now() - t), res, packedKB: Math.round((bomb.length * 3) / 4 / 1024) });
      if (res.body.ok || res.body.error?.code !== 'invalid_params') console.log(JSON.stringify(res.body).slice(0, 500));
    }
    importing = false;
    await screen;
    const peak = vmHwmMb(h.proc.pid!);
    const slowest = Math.max(...lookups);
    console.log(
      `[bounded] host VmHWM ${before.toFixed(0)} MB at start → ${peak.toFixed(0)} MB after the bombs; ` +
        `${answers.length} imports of ${answers[0]!.packedKB} KB (50 MB unpacked) answered in ${Math.min(...answers.map((a) => a.ms))}–${Math.max(...answers.map((a) => a.ms))} ms; ` +
        `${lookups.length} lookups meanwhile, slowest ${slowest.toFixed(0)} ms`,
    );
    for (const a of answers) {
      expect(a.res.status).toBe(200);
      expect(a.res.body).toMatchObject({ ok: false, error: { code: 'invalid_params', fields: [{ field: 'base64', code: 'too_large' }] } });
    }
    expect(peak).toBeLessThan(300);
    expect(lookups.length).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(1000);
  }, 120_000);

  it('refuses a draft flood (count and size) and a 20,000-deep draft; the store grows by the cap at most', async () => {
    const storeBytes = () => fs.readdirSync(h.dataDir).reduce((n, f) => n + fs.statSync(path.join(h.dataDir, f)).size, 0);
    const storeBefore = storeBytes();
    const payload = { content: '测'.repeat(80_000) };
    const codes = new Map<string, number>();
    const t = performance.now();
    for (let i = 0; i < 200; i++) {
      const r = await rpc(h, 'drafts.save', { key: `call:flood${i}`, payload });
      const code = r.body.ok ? 'ok' : r.body.error!.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    const grew = storeBytes() - storeBefore;
    console.log(
      `[bounded] 200 drafts of 240 KB in ${Math.round(performance.now() - t)} ms: ${JSON.stringify(Object.fromEntries(codes))}; store and WAL grew ${(grew / MB).toFixed(1)} MB`,
    );
    // The 2 MiB of drafts, written once into the WAL and once into the store, plus pages: far from the 50 MB of before.
    expect(grew).toBeLessThan(8 * MB);
    expect(codes.get('ok')).toBeLessThanOrEqual(Math.floor(MAX_DRAFT_TOTAL_BYTES / 240_000));
    expect(codes.get('drafts_full')).toBeGreaterThan(150);
    expect(codes.has('internal')).toBe(false);

    // A body over the 6 MiB budget is answered 413 payload_too_large (test/core/host.test.ts).
    const deep = await rpc(h, 'drafts.save', `{"key":"call:deep","payload":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`);
    expect(deep.body).toMatchObject({ ok: false, error: { code: 'too_deep' } });
    expect(vmHwmMb(h.proc.pid!)).toBeLessThan(300);
    expect((await rpc(h, 'customers.lookup', { phone: '13800138000' })).body.ok).toBe(true);
  }, 60_000);
});

describe('the hub: a body limit per route, a depth budget and a request timeout', () => {
  let hub: Awaited<ReturnType<typeof sqliteFactory>>;
  beforeAll(async () => {
    hub = await sqliteFactory();
  });
  afterAll(() => hub?.close());

  const post = async (route: string, body: string) => {
    const res = await fetch(`${hub.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string } } };
  };

  it('refuses a 20,000-deep body with too_deep and a 1.1 MB login with payload_too_large, never internal', async () => {
    const deep = await post('/sync/push', `{"mutations":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect(deep).toMatchObject({ status: 400, body: { ok: false, error: { code: 'too_deep' } } });
    const login = await post('/auth/login', JSON.stringify({ username: 'admin', password: 'x'.repeat(1100 * 1024) }));
    expect(login).toMatchObject({ status: 413, body: { ok: false, error: { code: 'payload_too_large' } } });
    const wide = await post('/sync/push', JSON.stringify({ mutations: Array.from({ length: 1_100_000 }, () => 0) }));
    expect(wide).toMatchObject({ status: 413, body: { ok: false, error: { code: 'payload_too_large' } } });
    expect((await fetch(`${hub.url}/health`)).ok).toBe(true);
  });

  it('sets a request timeout and an idle timeout on its server', async () => {
    const { buildApp } = await import('../../server/hub');
    const { app } = await buildApp(hub.store, { logLevel: 'silent' });
    await app.ready();
    expect(app.server.requestTimeout).toBe(120_000);
    expect(app.server.timeout).toBe(75_000);
    await app.close();
  });
});
