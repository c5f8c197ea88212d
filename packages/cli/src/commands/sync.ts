// `tandem sync mailchimp|google_contacts --as EMAIL`: starts a sync run for that user exactly as POST
// /integrations/:provider/runs does (the same gate, connection check and queue job), then runs the queue in this
// process until the run ends, with a progress bar (processed / total) on stderr, and prints the counts. A refusal
// names the API's code and exits 1; a run that fails or stops exits 1 with its reason. The user connects first, in
// the app or through PUT /api/v1/integrations/:provider; the key that opens the credentials is the server's
// (TANDEM_SECRET_KEY, or the key file beside the data).
import {
  AppError, exportActorByEmail, migrate, openDatabase, providerOrThrow, runSyncInProcess, startSyncRun, syncConfig,
  syncPorts, systemClock, targetFromEnv, type SyncRunRow,
} from '@tandem/server';
import { useServerKey } from '../server-keys.ts';
import { parseFlags, UsageError } from '../args.ts';
import { SYNC_HELP } from '../help.ts';
import { runPhase, type Output } from '../progress.ts';

const COMMAND = 'tandem sync';

function countsLine(run: SyncRunRow): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return `created ${n(run.created)}, updated ${n(run.updated)}, unchanged ${n(run.unchanged)}, skipped ${n(run.skipped)}, failed ${n(run.failed)}`;
}

export async function runSync(argv: readonly string[], out: Output, err: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const [providerName, ...rest] = argv;
  if (providerName === '--help' || providerName === '-h') {
    out.write(SYNC_HELP);
    return 0;
  }
  const { help, flags } = parseFlags(COMMAND, rest, [{ name: 'as', kind: 'text' }]);
  if (help) {
    out.write(SYNC_HELP);
    return 0;
  }
  if (providerName !== 'mailchimp' && providerName !== 'google_contacts') {
    throw new UsageError(`${COMMAND}: the provider must be mailchimp or google_contacts (got '${providerName ?? ''}')`);
  }
  const email = flags.get('as');
  if (typeof email !== 'string') throw new UsageError(`${COMMAND}: --as EMAIL is required (the user the sync acts as)`);
  const target = targetFromEnv(env);
  const handle = openDatabase(target);
  try {
    await migrate(handle);
    const secret = useServerKey(COMMAND, env, target, err);
    const deps = { db: handle.db, sync: syncPorts(syncConfig(env), secret.key) };
    const actor = await exportActorByEmail(handle.db, email, systemClock.now());
    if ('missing' in actor) {
      err.write(`${COMMAND}: ${actor.missing === 'deactivated' ? `${email} is deactivated` : `no user with e-mail ${email}`}\n`);
      return 1;
    }
    const provider = providerOrThrow(providerName);
    const run = await startSyncRun(deps, actor.ctx, provider);
    let ended: SyncRunRow | null = null;
    await runPhase(err, `sync ${provider}`, run.total ?? 0, async (tick) => {
      let seen = 0;
      ended = await runSyncInProcess(deps, { orgId: run.org_id, runId: run.id }, systemClock, (row) => {
        if (row.processed > seen) {
          tick(row.processed - seen);
          seen = row.processed;
        }
      });
      return seen;
    });
    const last = ended as SyncRunRow | null;
    if (!last) {
      err.write(`${COMMAND}: the run was removed before it ended (the integration was disconnected)\n`);
      return 1;
    }
    const summary = `${last.processed.toLocaleString('en-US')} of ${(last.total ?? 0).toLocaleString('en-US')} contacts: ${countsLine(last)}`;
    if (last.status === 'succeeded') {
      out.write(`Synced ${summary}\n`);
      return 0;
    }
    err.write(`${COMMAND}: the run ${last.status}${last.stop_reason ? ` (${last.stop_reason})` : ''}${last.error ? `: ${last.error}` : ''}; ${summary}\n`);
    return 1;
  } catch (error) {
    if (error instanceof AppError) {
      err.write(`${COMMAND}: refused: ${error.code}: ${error.detail}\n`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
