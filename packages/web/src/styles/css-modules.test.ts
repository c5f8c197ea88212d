// The styles are CSS modules beside their components (docs/decisions.md, "Styles beside their components"). A
// CSS module answers `undefined` for a class it does not define, so a typo would silently drop a style: this test
// reads every component and its module and checks that each class used is defined, that no module keeps a class
// nobody uses, that plain `className="…"` strings name only the utilities of base.css, and that the shared
// components of ui/ sit in the `ui` cascade layer.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UTILITIES = new Set(['muted', 'small', 'mono', 'nowrap', 'pre-line', 'visually-hidden']);

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f) && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

/** The classes a stylesheet defines: every `.name` in a selector (not in values such as `0.5s` or `url(...)`). */
function classesOf(css: string): Set<string> {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors = withoutComments.replace(/\{[^{}]*\}/g, '{}').match(/[^{}]+(?=\{)/g) ?? [];
  const names = new Set<string>();
  for (const selector of selectors) {
    if (selector.trim().startsWith('@')) continue;
    for (const m of selector.matchAll(/\.([A-Za-z_][\w-]*)/g)) names.add(m[1] ?? '');
  }
  return names;
}

/** The arguments of `cx(...)` calls that are plain string literals: `cx(styles.a, 'muted small')` → ['muted small']. */
function cxStringArguments(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\bcx\(/g)) {
    let depth = 1;
    let arg = '';
    for (let i = (m.index ?? 0) + 3; i < code.length && depth > 0; i++) {
      const ch = code[i];
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if ((ch === ',' && depth === 1) || depth === 0) {
        const literal = /^\s*'([^']*)'\s*$/.exec(arg);
        if (literal) out.push(literal[1] ?? '');
        arg = '';
      } else arg += ch;
    }
  }
  return out;
}

type Usage = { file: string; module: string; used: Set<string>; dynamic: boolean };

function moduleUsages(): Usage[] {
  const usages: Usage[] = [];
  for (const file of filesUnder(src, /\.tsx?$/)) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/import (\w+) from '(\.[^']+\.module\.css)';/g)) {
      const [, name = '', path = ''] = m;
      const used = new Set([...code.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g'))].map((u) => u[1] ?? ''));
      const dynamic = new RegExp(`\\b${name}\\[`).test(code);
      usages.push({ file: relative(src, file), module: resolve(dirname(file), path), used, dynamic });
    }
  }
  return usages;
}

describe('CSS modules', () => {
  const usages = moduleUsages();

  it('finds the components and their modules', () => {
    expect(usages.length).toBeGreaterThan(30);
  });

  it('uses only classes its module defines', () => {
    const missing = usages.flatMap((u) => {
      const defined = classesOf(readFileSync(u.module, 'utf8'));
      return [...u.used].filter((c) => !defined.has(c)).map((c) => `${u.file}: .${c} is not in ${relative(src, u.module)}`);
    });
    expect(missing).toEqual([]);
  });

  it('keeps no class that nothing uses', () => {
    const byModule = new Map<string, Usage[]>();
    for (const u of usages) byModule.set(u.module, [...(byModule.get(u.module) ?? []), u]);
    const unused: string[] = [];
    for (const [module, users] of byModule) {
      if (users.some((u) => u.dynamic)) continue; // styles[variant]: every variant may be in use
      const used = new Set(users.flatMap((u) => [...u.used]));
      for (const c of classesOf(readFileSync(module, 'utf8'))) if (!used.has(c)) unused.push(`${relative(src, module)}: .${c}`);
    }
    expect(unused).toEqual([]);
  });

  it('has every module imported by a component', () => {
    const imported = new Set(usages.map((u) => u.module));
    const orphans = filesUnder(src, /\.module\.css$/).filter((f) => !imported.has(f)).map((f) => relative(src, f));
    expect(orphans).toEqual([]);
  });

  it('names only the global utilities in plain class strings', () => {
    const strays: string[] = [];
    for (const file of filesUnder(src, /\.tsx$/)) {
      const code = readFileSync(file, 'utf8');
      const literals = [...[...code.matchAll(/className="([^"]*)"/g)].map((m) => m[1] ?? ''), ...cxStringArguments(code)];
      for (const c of literals.join(' ').split(/\s+/).filter(Boolean)) if (!UTILITIES.has(c)) strays.push(`${relative(src, file)}: ${c}`);
    }
    expect(strays).toEqual([]);
  });

  it('puts the shared components of ui/ in the ui cascade layer', () => {
    const outside = filesUnder(join(src, 'ui'), /\.module\.css$/).filter((f) => !/^\s*@layer ui \{/.test(readFileSync(f, 'utf8')));
    expect(outside.map((f) => relative(src, f))).toEqual([]);
  });
});
