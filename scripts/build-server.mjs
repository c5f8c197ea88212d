// Builds the production server: packages/server/src/main.ts and the workspace packages it imports (@tandem/*)
// bundled into packages/server/dist/main.js by esbuild; npm dependencies stay external (loaded from node_modules,
// native addons included). The SQL migrations are copied beside it, since migrate.ts reads them next to itself.
// `npm start` runs this when dist/ is missing or older than any source file (scripts/start.mjs).
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';

// `--out DIR` builds elsewhere (the process tests build a runtime layout of their own, not touching dist/).
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 && process.argv[outFlag + 1] ? process.argv[outFlag + 1] : 'packages/server/dist';
const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['packages/server/src/main.ts'],
  outfile: `${out}/main.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Bundle our own packages (they export TypeScript); leave every npm package to Node's resolver.
  plugins: [{
    name: 'external-npm',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@tandem/') ? undefined : { path: args.path, external: true }));
    },
  }],
  // Bundled CommonJS helpers may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __tandemCreateRequire } from 'node:module'; const require = __tandemCreateRequire(import.meta.url);" },
});
cpSync('packages/server/src/storage/migrations', `${out}/migrations`, { recursive: true });
writeFileSync(`${out}/BUILT`, `${new Date().toISOString()}\n`);
console.log(`Server built into ${out}/main.js in ${Date.now() - started} ms.`);
