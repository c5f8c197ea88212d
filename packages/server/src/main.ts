// `npm start`: config, open the database, migrate, demo data on first start, build the app, start the jobs,
// listen; on SIGINT/SIGTERM stop the jobs, the app and the database, in that order.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { buildApp } from './http/app.ts';
import { JOBS } from './jobs/registry.ts';
import { smtpMailer } from './mail/smtp-mailer.ts';
import { startJobs } from './jobs/scheduler.ts';
import { loadDemoDataIfEmpty } from './seed/demo-data.ts';
import { openDatabase } from './storage/connect.ts';
import { migrate } from './storage/migrate.ts';

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
  // Without SMTP_URL the app writes e-mails (invitations, reset links) to its log instead.
  ...(config.mail.smtpUrl ? { mailer: smtpMailer({ url: config.mail.smtpUrl, from: config.mail.from }) } : {}),
  publicUrl: config.publicUrl,
});
const jobs = startJobs(JOBS, { db: handle.db }, systemClock, app.log);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await jobs.stop();
  await app.close();
  await handle.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ port: config.port, host: config.host });
const where = config.db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.db.dataDir}`;
console.log(`\n  Tandem is running at http://${config.host}:${config.port}  (database: ${where})`);
console.log(config.mail.smtpUrl
  ? `  E-mail goes out through ${config.mail.smtpUrl.replace(/\/\/[^@/]*@/, '//***@')}; links start with ${config.publicUrl}.`
  : `  No SMTP_URL: e-mails (invitations, password resets) are written to this log instead; links start with ${config.publicUrl}.`);
if (demo) console.log(`  Demo data loaded. Sign in as ${demo.adminEmail} / ${demo.password} (or any demo user, same password).\n`);
