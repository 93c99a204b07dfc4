import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations';

/**
 * A released migration is frozen: it must do tomorrow exactly what it did the day it shipped, so it may not
 * call code that keeps changing (the store, the services, sync, the mutation context). Its SQL and data
 * steps live in its own file or in a frozen copy under migrations/lib.
 */

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.join(ROOT, 'electron/core/db/migrations');
const CORE = path.join(ROOT, 'electron/core');
const LIVE = ['store', 'services', 'sync', 'context', 'mutate'].map((p) => path.join(CORE, p));

function* sourceFiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name)) yield p;
  }
}

const IMPORT = /(?:^|[\s;])(import|export)(\s+type)?\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Import {
  file: string;
  spec: string;
  /** Erased at run time (`import type`), so it cannot change what a migration does. */
  typeOnly: boolean;
  /** Where a relative import points, without its extension. */
  target: string | null;
}

function importsOf(file: string): Import[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT)].map((m) => {
    const spec = (m[3] ?? m[4] ?? m[5])!;
    return { file: path.relative(ROOT, file), spec, typeOnly: !!m[2], target: spec.startsWith('.') ? path.resolve(path.dirname(file), spec).replace(/\.[cm]?[jt]sx?$/, '') : null };
  });
}

const ALL = [...sourceFiles(DIR)].flatMap(importsOf);
const within = (target: string, dir: string) => target === dir || target.startsWith(`${dir}${path.sep}`);

describe('released migrations are frozen', () => {
  it('the scan sees the migrations and their imports', () => {
    expect(ALL.some((i) => i.file.endsWith('003_tracking.ts') && i.spec.includes('lib/'))).toBe(true);
  });

  it('no migration file imports from the store, services, sync, context or mutate', () => {
    const bad = ALL.filter((i) => i.target && LIVE.some((l) => within(i.target!, l))).map((i) => `${i.file}: '${i.spec}'`);
    expect(bad, 'copy the code the migration needs into electron/core/db/migrations/lib (frozen) instead').toEqual([]);
  });

  it('nothing outside the migrations folder is run by a migration: only type imports leave it (shared/ included)', () => {
    // shared/ is pure but not frozen: a changed tokenizer or deadline rule there would change what an old
    // migration writes. Packages (better-sqlite3) are the runtime, not our code.
    const bad = ALL.filter((i) => i.target && !i.typeOnly && !within(i.target, DIR)).map((i) => `${i.file}: '${i.spec}'`);
    expect(bad, 'freeze a copy under electron/core/db/migrations/lib, or import only types').toEqual([]);
  });

  it('every migration in the registry has its own numbered file', () => {
    const files = fs.readdirSync(DIR).filter((f) => /^\d{3}_.+\.ts$/.test(f));
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(MIGRATIONS.map((m) => m.version));
  });
});
