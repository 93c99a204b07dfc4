import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { SIGNATURE_LINE } from '../../electron/core/export/trackingStream';
import { jobsOf } from '../../electron/core/jobs/runner';
import { whereOf } from '../../electron/core/store/tracking';
import { api } from '../../shared/api/contract';
import type { JobChunk, JobStatus } from '../../shared/api/jobsTypes';
import type { TrackingView } from '../../shared/domain/tracking';
import { openTestConsole, type TestConsole, tmpDir } from '../helpers/core';

/**
 * Annex 3 exported in full as a job (tracking.exportStart): every row of the view, more than one chunk,
 * written a chunk at a time between other requests, with progress, cancel and a one-time file.
 */

const NOW = Date.parse('2026-11-22T02:00:00.000Z');
const N = 5000;
/** More than a view the core selects at once by its filter's index: such views are selected by scanning the table in steps. */
const MANY = 2000;
let c: TestConsole;
let events: JobStatus[] = [];

beforeAll(async () => {
  const dir = tmpDir('hd-export-full-');
  await bulkDemo({ dataDir: dir, customers: 0, calls: 0, complaints: N, days: 90, now: NOW, seed: 11 });
  c = openTestConsole(dir);
  c.clock.t = NOW;
  c.core.onEvent((name, payload) => {
    if (name === 'job.progress') events.push(payload as JobStatus);
  });
  await c.login('lead', DEMO_PASSWORD);
}, 120_000);
afterAll(() => c?.close());
// A test that failed midway leaves no export running into the next.
afterEach(async () => {
  await c.login('lead', DEMO_PASSWORD);
  for (const e of events.filter((x) => x.state === 'running')) {
    await c.call('jobs.cancel', { jobId: e.jobId });
    await settled(e.jobId);
  }
});

const exportsDir = () => jobsOf(c.core.context).dir;
const settled = (jobId: string) => jobsOf(c.core.context).settled(jobId);

/** The finished file, through jobs.read piece by piece (as the desktop app takes it). */
async function readAll(jobId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const piece: JobChunk = await c.ok('jobs.read', { jobId, offset });
    parts.push(Buffer.from(piece.base64, 'base64'));
    offset = piece.next;
  }
  return Buffer.concat(parts);
}

/** The reference: the view's complaint numbers, plainly filtered and sorted by SQLite. */
function expectedNos(view: TrackingView, order: string): string[] {
  const db = c.core.context.db;
  const where = whereOf(db, view, c.core.context.now());
  return db.prepare(`SELECT complaint_no FROM complaints WHERE ${where.sql} ORDER BY ${order}`).pluck().all(...where.args) as string[];
}

