import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script shared with `npm run lint`
import { checkImports, describeRules } from '../../scripts/check-imports.mjs';

const check = checkImports as (root?: string) => string[];
const rules = describeRules as () => string[];
let dir: string;
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

// Not test/helpers/core's tmpDir: that module opens the whole core, and this test must run (and say
// what is wrong) even while the core does not load.
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hd-imports-'));

function write(rel: string, src: string) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), src);
}

/** A fresh tree holding `files`, checked. */
function checkTree(files: Record<string, string>): string[] {
  dir = tmpDir();
  for (const [rel, src] of Object.entries(files)) write(rel, src);
  return check(dir).sort();
}

const STORE = 'electron/core/store/ may import only store/, errors.ts, context.ts, shared/ and packages';
const WRITE = 'electron/core/write/ (the one write path) may import only write/, store/, errors.ts, context.ts, shared/ and packages';
const SYNC = 'electron/core/sync/ may not import services/, dispatcher.ts, handler.ts, host/ or demo/';
const SERVICES = 'services never import each other (move what both need into store/ or write/)';
const MIGRATION =
  'a migration (electron/core/db/migrations/) may import only other migrations, shared/ and packages (it must keep working as the code around it changes)';
const SHARED_NODE = 'shared/node is for Node processes only: renderer/, electron/preload/ and the rest of shared/ may not import it';
const BUILTINS = 'shared/ outside shared/node runs in the page too, so it may not import Node built-ins';
const CIRCLE = 'no import circles among value imports in electron/core/, server/, shared/';

