// A fresh, migrated, in-memory PGlite in about a second instead of ten. Starting an empty PGlite runs initdb inside
// the WebAssembly build, which is most of what an API test file used to spend before its first test (8-15 s per
// file on a loaded machine). So the first test process migrates one database, dumps its data directory to
// node_modules/.cache/, and every later one starts from that dump. The dump is named by a hash of the migrations
// and of the PGlite version, and `migrate` still runs after loading it (it applies nothing when up to date), so a
// changed or added migration can never be skipped. Set TANDEM_TEST_NO_PGLITE_CACHE=1 to migrate from zero.
import { PGlite } from '@electric-sql/pglite';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLITE_EXTENSIONS, PGLITE_PARSERS, pgliteHandle, type DbHandle } from '../../src/storage/connect.ts';
import { listMigrations, migrate } from '../../src/storage/migrate.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CACHE_DIR = join(REPO_ROOT, 'node_modules/.cache/tandem-test-pglite');
const PREFIX = 'migrated-';

/** The installed PGlite's version: its package.json, found above the module the import resolves to. */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: keep climbing
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

function templateName(): string {
  const version = pgliteVersion();
  const hash = createHash('sha256').update(version);
  for (const m of listMigrations()) hash.update(`\0${m.name}\0${m.sql}`);
  return `${PREFIX}${hash.digest('hex').slice(0, 16)}.tar.gz`;
}

function readTemplate(path: string): Blob | null {
  try {
    return new Blob([readFileSync(path)]);
  } catch {
    return null;
  }
}

/** Writes the dump under a temporary name, then renames it: two processes may race, neither reads half a file. */
function writeTemplate(path: string, bytes: Uint8Array): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const old of readdirSync(CACHE_DIR)) {
    if (old.startsWith(PREFIX) && join(CACHE_DIR, old) !== path && old.endsWith('.tar.gz')) rmSync(join(CACHE_DIR, old), { force: true });
  }
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}


/** A fresh in-memory PGlite with every migration applied. */
export async function freshMigratedPglite(): Promise<DbHandle> {
  const useCache = !process.env.TANDEM_TEST_NO_PGLITE_CACHE;
  const path = join(CACHE_DIR, templateName());
  const template = useCache ? readTemplate(path) : null;
  const pglite = await PGlite.create({ ...(template ? { loadDataDir: template } : {}), parsers: PGLITE_PARSERS, extensions: PGLITE_EXTENSIONS });
  const handle = pgliteHandle(pglite);
  const applied = await migrate(handle);
  if (useCache && (!template || applied.length > 0)) {
    try {
      const dump = await pglite.dumpDataDir('gzip');
      writeTemplate(path, new Uint8Array(await dump.arrayBuffer()));
    } catch {
      // A cache that cannot be written (read-only node_modules, full disk) only costs the next process time.
    }
  }
  return handle;
}
