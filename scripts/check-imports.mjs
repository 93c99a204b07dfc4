#!/usr/bin/env node
// Enforces ARCHITECTURE §1: renderer → shared; electron/main → electron/core → shared; server → shared.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** folder → folders (of ours) it may import from, besides itself. */
export const RULES = {
  shared: [],
  renderer: ['shared'],
  'electron/core': ['shared'],
  'electron/main': ['electron/core', 'shared'],
  'electron/preload': ['shared'],
  server: ['shared'],
};
const OURS = ['shared', 'renderer', 'electron/core', 'electron/main', 'electron/preload', 'server'];
const ELECTRON_ALLOWED = ['electron/main', 'electron/preload'];
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') yield* sourceFiles(p);
    } else if (/\.(ts|tsx|mts|cts)$/.test(e.name)) yield p;
  }
}

const folderOf = (rel) => OURS.filter((f) => rel === f || rel.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];

/** Returns a list of human-readable violations, empty when the tree is clean. */
export function checkImports(root = ROOT) {
  const problems = [];
  for (const folder of Object.keys(RULES)) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const src = fs.readFileSync(file, 'utf8');
      const relFile = path.relative(root, file);
      for (const m of src.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec === 'electron' && !ELECTRON_ALLOWED.includes(folder)) problems.push(`${relFile}: imports 'electron'`);
        if (!spec.startsWith('.')) continue;
        const target = path.relative(root, path.resolve(path.dirname(file), spec));
        const to = folderOf(target);
        if (to && to !== folder && !RULES[folder].includes(to)) problems.push(`${relFile}: ${folder} may not import ${to} ('${spec}')`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkImports();
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  console.log('import rules: ok');
}
