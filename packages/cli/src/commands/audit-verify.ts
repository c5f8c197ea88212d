// `tandem audit verify [--org ID] [--checkpoint FILE [--public-key FILE]]`: walks each org's audit chain with the
// server's verifyAuditChain; with a checkpoint (`tandem audit checkpoint`, D45), also checks its signature and that
// the chain still holds its seq with its hash, which catches a chain rewritten end to end by someone who has the
// database and the HMAC key. The signature may be the server's key's or the offline key's (--public-key, or
// TANDEM_AUDIT_PUBLIC_KEY; D51), and the line says which signed.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  auditKeysFrom, auditPublicKeyFrom, isUuid, migrateAs, migrationTargetFromEnv, openDatabase, targetFromEnv, verifyAuditChain, verifyAuditCheckpoint,
  type AuditCheckpoint, type AuditPublicKey,
} from '@tandem/server';
import { parseFlags, UsageError } from '../args.ts';
import { AUDIT_HELP } from '../help.ts';
import type { Output } from '../progress.ts';
import { useServerKey } from '../server-keys.ts';

const CHECKPOINT_FIELDS = ['orgId', 'seq', 'hash', 'at', 'publicKey', 'signature'] as const;

/** The checkpoint in FILE, or a UsageError naming what is wrong with it. */
function readCheckpoint(file: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (e) {
    throw new UsageError(`tandem audit verify: --checkpoint ${file} cannot be read as JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const missing = CHECKPOINT_FIELDS.filter((f) => typeof record[f] !== 'string');
  if (missing.length > 0) throw new UsageError(`tandem audit verify: --checkpoint ${file} is not a checkpoint (missing ${missing.join(', ')})`);
  return record as AuditCheckpoint;
}

/** The offline key's public half: --public-key FILE (PEM or the printed text), else TANDEM_AUDIT_PUBLIC_KEY, else none. */
function readPublicKey(file: string | undefined, env: NodeJS.ProcessEnv): AuditPublicKey | null {
  const [source, text] = file !== undefined ? [`--public-key ${file}`, readText(file)] : ['TANDEM_AUDIT_PUBLIC_KEY', env.TANDEM_AUDIT_PUBLIC_KEY];
  if (!text?.trim()) return null;
  try {
    return auditPublicKeyFrom(text);
  } catch (e) {
    throw new UsageError(`tandem audit verify: ${source} is ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readText(file: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (e) {
    throw new UsageError(`tandem audit verify: --public-key ${file} cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

const SIGNERS = { server: "the server's key", offline: 'the offline key' } as const;

export async function runAuditVerify(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const { help, flags } = parseFlags('tandem audit verify', argv, [{ name: 'org', kind: 'text' }, { name: 'checkpoint', kind: 'text' }, { name: 'public-key', kind: 'text' }]);
  if (help) {
    out.write(AUDIT_HELP);
    return 0;
  }
  const checkpointFile = flags.get('checkpoint') as string | undefined;
  const checkpoint = checkpointFile === undefined ? undefined : readCheckpoint(checkpointFile);
  const offlineKey = readPublicKey(flags.get('public-key') as string | undefined, env);
  const orgFlag = (flags.get('org') as string | undefined) ?? checkpoint?.orgId;
  if (orgFlag !== undefined && !isUuid(orgFlag)) throw new UsageError(`tandem audit verify: --org must be an org id (a UUID), got '${orgFlag}'`);
  const target = targetFromEnv(env);
  if (target.kind === 'pglite' && !existsSync(resolve(target.dataDir ?? '.tandem-data'))) {
    err.write(`tandem audit verify: no database in ${resolve(target.dataDir ?? '.tandem-data')} (set TANDEM_DATA_DIR or DATABASE_URL)\n`);
    return 1;
  }
  const handle = openDatabase(target);
  try {
    await migrateAs(handle, migrationTargetFromEnv(env));
    const keys = auditKeysFrom(useServerKey('tandem audit verify', env, target, err).key);
    let query = handle.db.selectFrom('orgs').select(['id', 'name']).orderBy('created_at').orderBy('id');
    if (orgFlag !== undefined) query = query.where('id', '=', orgFlag);
    const orgs = await query.execute();
    if (orgFlag !== undefined && orgs.length === 0) {
      err.write(`tandem audit verify: no org with id ${orgFlag}\n`);
      return 1;
    }
    if (orgs.length === 0) out.write('No orgs in this database: nothing to verify.\n');
    let broken = 0;
    for (const org of orgs) {
      const verdict = await verifyAuditChain(handle.db, org.id);
      const entries = `${verdict.entries.toLocaleString('en-US')} ${verdict.entries === 1 ? 'entry' : 'entries'}`;
      const checked = checkpoint === undefined ? null : await verifyAuditCheckpoint(handle.db, org.id, checkpoint, keys, offlineKey);
      const anchor = checked?.checkpoint ?? null;
      const signer = checked?.signedBy ? ` (signed by ${SIGNERS[checked.signedBy]})` : '';
      const anchorText = anchor === null ? '' : anchor === 'matches' ? `; checkpoint at seq ${checkpoint?.seq} matches${signer}` : `; checkpoint at seq ${checkpoint?.seq}: ${anchor}${signer}`;
      if (verdict.valid && (anchor === null || anchor === 'matches')) out.write(`ok       ${org.id}  ${org.name}: ${entries}, chain intact${anchorText}\n`);
      else {
        broken += 1;
        const chain = verdict.valid ? 'chain intact' : `chain broken at seq ${verdict.firstBadSeq}`;
        out.write(`INVALID  ${org.id}  ${org.name}: ${entries}, ${chain}${anchorText}\n`);
      }
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}
