import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DB_FILE } from '../../electron/core/db/open';
import { bulkDemo } from '../../electron/core/demo/bulk';
import { encryptPlaintextStore } from '../../shared/node/encryptedSqlite';
import { writeKeyFile } from '../../shared/node/storeKey';

/**
 * The tracking sheet over 200k complaints, as the end-to-end test (tracking.e2e.test.ts) and the bench
 * (`npm run bench -- tracking-ui`) both drive it: the cached store, and the timing of rows in the page.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
export const COMPLAINTS = 200_000;

/**
 * A store of 200k complaints takes a few minutes to write on two cores, so the first run writes it once
 * into the temp directory, keyed by the code that makes it (bulk writer, generators, migrations), and
 * later runs copy it. Its clock is the moment it was written; overdue flags are computed at query time.
 */
export async function seededTrackingStore(dataDir: string): Promise<void> {
  // Migrations keep frozen helpers in a lib/ folder: every file under migrations/ decides the store.
  const migrations = fs.readdirSync(path.join(ROOT, 'electron/core/db/migrations'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const sources = ['electron/core/demo/bulk.ts', 'electron/core/demo/data.ts', ...migrations.map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))];
  const hash = createHash('sha256');
  for (const f of sources.sort()) hash.update(fs.readFileSync(path.join(ROOT, f)));
  const cache = path.join(os.tmpdir(), `hd-e2e-tracking-${COMPLAINTS}-${hash.digest('hex').slice(0, 12)}`);
  if (!fs.existsSync(path.join(cache, 'done'))) {
    // Stores made by older code are 2 GB each and never used again.
    const prefix = `hd-e2e-tracking-${COMPLAINTS}-`;
    for (const old of fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith(prefix)))
      fs.rmSync(path.join(os.tmpdir(), old), { recursive: true, force: true });
    const started = Date.now();
    await bulkDemo({ dataDir: cache, customers: 20_000, calls: 0, complaints: COMPLAINTS, days: 365 });
    fs.writeFileSync(path.join(cache, 'done'), new Date().toISOString());
    console.log(`seeded ${COMPLAINTS} complaints in ${((Date.now() - started) / 1000).toFixed(0)} s (cached in ${cache})`);
  }
  // The host encrypts a plaintext store in place at its first start (minutes for 2.5 GB, past its start
  // timeout): the cached store is encrypted once, and each run gets the store and its key file.
  const keyHex = path.join(cache, 'store-key.hex');
  if (!fs.existsSync(keyHex)) {
    const started = Date.now();
    const key = randomBytes(32);
    encryptPlaintextStore(path.join(cache, DB_FILE), key);
    fs.writeFileSync(keyHex, key.toString('hex'));
    console.log(`encrypted the cached store in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  fs.copyFileSync(path.join(cache, DB_FILE), path.join(dataDir, DB_FILE));
  writeKeyFile(`${dataDir}.key`, Buffer.from(fs.readFileSync(keyHex, 'utf8'), 'hex'));
}

/** Rows must be on screen this soon after the query's answer reaches the page (issue 14). */
export const ANSWER_TO_ROWS_MS = 100;
/** ...and this soon after the click or the keystroke, not counting the search box's debounce. */
export const ACTION_TO_ROWS_MS = 300;

interface Watch {
  answers: number[];
  action: number;
  shown: number;
  painted: number;
}

// The code run in the page is plain JavaScript text: a transpiled function can carry helpers (tsx's
// __name) that do not exist in the page.

/**
 * An init script (context.addInitScript): in the page, before the app, notes when each
 * /rpc/tracking.query answer arrives (its fetch resolves) and when the user last clicked or typed.
 */
export const WATCH_TRACKING = {
  content: `
    window.__trk = { answers: [], action: 0, shown: 0, painted: 0 };
    const fetch0 = window.fetch.bind(window);
    window.fetch = async (...args) => {
      const res = await fetch0(...args);
      const url = String(args[0] instanceof Request ? args[0].url : args[0]);
      if (url.includes('/rpc/tracking.query')) window.__trk.answers.push(performance.now());
      return res;
    };
    for (const type of ['click', 'input']) document.addEventListener(type, () => { window.__trk.action = performance.now(); }, { capture: true });
  `,
};

/** Before an action: watch the DOM for the rows to change (and no spinner), then wait for the frame to be painted. */
const ARM = `(() => {
  const nos = () => [...document.querySelectorAll('[data-testid="tracking-row"]')].map((r) => r.getAttribute('data-complaint-no')).join();
  const before = nos();
  Object.assign(window.__trk, { answers: [], action: 0, shown: 0, painted: 0 });
  const seen = new MutationObserver(() => {
    if (nos() === before || document.querySelector('[data-testid="tracking-table"] .ant-spin-spinning')) return;
    seen.disconnect();
    window.__trk.shown = performance.now();
    // The frame after the change, then a task queued from it: that runs once the frame is painted.
    requestAnimationFrame(() => {
      const after = new MessageChannel();
      after.port1.onmessage = () => { window.__trk.painted = performance.now(); };
      after.port2.postMessage(0);
    });
  });
  seen.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

export async function armRows(page: Page): Promise<void> {
  await page.evaluate(ARM);
}

export interface RowTiming {
  /** From the query's answer reaching the page to the rows painted. */
  answerToRows: number;
  /** From the click or keystroke to the rows painted, less the search debounce when there is one. */
  actionToRows: number;
}

/** After the action: waits for the new rows to be painted and reads the times (page clock, ms). */
export async function rowTiming(page: Page, debounce = 0): Promise<RowTiming> {
  // Polled with plain evaluate: waitForFunction with a string is eval, which the app's CSP refuses.
  const until = Date.now() + 15_000;
  let m = (await page.evaluate('window.__trk')) as Watch;
  while (!m.painted) {
    if (Date.now() > until) throw new Error('the rows did not change within 15 s');
    await new Promise((r) => setTimeout(r, 10));
    m = (await page.evaluate('window.__trk')) as Watch;
  }
  // The last answer before the rows appeared is the one they show.
  const answer = Math.max(...m.answers.filter((a) => a <= m.shown));
  return { answerToRows: m.painted - answer, actionToRows: m.painted - m.action - debounce };
}
