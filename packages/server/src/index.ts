// @tandem/server's face: what the CLI, the benchmark and other packages may use. Everything else under src/ is the
// server's own and may move. The HTTP app is not here (loading Fastify, its plugins and every route would slow
// every `tandem` command down): it is the `@tandem/server/app` subpath.

import type { Readable } from 'node:stream';
import type { ContactExport } from './domain/export/export-contacts.ts';
import type { Db } from './storage/connect.ts';
import type { DemoInfo } from './seed/demo-data.ts';

// The database: open it (a PGlite folder, or PostgreSQL when DATABASE_URL is set) and migrate it.
export { openDatabase, PGLITE_EXTENSIONS, SESSION_SETTINGS, targetFromEnv, type Db, type DbHandle, type DbTarget } from './storage/connect.ts';
export { migrate } from './storage/migrate.ts';
export { migrateAs, migrationTargetFromEnv } from './storage/db-roles.ts';

// Backup and restore (D50): `tandem backup` and `tandem restore`.
export { writeBackupFile, type BackupSummary } from './storage/backup-write.ts';
export { readBackup, readBackupHeader } from './storage/backup-read.ts';
export { prepareRestoreTarget, restoreBackup, RestoreRefused, type RestoreTarget } from './storage/backup-restore.ts';
export { BackupFileError, type BackupHeader } from './storage/backup-format.ts';

// Time.
export { manualClock, systemClock, type Clock } from './clock.ts';

// Seeding: the demo org of first start, the bulk-load audit entry of `tandem seed`, and the words both draw from.
export type { DemoInfo } from './seed/demo-data.ts';
export { DEMO_ORG_NAME, DEMO_PASSWORD, demoEmail } from './seed/demo-data-cast.ts';
export { auditBulkLoad, type BulkLoadRecord } from './seed/bulk-load.ts';
export { CITIES, COMPANIES, FIRST_NAMES, LAST_NAMES, STREETS, TAGS, TITLES, emailOf, phoneOf, type Company } from './seed/demo-data-vocabulary.ts';

/** The demo org, loaded on first use: it brings in most of the domain, which `tandem` commands do not need. */
export async function loadDemoDataIfEmpty(db: Db, now: number): Promise<DemoInfo | null> {
  const demo = await import('./seed/demo-data.ts');
  return demo.loadDemoDataIfEmpty(db, now);
}

// The audit log, accounts, and what a contact row is made of.
export { keyedHashEntry, verifyAuditChain, type ChainVerdict } from './domain/audit/audit-chain.ts';
export { auditKeysFrom, auditPublicKeyFrom, configureAuditKeys, configureOfflineAuditKey, publicKeyText, type AuditPublicKey } from './domain/audit/audit-keys.ts';
export { makeAuditCheckpoint, verifyAuditCheckpoint, type AuditCheckpoint, type CheckpointVerdict, type SigningKey } from './domain/audit/audit-checkpoint.ts';
export { hashPassword } from './domain/accounts/passwords.ts';
export { isUuid, sortNameOf } from './storage/contact-queries.ts';
/** The contact search's LIKE patterns over `search_text` (the benchmark's peers search the same way). */
export { searchPatterns } from './storage/contact-search.ts';

// Reading access the way the API does: an actor's facts, and how many contacts the core lets them see.
export { loadActorContext } from './storage/load-actor-context.ts';
export { countContacts } from './storage/contact-queries.ts';

// The contacts export (spec §9, D35): the same use case as GET /contacts/export, for `tandem export`.
export { EXPORT_FORMATS, openContactExport, type ContactExport, type ExportFormat, type ExportInput } from './domain/export/export-contacts.ts';
export { exportActorByEmail, type ExportActor } from './domain/export/export-actor.ts';
export { AppError } from './errors.ts';

/** An export's file name and bytes. The writers (csv-stringify, fflate) load on first use, as the demo data does. */
export async function contactExportFile(exp: ContactExport, now: number, options: { bom?: boolean } = {}): Promise<{ fileName: string; stream: Readable }> {
  const file = await import('./domain/export/export-file.ts');
  return { fileName: file.exportFileName(exp.format, now), stream: file.exportFileStream(exp, options) };
}

// The contacts import (issue 13, D36): the same use case as POST /imports, for `tandem import` (acting as
// `exportActorByEmail`'s user, as `tandem export` does).
export { IMPORT_MAX_BYTES, importContacts, type ImportRequest, type ImportResult } from './domain/imports/import-contacts.ts';
export { parseImportMapping } from './domain/imports/import-mapping.ts';

// Sync channels (issue 13, D39): the API's run use case and the queue's handler, driven in process by `tandem sync`,
// with the server's key and the providers' URLs from the same environment as the server.
export { syncConfig, type SyncConfig } from './config.ts';
export { loadServerSecret, secretKeyFile, type ServerSecret } from './server-secret.ts';
export { syncPorts } from './domain/sync/connectors.ts';
export { connectIntegration } from './domain/sync/connect-integration.ts';
export { startSyncRun } from './domain/sync/start-sync-run.ts';
export { providerOrThrow } from './domain/sync/sync-guard.ts';
export { runSyncInProcess } from './jobs/sync-in-process.ts';
export type { SyncRunRow } from './storage/sync-queries.ts';
