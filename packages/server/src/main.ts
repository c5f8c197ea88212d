// `npm start`: config, open the database, migrate, demo data on first start, build the app, start the jobs and the
// message queue, listen; on SIGINT/SIGTERM stop taking work and drain (shutdown.ts, docs/decisions.md D43).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { buildApp } from './http/app.ts';
import { inboundDepsOf } from './http/routes/inbound.ts';
import { smtpReceiverConfig, startSmtpReceiver } from './inbound/smtp-receiver.ts';
import { calendarReminderHandler } from './jobs/calendar-reminders-job.ts';
import { startMessageQueue } from './jobs/deliver-message-job.ts';
import { syncRunHandler } from './jobs/sync-job.ts';
import { syncPorts } from './domain/sync/connectors.ts';
import { loadServerSecret } from './server-secret.ts';
import { configureAuditKeys, configureOfflineAuditKey } from './domain/audit/audit-keys.ts';
import { serverJobs } from './jobs/registry.ts';
import { logMailer } from './mail/log-mailer.ts';
import { smtpMailer } from './mail/smtp-mailer.ts';
import { smsSenderFrom } from './sms/sms-from-config.ts';
import { startJobs } from './jobs/scheduler.ts';
import { loadDemoDataIfEmpty } from './seed/demo-data.ts';
import { openDatabase, reportPoolErrorsTo } from './storage/connect.ts';
import { auditProtection, migrateAs, migrationTargetFromEnv } from './storage/db-roles.ts';
import { positionFor, readReplica } from './storage/replica.ts';
import { dataFolderProblem, describeStartError, failStart, graceMsFrom, shutdownOnSignals } from './shutdown.ts';

const config = loadConfig();
// A read-only or full PGlite folder: one sentence and exit 1, not PGlite's WebAssembly abort (shutdown.ts).
const folderProblem = config.db.kind === 'pglite' && config.db.dataDir ? dataFolderProblem(config.db.dataDir) : null;
if (folderProblem) failStart(folderProblem);
const handle = openDatabase(config.db);
// DATABASE_MIGRATION_URL: migrate as the schema's owner, then grant DATABASE_URL's role what it needs (D51).
await Promise.resolve().then(() => migrateAs(handle, migrationTargetFromEnv(process.env))).catch((error: unknown) => failStart(`the database could not be opened and migrated: ${describeStartError(error)}`, error));
// The key that seals integrations' credentials (D39) and keys the audit chain (D45): TANDEM_SECRET_KEY, or a key
// file made on first start. Loaded before the demo data, whose audit entries are keyed by it.
const secret = loadServerSecret(process.env, config.db, (message) => console.warn(`  ${message}`));
configureAuditKeys(secret.key);
// TANDEM_AUDIT_PUBLIC_KEY: the org's offline signing key (D51), so POST /audit/verify accepts checkpoints it signed.
try {
  configureOfflineAuditKey(process.env.TANDEM_AUDIT_PUBLIC_KEY);
} catch (error) {
  failStart(`TANDEM_AUDIT_PUBLIC_KEY: ${error instanceof Error ? error.message : String(error)}`, error);
}
const demo = config.demoData ? await loadDemoDataIfEmpty(handle.db, systemClock.now()) : null;
const sync = syncPorts(config.sync, secret.key);
// DATABASE_REPLICA_URL: a hot standby that serves the heavy lists once it has replayed the primary's writes (D49).
const replicaHandle = config.replica ? openDatabase({ kind: 'postgres', url: config.replica.url }) : null;
const replica = replicaHandle && config.replica
  ? readReplica(handle.db, replicaHandle.db, { maxWaitMs: config.replica.maxWaitMs, position: await positionFor(handle.db) })
  : undefined;
