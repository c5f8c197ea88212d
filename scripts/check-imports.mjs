#!/usr/bin/env node
// The import graph of packages/*/src: no cycles, and every arrow between server layers points down
// (docs/decisions.md, "Import graph check"). Usage: node scripts/check-imports.mjs [ROOT]   (default: this checkout)
//
// Counts `import`, `import type`, `export ... from` and `import('...')`: a type-only import still ties two modules
// together. Follows relative paths and @tandem/* workspace packages (their package.json `exports`).
// Fails (exit 1) on
//   - a cycle: a strongly connected set of 2+ files, or a file importing itself (tests cannot be in one: nothing
//     imports them);
//   - an upward import: server domain/ -> http/ | seed/ | mail/; storage/ -> domain/ | http/ | seed/ | mail/; mail/ (the
//     Mailer adapters) -> http/ | seed/ | storage/ | jobs/; http/routes/* -> another
//     route (routes/index.ts, which registers them, may); cli -> packages/server/src other than its index.ts
//     (the `@tandem/server` face); packages/api (@tandem/api) -> packages/server | packages/web (it describes the
//     API for both, so it sits below them). Test files under src/ are held to these too, as eslint.config.js holds them.
// The last line is a one-line summary.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const packagesDir = join(root, 'packages');

// Workspace packages: name -> { dir, exports map of subpath -> file }.
const workspaces = new Map();
for (const name of readdirSync(packagesDir)) {
  const manifest = join(packagesDir, name, 'package.json');
  if (!existsSync(manifest)) continue;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const exportsField = typeof pkg.exports === 'string' ? { '.': pkg.exports } : (pkg.exports ?? {});
  workspaces.set(pkg.name, { dir: join(packagesDir, name), exports: exportsField });
}

const isTest = (f) => /\.(test|spec)\.tsx?$/.test(f);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) files.push(p);
  }
})(packagesDir);
const src = files.filter((f) => /^packages\/[^/]+\/src\//.test(relative(root, f)));
const known = new Set(src);

function resolveImport(from, spec) {
  let base;
  if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else {
    const m = /^(@tandem\/[^/]+)(\/.*)?$/.exec(spec);
    const ws = m && workspaces.get(m[1]);
    if (!ws) return null; // a third-party package or a Node built-in
    const subpath = `.${m[2] ?? ''}`;
    const target = ws.exports[subpath];
    base = typeof target === 'string' ? join(ws.dir, target) : join(ws.dir, 'src', m[2] ? m[2].slice(1) : 'index');
  }
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`,
    join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => known.has(c)) ?? null;
}

// Static imports and re-exports (also `type`, also spread over several lines) and dynamic import('...').
const staticRe = /(?:^|\n)[ \t]*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"\n]+)['"]/g;
const dynamicRe = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;
const edges = new Map();
for (const f of src) {
  const text = readFileSync(f, 'utf8');
  const out = new Set();
  for (const re of [staticRe, dynamicRe]) {
    for (const m of text.matchAll(re)) {
      const target = resolveImport(f, m[1]);
      if (target) out.add(target);
    }
  }
  edges.set(f, out);
}

// Cycles: Tarjan's strongly connected components (iterative), plus files that import themselves.
const graph = src.filter((f) => !isTest(f));
const sccs = [];
{
  let counter = 0;
  const index = new Map(), low = new Map(), stack = [], onStack = new Set();
  for (const start of graph) {
    if (index.has(start)) continue;
    const work = [[start, [...edges.get(start)].filter((t) => !isTest(t)), 0]];
    index.set(start, counter); low.set(start, counter); counter++; stack.push(start); onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, outs] = frame;
      if (frame[2] < outs.length) {
        const w = outs[frame[2]++];
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter); counter++; stack.push(w); onStack.add(w);
          work.push([w, [...edges.get(w)].filter((t) => !isTest(t)), 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(v)));
      }
      if (low.get(v) === index.get(v)) {
        const component = [];
        let w;
        do { w = stack.pop(); onStack.delete(w); component.push(w); } while (w !== v);
        if (component.length > 1 || edges.get(v).has(v)) sccs.push(component);
      }
    }
  }
}

const rel = (f) => relative(root, f);

/** One shortest loop through the component's first file (by name), as an example to start untangling from. */
function exampleLoop(component) {
  const members = new Set(component);
  const [start] = [...component].sort();
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of edges.get(v)) {
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start].map(rel).join(' -> ');
      }
      if (members.has(w) && !previous.has(w)) { previous.set(w, v); queue.push(w); }
    }
  }
  return rel(start);
}

// Layers.
const layerOf = (f) => {
  const r = rel(f);
  if (r.startsWith('packages/cli/')) return 'cli';
  if (r.startsWith('packages/api/')) return 'api';
  const m = /^packages\/server\/src\/([^/]+)\//.exec(r);
  return m ? m[1] : null;
};
const isRoute = (f) => rel(f).startsWith('packages/server/src/http/routes/');
const upward = [];
for (const [f, outs] of edges) {
  const from = layerOf(f);
  for (const t of outs) {
    const to = layerOf(t);
    const arrow = `${rel(f)} -> ${rel(t)}`;
    if (from === 'domain' && (to === 'http' || to === 'seed' || to === 'mail')) upward.push(`${arrow} (domain imports ${to})`);
    else if (from === 'storage' && (to === 'domain' || to === 'http' || to === 'seed' || to === 'mail')) upward.push(`${arrow} (storage imports ${to})`);
    else if (from === 'mail' && ['http', 'seed', 'storage', 'jobs'].includes(to)) upward.push(`${arrow} (mail imports ${to})`);
    else if (isRoute(f) && isRoute(t) && rel(f) !== 'packages/server/src/http/routes/index.ts') upward.push(`${arrow} (route imports route)`);
    else if (from === 'api' && /^packages\/(server|web)\//.test(rel(t))) upward.push(`${arrow} (@tandem/api imports ${rel(t).split('/')[1]})`);
    else if (from === 'cli' && rel(t).startsWith('packages/server/src/') && rel(t) !== 'packages/server/src/index.ts') {
      upward.push(`${arrow} (cli reaches into server internals; import @tandem/server)`);
    }
  }
}

sccs.sort((a, b) => b.length - a.length);
for (const c of sccs) {
  console.log(`cycle of ${c.length}: ${c.map(rel).sort().join(', ')}`);
  console.log(`  e.g. ${exampleLoop(c)}`);
}
for (const u of upward.sort()) console.log(`upward: ${u}`);
const cyclicFiles = sccs.reduce((n, c) => n + c.length, 0);
console.log(`imports: ${src.length} source files, ${sccs.length} cycles (${cyclicFiles} files), ${upward.length} upward imports`);
process.exit(sccs.length || upward.length ? 1 : 0);
