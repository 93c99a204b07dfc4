#!/usr/bin/env node
// Checks who may import whom (docs/architecture.md, "Folders and who may import whom"), so that a
// wrong import fails `npm run lint` and test/architecture/imports.test.ts instead of surfacing later
// as a renderer that cannot load, a layer that quietly depends on the one above it, or a module that
// is read before its circle partner has finished initialising.
//
// `node scripts/check-imports.mjs --rules` prints the rules, one line each.
//
// What counts as an import: `import … from`, `export … from`, `import '…'`, `import('…')` and
// `require('…')`, with comments and the insides of strings and template literals ignored. A dynamic
// `import('./x')` counts like a static one: it is still a run-time dependency on './x'. Everything
// in a .d.ts file is type-only.
//
// Type-only imports: `import type …`, `export type … from`, and TypeScript's `import('…').Name` type
// queries are erased by the compiler, so they are exempt from the electron/core layer rules, from the
// shared/node and Node-builtin rules, and from the circle check: they cannot change what loads at
// run time. `import { type A, type B } from './x'` (every specifier marked `type`) is NOT exempt:
// tsconfig.json sets verbatimModuleSyntax, under which TypeScript and esbuild (our bundler and tsx)
// keep it as `import {} from './x'`, so './x' is still loaded and still closes a circle. Write
// `import type { A, B }` instead; the message says so.
// The folder table (renderer → shared only, …, and `electron` only in electron/main and
// electron/preload) counts type-only imports too, as it always has: a folder must not even know the
// types of a folder it may not depend on, because each folder is built and type-checked for a
// different process.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
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
/** Folders whose files must not import each other in a circle. */
const CYCLE_SCOPES = ['electron/core', 'server', 'shared'];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

// ---------------------------------------------------------------------------------------------
// The layer rules inside electron/core and around shared/node. Each applies to value imports from
// a file matched by `from` to a file (or package) matched by `forbids`; `rule` is what the developer
// reads, both in a violation and in `--rules`.

const under = (dir) => (p) => p === dir || p.startsWith(`${dir}/`);
const is = (file) => (p) => p === file;
const any =
  (...tests) =>
  (p) =>
    tests.some((t) => t(p));
const core = under('electron/core');
const store = under('electron/core/store');
const write = under('electron/core/write');
const sync = under('electron/core/sync');
const services = under('electron/core/services');
const migrations = under('electron/core/db/migrations');
const errors = is('electron/core/errors.ts');
const context = is('electron/core/context.ts');
const dispatcher = is('electron/core/dispatcher.ts');
const handler = is('electron/core/handler.ts');
const host = under('electron/core/host');
const demo = under('electron/core/demo');
const sharedNode = under('shared/node');
const builtins = new Set(builtinModules);
const isBuiltin = (spec) => spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0]);
/** A service is a file directly in services/, or a folder there with everything inside it. */
const serviceOf = (p) => p.slice('electron/core/services/'.length).split('/')[0].replace(/\.(ts|tsx|mts|cts)$/, '');

/** @type {{ rule: string; from: (p: string) => boolean; forbids: (to: string, from: string) => boolean; builtin?: boolean }[]} */
export const LAYER_RULES = [
  {
    rule: 'electron/core/store/ may import only store/, errors.ts, context.ts, shared/ and packages',
    from: store,
    forbids: (to) => core(to) && !any(store, errors, context)(to),
  },
  {
    rule: 'electron/core/write/ (the one write path) may import only write/, store/, errors.ts, context.ts, shared/ and packages',
    from: write,
    forbids: (to) => core(to) && !any(write, store, errors, context)(to),
  },
  {
    rule: 'electron/core/sync/ may not import services/, dispatcher.ts, handler.ts, host/ or demo/',
    from: sync,
    forbids: any(services, dispatcher, handler, host, demo),
  },
  {
    rule: 'services never import each other (move what both need into store/ or write/)',
    from: services,
    forbids: (to, from) => services(to) && serviceOf(to) !== serviceOf(from),
  },
  {
    rule: 'a service (electron/core/services/) may not import dispatcher.ts, host/ or demo/',
    from: services,
    forbids: any(dispatcher, host, demo),
  },
  {
    rule: 'a migration (electron/core/db/migrations/) may import only other migrations, shared/ and packages (it must keep working as the code around it changes)',
    from: migrations,
    forbids: (to) => core(to) && !migrations(to),
  },
  {
    rule: 'shared/node is for Node processes only: renderer/, electron/preload/ and the rest of shared/ may not import it',
    from: any(under('renderer'), under('electron/preload'), (p) => under('shared')(p) && !sharedNode(p)),
    forbids: sharedNode,
  },
  {
    rule: 'shared/ outside shared/node runs in the page too, so it may not import Node built-ins',
    from: (p) => under('shared')(p) && !sharedNode(p),
    forbids: (spec) => isBuiltin(spec),
    builtin: true,
  },
];