describe('import rules (docs/architecture.md, "Folders and who may import whom")', () => {
  // Fails while electron/core is being restructured into store/, write/, services/ and sync/.
  it('hold for this repository', () => {
    expect(check()).toEqual([]);
  });

  it('catch electron in core, renderer reaching into electron/, and shared importing anything of ours', () => {
    expect(
      checkTree({
        'electron/core/a.ts': "import { app } from 'electron';\n",
        'renderer/src/b.tsx': "import { openCore } from '../../electron/core/index';\n",
        'shared/c.ts': "export * from '../server/x';\n",
        'electron/main/ok.ts': "import { app } from 'electron';\nimport { openCore } from '../core/index';\n",
        'server/d.ts': "const x = await import('../electron/core/index');\n",
      }),
    ).toEqual([
      "only electron/main/ and electron/preload/ may import 'electron': electron/core/a.ts:1 → 'electron'",
      "renderer/ may import only itself, shared/ and packages: renderer/src/b.tsx:1 → electron/core/index ('../../electron/core/index')",
      "server/ may import only itself, shared/ and packages: server/d.ts:1 → electron/core/index ('../electron/core/index')",
      "shared/ may import only itself and packages: shared/c.ts:1 → server/x ('../server/x')",
    ]);
  });

  it('keep the store below everything else in the core', () => {
    expect(
      checkTree({
        'electron/core/store/calls.ts': [
          "import { board } from '../services/board';",
          "import { ApiFailure } from '../errors';",
          "import type { CoreContext } from '../context';",
          "import { stmt } from './stmt';",
          "import { randomUUID } from 'node:crypto';",
          "import { hashPassword } from '../../../shared/node/password';",
          '',
        ].join('\n'),
        'electron/core/store/stmt.ts': 'export const stmt = 1;\n',
        'electron/core/services/board.ts': 'export const board = 1;\n',
        'electron/core/errors.ts': 'export class ApiFailure {}\n',
        'electron/core/context.ts': 'export interface CoreContext {}\n',
        'shared/node/password.ts': "import { scrypt } from 'node:crypto';\nexport const hashPassword = scrypt;\n",
      }),
    ).toEqual([`${STORE}: electron/core/store/calls.ts:1 → electron/core/services/board.ts`]);
  });

  it('keep the write path off services, sync and the dispatcher', () => {
    expect(
      checkTree({
        'electron/core/write/runMutation.ts': [
          "import { settingsOf } from '../services/admin';",
          "import { engineOf } from '../sync/engine';",
          "import { dispatch } from '../dispatcher';",
          "import { stmt } from '../store/stmt';",
          "import { audited } from './audited';",
          '',
        ].join('\n'),
        'electron/core/write/audited.ts': 'export const audited = 1;\n',
        'electron/core/services/admin.ts': 'export const settingsOf = 1;\n',
        'electron/core/sync/engine.ts': 'export const engineOf = 1;\n',
        'electron/core/dispatcher.ts': 'export const dispatch = 1;\n',
        'electron/core/store/stmt.ts': 'export const stmt = 1;\n',
      }),
    ).toEqual([
      `${WRITE}: electron/core/write/runMutation.ts:1 → electron/core/services/admin.ts`,
      `${WRITE}: electron/core/write/runMutation.ts:2 → electron/core/sync/engine.ts`,
      `${WRITE}: electron/core/write/runMutation.ts:3 → electron/core/dispatcher.ts`,
    ]);
  });

  it('keep sync off the services', () => {
    expect(
      checkTree({
        'electron/core/sync/join.ts': "import { hashPassword } from '../services/password';\nimport { getMeta } from '../store/settings';\n",
        'electron/core/services/password.ts': 'export const hashPassword = 1;\n',
        'electron/core/store/settings.ts': 'export const getMeta = 1;\n',
      }),
    ).toEqual([`${SYNC}: electron/core/sync/join.ts:1 → electron/core/services/password.ts`]);
  });

  it('stop a service importing another service, but not a service split into a folder', () => {
    expect(
      checkTree({
        'electron/core/services/calls.ts': "import { findCustomer } from './customers';\nimport { actorOf } from '../handler';\n",
        'electron/core/services/customers.ts': "import { parse } from './tracking/parse';\nexport const findCustomer = parse;\n",
        'electron/core/services/tracking/index.ts': "import { parse } from './parse';\nexport const tracking = parse;\n",
        'electron/core/services/tracking/parse.ts': 'export const parse = 1;\n',
        'electron/core/handler.ts': 'export const actorOf = 1;\n',
      }),
    ).toEqual([
      `${SERVICES}: electron/core/services/calls.ts:1 → electron/core/services/customers.ts`,
      `${SERVICES}: electron/core/services/customers.ts:1 → electron/core/services/tracking/parse.ts`,
    ]);
  });

  it('keep migrations independent of the code that changes around them', () => {
    expect(
      checkTree({
        'electron/core/db/migrations/003_tracking.ts': [
          "import { callsTable } from '../../store/calls';",
          "import { rows } from './lib/003_tracking_data';",
          "import { digits } from '../../../../shared/domain/phone';",
          '',
        ].join('\n'),
        'electron/core/db/migrations/lib/003_tracking_data.ts': 'export const rows = 1;\n',
        'electron/core/store/calls.ts': 'export const callsTable = 1;\n',
        'shared/domain/phone.ts': 'export const digits = 1;\n',
      }),
    ).toEqual([`${MIGRATION}: electron/core/db/migrations/003_tracking.ts:1 → electron/core/store/calls.ts`]);
  });

  it('keep shared/node out of the renderer and Node built-ins out of the rest of shared/', () => {
    expect(
      checkTree({
        'renderer/src/login.tsx': "import { hashPassword } from '../../shared/node/password';\n",
        'shared/domain/users.ts': "import { randomBytes } from 'node:crypto';\nimport { readFileSync } from 'fs';\nimport { z } from 'zod';\n",
        'shared/node/password.ts': "import { scrypt } from 'node:crypto';\nexport const hashPassword = scrypt;\n",
        'electron/core/services/auth.ts': "import { hashPassword } from '../../../shared/node/password';\n",
        'server/password.ts': "export { hashPassword } from '../shared/node/password';\n",
      }),
    ).toEqual([
      `${BUILTINS}: shared/domain/users.ts:1 → 'node:crypto'`,
      `${BUILTINS}: shared/domain/users.ts:2 → 'fs'`,
      `${SHARED_NODE}: renderer/src/login.tsx:1 → shared/node/password.ts`,
    ]);
  });

  it('find a circle of two files, once, and ignore a circle closed only by a type import', () => {
    expect(
      checkTree({
        'electron/core/mutate.ts': "import { settingsOf } from './services/admin';\nexport const runSyncMutation = 1;\n",
        'electron/core/services/admin.ts': "import { runSyncMutation } from '../mutate';\nexport const settingsOf = 1;\n",
        'server/a.ts': "import { b } from './b';\nexport const a = 1;\n",
        'server/b.ts': "import type { a } from './a';\nexport const b = 1;\n",
      }),
    ).toEqual([`${CIRCLE}: electron/core/mutate.ts → electron/core/services/admin.ts → electron/core/mutate.ts`]);
  });

  it('name every file of a larger circle and resolve index.ts and .js specifiers', () => {
    expect(
      checkTree({
        'shared/a.ts': "import { b } from './b/index';\nexport const a = 1;\n",
        'shared/b/index.ts': "import { c } from '../c.js';\nexport const b = 1;\n",
        'shared/c.ts': "import { a } from './a';\nimport { b } from './b';\nexport const c = 1;\n",
      }),
    ).toEqual([`${CIRCLE}: shared/a.ts → shared/b/index.ts → shared/c.ts → shared/a.ts`]);
  });

  it('let type-only imports through, but not `import { type … }`, which still loads the module', () => {
    expect(
      checkTree({
        'electron/core/store/calls.ts': [
          "import type { Session } from '../services/sessions';",
          "export type { HandlerMap } from '../handler';",
          "import type * as sync from '../sync/engine';",
          "type Board = import('../services/board').Board;",
          "import { type Actor } from '../services/auth';",
          '',
        ].join('\n'),
        'electron/core/services/sessions.ts': 'export interface Session {}\n',
        'electron/core/services/board.ts': 'export interface Board {}\n',
        'electron/core/services/auth.ts': 'export interface Actor {}\n',
        'electron/core/handler.ts': 'export interface HandlerMap {}\n',
        'electron/core/sync/engine.ts': 'export const engine = 1;\n',
      }),
    ).toEqual([
      `${STORE}: electron/core/store/calls.ts:5 → electron/core/services/auth.ts (only types? write \`import type { … }\`: \`import { type … }\` still loads '../services/auth')`,
    ]);
  });

  it('read imports from code only, not from comments or strings', () => {
    expect(
      checkTree({
        'electron/core/store/notes.ts': [
          "// import { board } from '../services/board';",
          "/* export * from '../dispatcher'; */",
          "export const hint = \"import { x } from '../services/x'\";",
          "export const re = /import '..\\/host\\/cli'/;",
          // biome-ignore lint/suspicious/noTemplateCurlyInString: this fixture line is source code holding a template literal
          "export const t = `${1}import '../demo/seed'`;",
          "const lazy = () => import('../services/board');",
          '',
        ].join('\n'),
        'electron/core/services/board.ts': 'export const board = 1;\n',
      }),
    ).toEqual([`${STORE}: electron/core/store/notes.ts:6 → electron/core/services/board.ts`]);
  });

  it('start every violation with a rule the --rules list names', () => {
    const problems = checkTree({
      'renderer/src/a.tsx': "import { x } from '../../shared/node/x';\nimport { y } from '../../server/y';\n",
      'shared/node/x.ts': 'export const x = 1;\n',
      'shared/d.ts': "import { e } from './e';\nimport 'node:fs';\nexport const d = 1;\n",
      'shared/e.ts': "import { d } from './d';\nexport const e = 1;\n",
      'electron/core/sync/s.ts': "import '../host/server';\n",
      'electron/core/services/t.ts': "import { go } from '../demo/seed';\n",
    });
    expect(problems).toHaveLength(6);
    for (const p of problems) expect(rules().some((r) => p.startsWith(`${r}: `))).toBe(true);
  });
});
