/**
 * One full export of annex 3 in a process of its own (so that its memory is the export's): started by
 * test/bench/trackingExport.ts as `node --import tsx test/bench/trackingExportRun.ts <dataDir> <format>`;
 * prints one line of JSON. Meanwhile a request is made every 20 ms, each timed from when it was due: how
 * long the call screen would wait for an answer while the export runs.
 */
import fs from 'node:fs';
import { openCore } from '../../electron/core/index';
import { jobsOf } from '../../electron/core/jobs/runner';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import type { JobStatus } from '../../shared/api/jobsTypes';
import { loadOrCreateStoreKey } from '../../shared/node/storeKey';

const [dataDir, format] = process.argv.slice(2) as [string, 'xlsx' | 'csv'];
const kb = (field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);

const core = openCore({ dataDir, key: loadOrCreateStoreKey(dataDir, 'HOTLINE_DB_KEY').key, sync: false });
let token: string | null = null;
async function call<R>(method: string, params: unknown): Promise<R> {
  const out = await core.invoke(token, method, params);
  if (out.token !== undefined) token = out.token;
  if (!out.envelope.ok) throw new Error(`${method}: ${JSON.stringify(out.envelope.error)}`);
  return out.envelope.result as R;
}

await call('auth.login', { username: 'lead', password: DEMO_PASSWORD });
await call('tracking.query', { limit: 100 });
// exceljs is loaded once per process, at the first export of any kind: timed apart from the export.
let t = performance.now();
await import('exceljs');
const importMs = performance.now() - t;
const baselineKb = kb('VmRSS');
// The peak from here on: 5 resets the kernel's high-water mark to the current size.
fs.writeFileSync('/proc/self/clear_refs', '5');

const waits: number[] = [];
let running = true;
const ticker = (async () => {
  let due = performance.now() + 20;
  while (running) {
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    await call('auth.session', {});
    const now = performance.now();
    waits.push(now - due);
    due = now + 20;
  }
})();

t = performance.now();
const started = await call<JobStatus>('tracking.exportStart', { sort: 'receivedAt', dir: 'desc', format });
await jobsOf(core.context).settled(started.jobId);
const seconds = (performance.now() - t) / 1000;
running = false;
await ticker;
const peakKb = kb('VmHWM');
const done = await call<JobStatus>('jobs.status', { jobId: started.jobId });
await call('jobs.cancel', { jobId: started.jobId });
core.close();
console.log(JSON.stringify({ format, state: done.state, rows: done.total, size: done.size, seconds, importMs, baselineKb, peakKb, waits }));
