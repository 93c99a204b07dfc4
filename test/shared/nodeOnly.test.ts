import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// shared/node/ is the one part of shared/ that uses Node's APIs (password hashing). The renderer runs in
// a page and must never import it; the rest of shared/ is imported by the renderer, so it must not either.
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|tsx)$/.test(e.name)) yield p;
  }
}

function violations(dir: string, skip: string | null): string[] {
  const out: string[] = [];
  for (const f of files(dir)) {
    if (skip && f.startsWith(skip)) continue;
    for (const m of fs.readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      const target = spec.startsWith('.') ? path.relative('.', path.resolve(path.dirname(f), spec)) : spec;
      if (target.startsWith('shared/node') || spec.startsWith('node:')) out.push(`${f}: ${spec}`);
    }
  }
  return out;
}

describe('shared/node is for Node processes only', () => {
  it('is imported neither by the renderer nor by the rest of shared/', () => {
    expect(violations('renderer', null)).toEqual([]);
    expect(violations('shared', path.join('shared', 'node'))).toEqual([]);
  });
});
