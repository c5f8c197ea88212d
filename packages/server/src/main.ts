// `npm start`: open the database, migrate, load demo data on first start, serve the API and the web app.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { loadDemoDataIfEmpty } from './seed/demo-data.ts';
import { buildApp } from './http/app.ts';
import { openDatabase } from './storage/connect.ts';
import { migrate } from './storage/migrate.ts';
import { schedulePurgeTrash } from './jobs/purge-trash.ts';

const config = loadConfig();
const handle = openDatabase(config.db);
await migrate(handle);
const demo = config.demoData ? await loadDemoDataIfEmpty(handle.db, systemClock.now()) : null;
const webDir = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const app = await buildApp({
  db: handle.db,
  clock: systemClock,
  logger: { level: config.logLevel },
  webDir: existsSync(join(webDir, 'index.html')) ? webDir : undefined,
});
const stopPurge = schedulePurgeTrash(handle.db, systemClock, app.log);
const shutdown = async () => {
  stopPurge();
  await app.close();
  await handle.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
await app.listen({ port: config.port, host: config.host });
const where = config.db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.db.dataDir}`;
console.log(`\n  Tandem is running at http://${config.host}:${config.port}  (database: ${where})`);
if (demo) console.log(`  Demo data loaded. Sign in as ${demo.adminEmail} / ${demo.password} (or any demo user, same password).\n`);