describe('tracking.exportStart: annex 3 in full', () => {
  it('writes every row of the view to .xlsx, more than one chunk, in the sheet order, with Chinese headers and signature lines', async () => {
    events = [];
    const started = await c.ok('tracking.exportStart', { sort: 'receivedAt', dir: 'desc', format: 'xlsx' });
    const nos = expectedNos({ sort: 'receivedAt', dir: 'desc' }, 'received_at DESC, id DESC');
    expect(nos.length).toBeGreaterThan(MANY);
    // First the view is selected from the table's rows (the total is the table's size), then written.
    expect(started).toMatchObject({ kind: 'tracking_export', state: 'running', phase: 'select', done: 0, total: N });
    expect(started.filename).toMatch(/^客户投诉及处理跟踪表-\d{12}\.xlsx$/);
    await settled(started.jobId);

    const mine = events.filter((e) => e.jobId === started.jobId);
    // Progress events count up within each phase; the last says done, with the file's row count.
    const writing = mine.filter((e) => e.phase === 'write');
    expect(writing[0]).toMatchObject({ done: 0, total: nos.length });
    for (const phase of ['select', 'write']) {
      const dones = mine.filter((e) => e.phase === phase).map((e) => e.done);
      expect(dones, phase).toEqual([...dones].sort((a, b) => a - b));
    }
    expect(mine.at(-1)).toMatchObject({ state: 'done', phase: 'write', done: nos.length, total: nos.length });
    const status = await c.ok('jobs.status', { jobId: started.jobId });
    expect(status.state).toBe('done');

    const file = await readAll(started.jobId);
    expect(file.length).toBe(status.size);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('投诉编号');
    expect(ws.getRow(1).getCell(2).value).toBe('登记时间');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Printed: A4 landscape, the header row on every page, page numbers in the footer.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1' });
    expect(ws.headerFooter.oddFooter).toContain('&P');
    // Header, N data rows, a blank row, the signature line.
    expect(ws.rowCount).toBe(1 + nos.length + 2);
    const got: string[] = [];
    for (let i = 2; i <= nos.length + 1; i++) got.push(ws.getRow(i).getCell(1).value as string);
    expect(got).toEqual(nos);
    expect(ws.getRow(nos.length + 3).getCell(1).value).toBe(SIGNATURE_LINE[0]);
    // The file was taken: it is gone, and cannot be taken again.
    expect(fs.readdirSync(exportsDir())).toEqual([]);
    expect(await c.call('jobs.read', { jobId: started.jobId, offset: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('exports a filtered, sorted view to CSV: the rows of the sheet, none missing', async () => {
    events = [];
    const view: TrackingView = { severity: ['general'], sort: 'nextDeadline', dir: 'asc' };
    const nos = expectedNos(view, '(next_deadline IS NULL), next_deadline, id');
    expect(nos.length).toBeGreaterThan(MANY);
    const started = await c.ok('tracking.exportStart', { ...view, format: 'csv' });
    await settled(started.jobId);
    expect(await c.ok('jobs.status', { jobId: started.jobId })).toMatchObject({ state: 'done', total: nos.length });
    const text = (await readAll(started.jobId)).toString('utf8');
    expect(text.startsWith('\uFEFF投诉编号,登记时间,客户,')).toBe(true);
    const lines = text.split('\r\n');
    // Header, rows, blank line, signatures, and the empty string after the last line end.
    expect(lines.slice(1, nos.length + 1).map((l) => l.split(',')[0])).toEqual(nos);
    expect(lines.at(-2)).toContain('填表人');
  });

  it('selects a narrow view at once by its index, and writes it in sheet order (text as SQLite sorts it)', async () => {
    events = [];
    const view: TrackingView = { status: ['registered', 'in_handling'], sort: 'complainant', dir: 'asc' };
    // A name past U+FFFF and one in U+E000–U+FFFF: JavaScript's own string order would swap them.
    const crisis = (await c.ok('tracking.query', { ...view, limit: 2 })).rows;
    expect(crisis).toHaveLength(2);
    await c.ok('complaints.edit', { id: crisis[0]!.id, fields: { complainant: '𠀀先生' } });
    await c.ok('complaints.edit', { id: crisis[1]!.id, fields: { complainant: '\uff5a女士' } });
    const nos = expectedNos(view, 'complainant, id');
    expect(nos.indexOf(crisis[1]!.complaintNo)).toBeLessThan(nos.indexOf(crisis[0]!.complaintNo));
    expect(nos.length).toBeGreaterThan(0);
    expect(nos.length).toBeLessThanOrEqual(MANY);
    const started = await c.ok('tracking.exportStart', { ...view, format: 'csv' });
    // Nothing to scan: the view was selected when the export started.
    expect(started).toMatchObject({ phase: 'select', done: N, total: N });
    await settled(started.jobId);
    const lines = (await readAll(started.jobId)).toString('utf8').split('\r\n');
    expect(lines.slice(1, nos.length + 1).map((l) => l.split(',')[0])).toEqual(nos);
  });

  it('is audited when it starts: one export row naming the file and the view', async () => {
    events = [];
    const started = await c.ok('tracking.exportStart', { severity: ['major'], sort: 'receivedAt', dir: 'desc', format: 'xlsx' });
    const row = c.core.context.db.prepare("SELECT * FROM audit_log WHERE action = 'export' AND entity = 'tracking_sheet' ORDER BY rowid DESC LIMIT 1").get() as Record<string, string>;
    expect(JSON.stringify(row)).toContain(started.filename);
    expect(JSON.parse(row.detail!)).toMatchObject({ format: 'xlsx', full: true, view: { severity: ['major'] } });
    await c.ok('jobs.cancel', { jobId: started.jobId });
    await settled(started.jobId);
  });

  it('cancel stops it at the next chunk and deletes the partial file', async () => {
    events = [];
    const started = await c.ok('tracking.exportStart', { sort: 'receivedAt', dir: 'asc', format: 'xlsx' });
    // Cancelled once the first chunk is written: the partial file exists then.
    const first = new Promise<void>((resolve) => {
      const off = c.core.onEvent((name, p) => {
        const s = p as JobStatus;
        if (name === 'job.progress' && s.jobId === started.jobId && s.phase === 'write' && s.done > 0) {
          off();
          resolve();
        }
      });
    });
    await first;
    expect(fs.readdirSync(exportsDir())).toEqual([`${started.jobId}.xlsx`]);
    const cancelled = await c.ok('jobs.cancel', { jobId: started.jobId });
    expect(cancelled.state).toBe('cancelled');
    await settled(started.jobId);
    const mine = events.filter((e) => e.jobId === started.jobId);
    const at = cancelled.done;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(started.total);
    expect(mine.at(-1)).toMatchObject({ state: 'cancelled', phase: 'write', done: at });
    // Nothing was written after the cancel.
    expect(mine.filter((e) => e.phase === 'write' && e.done > at)).toEqual([]);
    expect(fs.readdirSync(exportsDir())).toEqual([]);
    expect(await c.ok('jobs.status', { jobId: started.jobId })).toMatchObject({ state: 'cancelled', done: at });
    expect(await c.call('jobs.read', { jobId: started.jobId, offset: 0 })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('answers other requests while an export runs (they are served between its chunks)', async () => {
    const order: string[] = [];
    events = [];
    const started = await c.ok('tracking.exportStart', { sort: 'receivedAt', dir: 'desc', format: 'xlsx' });
    const midway = new Promise<void>((resolve) => {
      const off = c.core.onEvent((name, p) => {
        const s = p as JobStatus;
        if (name !== 'job.progress' || s.jobId !== started.jobId) return;
        order.push(`${s.state} ${s.phase} ${s.done}`);
        if (s.phase === 'write' && s.done > 0) resolve();
        if (s.state !== 'running') off();
      });
    });
    await midway;
    // Asked after the first chunk: answered before the export is done (the call screen's lookups likewise).
    const page = await c.ok('tracking.query', { sort: 'receivedAt', dir: 'desc', limit: 10 });
    order.push('tracking.query answered');
    await c.ok('auth.session', {});
    order.push('auth.session answered');
    await settled(started.jobId);
    expect(page.rows).toHaveLength(10);
    const done = order.findIndex((e) => e.startsWith('done'));
    const firstWritten = order.findIndex((e) => /^running write [1-9]/.test(e));
    expect(firstWritten).toBeGreaterThan(0);
    expect(order.indexOf('tracking.query answered')).toBeGreaterThan(firstWritten);
    expect(order.indexOf('tracking.query answered')).toBeLessThan(done);
    expect(order.indexOf('auth.session answered')).toBeLessThan(done);
    // Written after the answers: the export went on where it was.
    expect(order.slice(order.indexOf('auth.session answered')).some((e) => /^running write/.test(e))).toBe(true);
    await c.ok('jobs.cancel', { jobId: started.jobId });
  });

  it('one export at a time per user; a job is its owner’s alone (an administrator gets not_found)', async () => {
    events = [];
    const started = await c.ok('tracking.exportStart', { sort: 'receivedAt', dir: 'desc', format: 'csv' });
    expect(await c.call('tracking.exportStart', { sort: 'receivedAt', dir: 'desc', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    await c.login('admin', DEMO_PASSWORD);
    for (const m of ['jobs.status', 'jobs.cancel'] as const)
      expect(await c.call(m, { jobId: started.jobId }), m).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await settled(started.jobId);
    expect(await c.call('jobs.read', { jobId: started.jobId, offset: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const who of ['agent', 'officer', 'zhijian']) {
      await c.login(who, DEMO_PASSWORD);
      expect(await c.call('tracking.exportStart', { format: 'xlsx' }), who).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await c.call('jobs.status', { jobId: started.jobId }), who).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    await c.login('lead', DEMO_PASSWORD);
    // Cancelling a finished job discards its file unread.
    expect(await c.ok('jobs.cancel', { jobId: started.jobId })).toMatchObject({ state: 'cancelled' });
    expect(fs.readdirSync(exportsDir())).toEqual([]);
    expect(await c.call('jobs.status', { jobId: '01a20584-06f7-7129-91b2-27fa7cfc5475' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('takes the same board drill-downs as tracking.export', () => {
    const listOf = (m: 'tracking.export' | 'tracking.exportStart') => (api[m].params.shape.list.unwrap() as { options: string[] }).options;
    expect(listOf('tracking.exportStart')).toEqual(listOf('tracking.export'));
  });
});
