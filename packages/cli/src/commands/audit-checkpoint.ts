// `tandem audit checkpoint --org ID`: prints the org's signed checkpoint (D45) as JSON on stdout, to keep outside the
// database (`> FILE`) and check later with `tandem audit verify --checkpoint FILE`. Refuses a chain that does not verify.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError, isUuid, makeAuditCheckpoint, migrate, openDatabase, targetFromEnv } from '@tandem/server';
import { parseFlags, UsageError } from '../args.ts';
import { AUDIT_HELP } from '../help.ts';
import type { Output } from '../progress.ts';
import { useServerKey } from '../server-keys.ts';

const COMMAND = 'tandem audit checkpoint';

export async function runAuditCheckpoint(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const { help, flags } = parseFlags(COMMAND, argv, [{ name: 'org', kind: 'text' }]);
  if (help) {
    out.write(AUDIT_HELP);
    return 0;
  }
  const orgId = flags.get('org');
  if (typeof orgId !== 'string' || !isUuid(orgId)) throw new UsageError(`${COMMAND}: --org ID (a UUID) is required`);
  const target = targetFromEnv(env);
  if (target.kind === 'pglite' && !existsSync(resolve(target.dataDir ?? '.tandem-data'))) {
    err.write(`${COMMAND}: no database in ${resolve(target.dataDir ?? '.tandem-data')} (set TANDEM_DATA_DIR or DATABASE_URL)\n`);
    return 1;
  }
  const handle = openDatabase(target);
  try {
    await migrate(handle);
    useServerKey(COMMAND, env, target, err);
    const org = await handle.db.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
    if (!org) {
      err.write(`${COMMAND}: no org with id ${orgId}\n`);
      return 1;
    }
    out.write(`${JSON.stringify(await makeAuditCheckpoint(handle.db, orgId, Date.now()), null, 2)}\n`);
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