const CYCLE_RULE = `no import circles among value imports in ${CYCLE_SCOPES.map((s) => `${s}/`).join(', ')}`;
const ELECTRON_RULE = `only ${ELECTRON_ALLOWED.map((f) => `${f}/`).join(' and ')} may import 'electron'`;
const folderRule = (folder) => `${folder}/ may import only ${['itself', ...RULES[folder].map((d) => `${d}/`)].join(', ')} and packages`;

/** One line per rule, ready to paste into docs/architecture.md; every violation starts with one of them. */
export function describeRules() {
  return [...Object.keys(RULES).map(folderRule), ELECTRON_RULE, ...LAYER_RULES.map((r) => r.rule), CYCLE_RULE];
}

// ---------------------------------------------------------------------------------------------
// Reading imports.

function* sourceFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') yield* sourceFiles(p);
    } else if (/\.(ts|tsx|mts|cts)$/.test(e.name)) yield p;
  }
}

const posix = (p) => p.split(path.sep).join('/');
const folderOf = (rel) => OURS.filter((f) => rel === f || rel.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];

/**
 * Blanks comments and the contents of strings and templates (same length, newlines kept), so the
 * patterns below see only code and quote characters; specifiers are then read from the original.
 */
function mask(src) {
  const out = src.split('');
  const blank = (from, to) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  let prev = ''; // last significant character, to tell a regex literal from a division
  const braces = []; // for each open `${`, the brace depth it must return to
  let depth = 0;
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      prev = c;
    } else if (c === '`' || (c === '}' && braces.length && braces[braces.length - 1] === depth)) {
      if (c === '}') braces.pop();
      let j = i + 1;
      while (j < src.length && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      if (src[j] === '$') {
        braces.push(depth);
        i = j + 2;
      } else i = j + 1;
      prev = '`';
    } else if (c === '/' && (prev === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(prev) || /\b(return|typeof|case|do|else|in|of|void|yield|await)\s*$/.test(src.slice(Math.max(0, i - 8), i)))) {
      // a regex literal: skip to its closing slash (not one inside a character class)
      let j = i + 1;
      let cls = false;
      while (j < src.length && src[j] !== '\n' && (cls || src[j] !== '/')) {
        if (src[j] === '[') cls = true;
        else if (src[j] === ']') cls = false;
        j += src[j] === '\\' ? 2 : 1;
      }
      blank(i + 1, j);
      i = j + 1;
      prev = '/';
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (!/\s/.test(c)) prev = c;
      i++;
    }
  }
  return out.join('');
}

