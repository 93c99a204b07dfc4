import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script shared with `npm run lint`
import { checkImports } from '../../scripts/check-imports.mjs';
import { tmpDir } from '../helpers/core';

const check = checkImports as (root?: string) => string[];
let dir: string;
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, src: string) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), src);
}

describe('import rules (ARCHITECTURE §1)', () => {
  it('hold for this repository', () => {
    expect(check()).toEqual([]);
  });

  it('catch electron in core, renderer reaching into electron/, and shared importing anything of ours', () => {
    dir = tmpDir();
    write('electron/core/a.ts', "import { app } from 'electron';\n");
    write('renderer/src/b.tsx', "import { openCore } from '../../electron/core/index';\n");
    write('shared/c.ts', "export * from '../server/x';\n");
    write('electron/main/ok.ts', "import { app } from 'electron';\nimport { openCore } from '../core/index';\n");
    write('server/d.ts', "const x = await import('../electron/core/index');\n");
    expect(check(dir).sort()).toEqual([
      "electron/core/a.ts: imports 'electron'",
      "renderer/src/b.tsx: renderer may not import electron/core ('../../electron/core/index')",
      "server/d.ts: server may not import electron/core ('../electron/core/index')",
      "shared/c.ts: shared may not import server ('../server/x')",
    ]);
  });
});
