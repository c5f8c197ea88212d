// The server's one secret key (docs/decisions.md D39): TANDEM_SECRET_KEY (32 bytes as 64 hex digits or base64), or,
// when it is unset, a key made on first start and kept in a file (mode 0600) beside the data: next to the PGlite
// folder (`<TANDEM_DATA_DIR>.secret-key`), or for PostgreSQL in `./.tandem-secret-key` (TANDEM_SECRET_KEY_FILE
// names another place). Several nodes on one PostgreSQL must share the key: with a file each node would make its
// own, so the server says so in its log. Losing the key loses what was sealed with it (integrations' credentials):
// users connect again.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SECRET_KEY_BYTES } from './domain/shared/secret-box.ts';
import type { DbTarget } from './storage/connect.ts';

export type ServerSecret = { key: Buffer; source: 'env' | 'file-created' | 'file'; file: string | null };

/** The key from its text: 64 hex digits, or base64 / base64url of 32 bytes. */
export function parseSecretKey(text: string, from: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== SECRET_KEY_BYTES) {
    throw new Error(`${from}: the secret key must be ${SECRET_KEY_BYTES} bytes (64 hex digits or 44 base64 characters); make one with \`openssl rand -base64 32\``);
  }
  return key;
}

/** Where the key file lives when TANDEM_SECRET_KEY is unset. */
export function secretKeyFile(env: NodeJS.ProcessEnv, db: DbTarget): string {
  const named = env.TANDEM_SECRET_KEY_FILE?.trim();
  if (named) return resolve(named);
  if (db.kind === 'pglite' && db.dataDir) return `${resolve(db.dataDir)}.secret-key`;
  return resolve('.tandem-secret-key');
}

/** The key, from the environment or its file (made, mode 0600, when missing). `warn` hears why a file is used. */
export function loadServerSecret(env: NodeJS.ProcessEnv, db: DbTarget, warn: (message: string) => void): ServerSecret {
  const text = env.TANDEM_SECRET_KEY;
  if (text !== undefined && text.trim() !== '') return { key: parseSecretKey(text, 'TANDEM_SECRET_KEY'), source: 'env', file: null };
  if (db.kind === 'pglite' && !db.dataDir) {
    // An in-memory database: nothing sealed outlives the process, so neither need the key.
    return { key: randomBytes(SECRET_KEY_BYTES), source: 'file-created', file: null };
  }
  const file = secretKeyFile(env, db);
  const several = db.kind === 'postgres' ? ' Several nodes on one PostgreSQL need the same key: set TANDEM_SECRET_KEY on each.' : '';
  if (existsSync(file)) {
    if (db.kind === 'postgres') warn(`TANDEM_SECRET_KEY is not set: using the key in ${file}.${several}`);
    return { key: parseSecretKey(readFileSync(file, 'utf8'), file), source: 'file', file };
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  warn(`TANDEM_SECRET_KEY is not set: made a new secret key in ${file} (mode 0600); keep it with your backups.${several}`);
  return { key, source: 'file-created', file };
}
