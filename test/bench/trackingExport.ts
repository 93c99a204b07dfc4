import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tmpDir } from '../helpers/core';
import { COMPLAINTS, seededTrackingStore } from '../e2e/trackingSheet';
import { type Figure, pct, round } from './lib';

/**
 * `npm run bench -- tracking-export` (issue 16): annex 3 exported in full (tracking.exportStart, the
 * default view: every complaint, newest first) over the end-to-end test's 200k-complaint store, to .xlsx
 * and to CSV, each in a process of its own (test/bench/trackingExportRun.ts): how long it takes, the
 * process's peak resident memory beside its size before, and how long a request made meanwhile waits
 * (one every 20 ms, timed from when it was due). Figures, not tests.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
/** Targets: the memory an export may add, and the longest a request should wait behind one of its steps. */
const PEAK_ADDED_MB_MAX = 300;
const WAIT_P99_MS_MAX = 150;

interface Run {
  format: 'xlsx' | 'csv';
  state: string;
  rows: number;
  size: number;
  seconds: number;
  importMs: number;
  baselineKb: number;
  peakKb: number;
  waits: number[];
}

const one = (name: string, unit: string, value: number, target: string, met: boolean | null, notes?: Record<string, unknown>): Figure => ({
  figure: name,
  unit,
  p50: round(value),
  p99: null,
  throughput: null,
  throughputUnit: '',
  target,
  met,
  samples: 1,
  ...(notes ? { notes } : {}),
});

export async function benchTrackingExport(o: { log: (s: string) => void }): Promise<{ figures: Figure[]; notes: Record<string, unknown> }> {
  const figures: Figure[] = [];
  const notes: Record<string, unknown> = {};
  for (const format of ['xlsx', 'csv'] as const) {
    const dataDir = tmpDir('hd-bench-export-');
    try {
      o.log(`  copying the ${COMPLAINTS / 1000}k-complaint store (the end-to-end test's cache; the first run writes it)`);
      await seededTrackingStore(dataDir);
      o.log(`  exporting every row to ${format}`);
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/trackingExportRun.ts', dataDir, format], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const r = JSON.parse(out.trim().split('\n').at(-1)!) as Run;
      if (r.state !== 'done') throw new Error(`the ${format} export ended ${r.state}`);
      const added = (r.peakKb - r.baselineKb) / 1024;
      figures.push(one(`tracking export ${r.rows} rows → ${format}`, 's', r.seconds, '–', null, { sizeMb: round(r.size / 2 ** 20), rowsPerSecond: Math.round(r.rows / r.seconds) }));
      figures.push(
        one(`tracking export → ${format}: peak RSS added`, 'MB', added, `≤ ${PEAK_ADDED_MB_MAX} MB`, added <= PEAK_ADDED_MB_MAX, {
          baselineMb: round(r.baselineKb / 1024),
          peakMb: round(r.peakKb / 1024),
        }),
      );
      const p99 = round(pct(r.waits, 99));
      figures.push({
        figure: `a request during the ${format} export waits`,
        unit: 'ms',
        p50: round(pct(r.waits, 50)),
        p99,
        throughput: null,
        throughputUnit: '',
        target: `p99 ≤ ${WAIT_P99_MS_MAX} ms`,
        met: p99 !== null && p99 <= WAIT_P99_MS_MAX,
        samples: r.waits.length,
        notes: { maxMs: round(Math.max(...r.waits)) },
      });
      notes[format] = { rows: r.rows, sizeBytes: r.size, seconds: round(r.seconds, 2), baselineMb: round(r.baselineKb / 1024), peakMb: round(r.peakKb / 1024), exceljsImportMs: round(r.importMs) };
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}.key`, { force: true });
    }
  }
  return { figures, notes };
}
