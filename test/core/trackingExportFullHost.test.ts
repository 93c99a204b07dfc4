import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { type Host, startHost } from '../../electron/core/host/server';
import { jobsOf } from '../../electron/core/jobs/runner';
import type { JobStatus } from '../../shared/api/jobsTypes';
import { tmpDir } from '../helpers/core';

/**
 * The browser host hands a finished export over at GET /jobs/<id>/file: to the session of the user who
 * started it, once; then the file is gone.
 */
let host: Host;

async function logIn(username: string): Promise<string> {
  const res = await fetch(`${host.url}/rpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotline': '1' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.ok).toBe(true);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
async function rpc<R>(cookie: string, method: string, params: unknown): Promise<R> {
  const res = await fetch(`${host.url}/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotline': '1', cookie }, body: JSON.stringify(params) });
  const env = (await res.json()) as { ok: boolean; result: R; error?: unknown };
  if (!env.ok) throw new Error(`${method}: ${JSON.stringify(env.error)}`);
  return env.result;
}
const file = (jobId: string, cookie?: string) => fetch(`${host.url}/jobs/${jobId}/file`, { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  const dir = tmpDir('hd-export-host-');
  await bulkDemo({ dataDir: dir, customers: 0, calls: 0, complaints: 300, days: 30, seed: 11 });
  host = await startHost({ dataDir: dir, port: 0, rendererDir: '/nonexistent', logLevel: 'silent' });
}, 120_000);
afterAll(() => host?.close());

describe('GET /jobs/<id>/file', () => {
  it('downloads a finished export to its owner once, named in Chinese, and to nobody else', async () => {
    const lead = await logIn('lead');
    const admin = await logIn('admin');
    const started = await rpc<JobStatus>(lead, 'tracking.exportStart', { format: 'xlsx' });
    await jobsOf(host.core.context).settled(started.jobId);
    expect((await rpc<JobStatus>(lead, 'jobs.status', { jobId: started.jobId })).state).toBe('done');

    expect((await file(started.jobId)).status).toBe(401);
    // Another user's session (an administrator's too) learns nothing, and does not use it up.
    expect((await file(started.jobId, admin)).status).toBe(404);
    const res = await file(started.jobId, lead);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(started.filename)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    const total = (await rpc<JobStatus>(lead, 'jobs.status', { jobId: started.jobId })).total;
    expect(total).toBeGreaterThan(0);
    expect(wb.worksheets[0]!.rowCount).toBe(1 + total + 2);
    // Once: the second request finds nothing, and the file is gone from the exports folder.
    expect((await file(started.jobId, lead)).status).toBe(404);
    // Deleted when the response's stream has closed, just after the body was sent.
    const dir = jobsOf(host.core.context).dir;
    for (let i = 0; i < 100 && fs.readdirSync(dir).length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