const STATIC = /(?<![.\w$])(import|export)(?=[\s{*])((?:(?!\b(?:import|export)\b)[\w$\s{},*])*?)\bfrom\s*(['"])/g;
const BARE = /(?<![.\w$])import\s*(['"])/g;
const CALL = /(?<![.\w$])(typeof\s+)?(import|require)\s*\(\s*(['"])/g;

/**
 * @returns {{ spec: string; line: number; typeOnly: boolean; allTypeSpecifiers: boolean }[]}
 */
export function readImports(src) {
  const code = mask(src);
  const found = [];
  const specAt = (quoteAt) => {
    const q = src[quoteAt];
    const end = src.indexOf(q, quoteAt + 1);
    return { spec: src.slice(quoteAt + 1, end), end: end + 1 };
  };
  const lineAt = (idx) => src.slice(0, idx).split('\n').length;
  for (const m of code.matchAll(STATIC)) {
    const clause = m[2].trim();
    const quoteAt = m.index + m[0].length - 1;
    // `import type X`, `import type { X }`, `export type { X }`, `export type * from` (but not the
    // default import of something named `type`: `import type from`, `import type, { x } from`)
    const typeOnly = /^type(\s+[\w${*]|\s*[{*])/.test(clause);
    const named = clause.match(/\{([^}]*)\}/);
    const specifiers = named ? named[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
    const onlyNamed = named && clause.replace(named[0], '').trim() === '';
    const allTypeSpecifiers = !typeOnly && !!onlyNamed && specifiers.length > 0 && specifiers.every((s) => /^type\s/.test(s));
    found.push({ spec: specAt(quoteAt).spec, line: lineAt(m.index), typeOnly, allTypeSpecifiers });
  }
  for (const m of code.matchAll(BARE)) {
    found.push({ spec: specAt(m.index + m[0].length - 1).spec, line: lineAt(m.index), typeOnly: false, allTypeSpecifiers: false });
  }
  for (const m of code.matchAll(CALL)) {
    const { spec, end } = specAt(m.index + m[0].length - 1);
    const after = code.slice(end).match(/^\s*\)\s*(\.\s*([\w$]+))?/);
    // `import('./x').Name` and `typeof import('./x')` are TypeScript type queries; a value use of the
    // promise can only be .then/.catch/.finally
    const typeOnly = m[2] === 'import' && (!!m[1] || (!!after?.[2] && !['then', 'catch', 'finally'].includes(after[2])));
    found.push({ spec, line: lineAt(m.index), typeOnly, allTypeSpecifiers: false });
  }
  return found.sort((a, b) => a.line - b.line);
}

/** The file a relative specifier loads (tried like TypeScript's bundler resolution), or null. */
function resolveFile(fromAbs, spec) {
  const base = path.resolve(path.dirname(fromAbs), spec);
  const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => stem + e),
    ...(stem !== base ? [] : EXTENSIONS.map((e) => path.join(base, `index${e}`))),
  ];
  return candidates.find((c) => /\.(ts|tsx|mts|cts)$/.test(c) && fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Circles: Tarjan's strongly connected components over value imports.

function stronglyConnected(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return components;
}

/** The shortest circle from `start` back to itself inside `members` (breadth-first). */
function shortestCircle(graph, start, members) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!members.has(w)) continue;
      if (w === start) {
        const pathBack = [v];
        for (let p = cameFrom.get(v); p; p = cameFrom.get(p)) pathBack.push(p);
        return [...pathBack.reverse(), start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

// ---------------------------------------------------------------------------------------------

/** Returns a list of human-readable violations, empty when the tree is clean. */
export function checkImports(root = ROOT) {
  const problems = [];
  const graph = new Map();
  const inCycleScope = (rel) => CYCLE_SCOPES.some((s) => under(s)(rel));
  for (const folder of Object.keys(RULES)) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const relFile = posix(path.relative(root, file));
      if (folderOf(relFile) !== folder) continue; // e.g. electron/core is not part of `electron`
      if (inCycleScope(relFile) && !graph.has(relFile)) graph.set(relFile, new Set());
      const declarations = /\.d\.[mc]?ts$/.test(relFile); // nothing in a .d.ts exists at run time
      for (const imp of readImports(fs.readFileSync(file, 'utf8'))) {
        if (declarations) imp.typeOnly = true;
        const at = `${relFile}:${imp.line}`;
        const hint = imp.allTypeSpecifiers ? ` (only types? write \`import type { … }\`: \`import { type … }\` still loads '${imp.spec}')` : '';
        if (imp.spec === 'electron' && !ELECTRON_ALLOWED.includes(folder)) {
          problems.push(`${ELECTRON_RULE}: ${at} → 'electron'`);
        }
        if (!imp.spec.startsWith('.')) {
          if (imp.typeOnly) continue;
          for (const r of LAYER_RULES) {
            if (r.builtin && r.from(relFile) && r.forbids(imp.spec, relFile)) problems.push(`${r.rule}: ${at} → '${imp.spec}'${hint}`);
          }
          continue;
        }
        const resolved = resolveFile(file, imp.spec);
        const target = posix(path.relative(root, resolved ?? path.resolve(path.dirname(file), imp.spec)));
        const to = folderOf(target);
        if (to && to !== folder && !RULES[folder].includes(to)) problems.push(`${folderRule(folder)}: ${at} → ${target} ('${imp.spec}')`);
        if (imp.typeOnly) continue;
        for (const r of LAYER_RULES) {
          if (!r.builtin && r.from(relFile) && r.forbids(target, relFile)) problems.push(`${r.rule}: ${at} → ${target}${hint}`);
        }
        if (resolved && inCycleScope(relFile) && inCycleScope(target)) graph.get(relFile).add(target);
      }
    }
  }
  for (const component of stronglyConnected(graph)) {
    const selfImport = component.length === 1 && !!graph.get(component[0])?.has(component[0]);
    if (component.length < 2 && !selfImport) continue;
    const files = component.sort();
    const circle = shortestCircle(graph, files[0], new Set(files));
    const more = files.length > circle.length - 1 ? `; all ${files.length} files in this circle: ${files.join(', ')}` : '';
    problems.push(`${CYCLE_RULE}: ${circle.join(' → ')}${more}`);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--rules')) {
    for (const line of describeRules()) console.log(`- ${line}`);
    console.log('- type-only imports (`import type`, `export type`) are exempt from every rule but the folder table and the electron rule');
    process.exit(0);
  }
  const problems = checkImports();
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`\n${problems.length} import rule violation(s); \`node scripts/check-imports.mjs --rules\` lists the rules.`);
    process.exit(1);
  }
  console.log('import rules: ok');
}
