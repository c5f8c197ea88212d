// `tandem audit verify [--org ID]`: walks each org's audit chain with the server's verifyAuditChain.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isUuid, migrate, openDatabase, targetFromEnv, verifyAuditChain } from '@tandem/server';
import { parseFlags, UsageError } from '../args.ts';
import { AUDIT_HELP } from '../help.ts';
import type { Output } from '../progress.ts';

export async function runAuditVerify(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const { help, flags } = parseFlags('tandem audit verify', argv, [{ name: 'org', kind: 'text' }]);
  if (help) {
    out.write(AUDIT_HELP);
    return 0;
  }
  const orgFlag = flags.get('org') as string | undefined;
  if (orgFlag !== undefined && !isUuid(orgFlag)) throw new UsageError(`tandem audit verify: --org must be an org id (a UUID), got '${orgFlag}'`);
  const target = targetFromEnv(env);
  if (target.kind === 'pglite' && !existsSync(resolve(target.dataDir ?? '.tandem-data'))) {
    err.write(`tandem audit verify: no database in ${resolve(target.dataDir ?? '.tandem-data')} (set TANDEM_DATA_DIR or DATABASE_URL)\n`);
    return 1;
  }
  const handle = openDatabase(target);
  try {
    await migrate(handle);
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
      if (verdict.valid) out.write(`ok       ${org.id}  ${org.name}: ${entries}, chain intact\n`);
      else {
        broken += 1;
        out.write(`INVALID  ${org.id}  ${org.name}: ${entries}, chain broken at seq ${verdict.firstBadSeq}\n`);
      }
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}