const webDir = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const app = await buildApp({
  db: handle.db,
  replica,
  clock: systemClock,
  logger: { level: config.logLevel },
  webDir: existsSync(join(webDir, 'index.html')) ? webDir : undefined,
  // Without SMTP_URL the app writes e-mails (invitations, reset links) to its log instead.
  ...(config.mail.smtpUrl ? { mailer: smtpMailer({ url: config.mail.smtpUrl, from: config.mail.from }) } : {}),
  publicUrl: config.publicUrl,
  trustProxy: config.trustProxy,
  attemptLimits: config.attemptLimits,
  inboundDomain: config.mail.inboundDomain,
  programDayMs: config.programs.dayMs,
  // /metrics: with TANDEM_METRICS_TOKEN a bearer token, else loopback only (docs/decisions.md D43).
  metrics: { token: process.env.TANDEM_METRICS_TOKEN?.trim() || null, poolStats: handle.poolStats },
  sync,
});
// PostgreSQL restarted: idle connections break; the pool drops them and opens new ones when asked (D47).
reportPoolErrorsTo((error) => app.log.warn({ err: error }, 'database connection lost; a new one is opened for the next query'));
// INBOUND_SMTP_PORT: Tandem's own receiver of e-mail replies (inbound/smtp-receiver.ts), closed with the app.
const smtpConfig = smtpReceiverConfig();
if (smtpConfig) {
  const receiver = await startSmtpReceiver(smtpConfig, {
    ...inboundDepsOf({ db: handle.db, inboundDomain: config.mail.inboundDomain }), inboundDomain: config.mail.inboundDomain, clock: systemClock, log: app.log,
  });
  app.addHook('onClose', receiver.close);
  console.log(`  Replies by e-mail to reply+…@${config.mail.inboundDomain} are received on smtp://${smtpConfig.host}:${receiver.port}.`);
}
const jobs = startJobs(serverJobs(config), { db: handle.db }, systemClock, app.log);
// Conversation e-mail goes through its own pooled transport (bursts of sends); without SMTP_URL it is logged and the
// message marked failed with the reason (docs/decisions.md D27).
const conversationMailer = config.mail.smtpUrl ? smtpMailer({ url: config.mail.smtpUrl, from: config.mail.from, pool: 5 }) : logMailer(app.log);
const queue = startMessageQueue({
  db: handle.db, mailer: conversationMailer, sms: smsSenderFrom(config.sms, systemClock),
  inboundDomain: config.mail.inboundDomain, smsDefaultLine: config.sms.defaultLine,
}, systemClock, app.log, {}, [
  calendarReminderHandler({ db: handle.db, mailer: conversationMailer, publicUrl: config.publicUrl }),
  syncRunHandler({ db: handle.db, sync }),
]);

// Together: the listener closes (new connections refused, requests in flight finish, the SMTP receiver closes with
// it), the scheduler and the queue claim nothing more and finish their runs; then the database closes.
shutdownOnSignals({
  drain: [() => app.close(), () => jobs.stop(), () => queue.stop()],
  close: async () => {
    await replicaHandle?.close();
    await handle.close();
  },
  graceMs: graceMsFrom(process.env),
  log: { info: (msg) => app.log.info(msg), error: (msg) => app.log.error(msg) },
});

await app.listen({ port: config.port, host: config.host })
  .catch((error: unknown) => failStart(`cannot listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}`, error));
const where = config.db.kind === 'postgres' ? `PostgreSQL (DATABASE_URL${config.replica ? '; lists on the read replica, DATABASE_REPLICA_URL' : ''})` : `PGlite in ${config.db.dataDir}`;
console.log(`\n  Tandem is running at http://${config.host}:${config.port}  (database: ${where})`);
console.log(config.mail.smtpUrl
  ? `  E-mail goes out through ${config.mail.smtpUrl.replace(/\/\/[^@/]*@/, '//***@')}; links start with ${config.publicUrl}.`
  : `  No SMTP_URL: e-mails (invitations, password resets) are written to this log instead; links start with ${config.publicUrl}.`);
const audit = await auditProtection(handle);
console.log(audit.byRole ? `  The audit log is append-only by trigger and by role: ${audit.reason}.`
  : `  The audit log is append-only by trigger but not by role: ${audit.reason} (docs/operations.md, "Database roles").`);
if (demo) console.log(`  Demo data loaded. Sign in as ${demo.adminEmail} / ${demo.password} (or any demo user, same password).\n`);
