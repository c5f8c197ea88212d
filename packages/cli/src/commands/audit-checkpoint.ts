// `tandem audit checkpoint --org ID [--signing-key FILE]`: prints the org's signed checkpoint (D45) as JSON on stdout,
// to keep outside the database (`> FILE`) and check later with `tandem audit verify --checkpoint FILE`. Signed by the
// server's key, or with --signing-key by an offline key from `tandem audit keygen` (D51), which someone holding the
// server's secret cannot forge. Refuses a chain that does not verify.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError, auditKeysFrom, isUuid, makeAuditCheckpoint, migrateAs, migrationTargetFromEnv, openDatabase, publicKeyText, targetFromEnv, type SigningKey } from '@tandem/server';
import { parseFlags, UsageError } from '../args.ts';
import { AUDIT_HELP } from '../help.ts';
import type { Output } from '../progress.ts';
import { useServerKey } from '../server-keys.ts';

const COMMAND = 'tandem audit checkpoint';

/** The Ed25519 private key in FILE (PEM, as `tandem audit keygen` wrote it), or a UsageError naming the problem. */
function readSigningKey(file: string): SigningKey {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (e) {
    throw new UsageError(`${COMMAND}: --signing-key ${file} cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  let key;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new UsageError(`${COMMAND}: --signing-key ${file} is not a private key in PEM (make one with tandem audit keygen)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${COMMAND}: --signing-key ${file} is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  return { signingKey: key, publicKeyText: publicKeyText(createPublicKey(key)) };
}

export async function runAuditCheckpoint(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const { help, flags } = parseFlags(COMMAND, argv, [{ name: 'org', kind: 'text' }, { name: 'signing-key', kind: 'text' }]);
  if (help) {
    out.write(AUDIT_HELP);
    return 0;
  }
  const orgId = flags.get('org');
  if (typeof orgId !== 'string' || !isUuid(orgId)) throw new UsageError(`${COMMAND}: --org ID (a UUID) is required`);
  const keyFile = flags.get('signing-key') as string | undefined;
  const offline = keyFile === undefined ? undefined : readSigningKey(keyFile);
  const target = targetFromEnv(env);
  if (target.kind === 'pglite' && !existsSync(resolve(target.dataDir ?? '.tandem-data'))) {
    err.write(`${COMMAND}: no database in ${resolve(target.dataDir ?? '.tandem-data')} (set TANDEM_DATA_DIR or DATABASE_URL)\n`);
    return 1;
  }
  const handle = openDatabase(target);
  try {
    await migrateAs(handle, migrationTargetFromEnv(env));
    const keys = auditKeysFrom(useServerKey(COMMAND, env, target, err).key);
    const org = await handle.db.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
    if (!org) {
      err.write(`${COMMAND}: no org with id ${orgId}\n`);
      return 1;
    }
    out.write(`${JSON.stringify(await makeAuditCheckpoint(handle.db, orgId, Date.now(), keys, offline ?? keys), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'TANDEM_AUDIT_CHAIN_BROKEN') {
      err.write(`${COMMAND}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
