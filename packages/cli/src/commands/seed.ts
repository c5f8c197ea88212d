// `tandem seed`: generate CRM-N from a seed and load it, phase by phase, into the configured database.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { auditBulkLoad, hashPassword, migrate, openDatabase, targetFromEnv, type Db, type DbTarget } from '@tandem/server';
import { useServerKey } from '../server-keys.ts';
import { parseFlags, UsageError, type FlagSpec } from '../args.ts';
import { SEED_HELP } from '../help.ts';
import { runPhase, type Output, type PhaseReport } from '../progress.ts';
import { buildDataset, defaultOrgName, type Dataset } from '../seed/dataset.ts';
import { emailDomain, MIN_USERS } from '../seed/people.ts';
import { buildReport, countRows, formatReport, SEED_PASSWORD } from '../seed/report.ts';
import type { SeedOptions } from '../seed/types.ts';
import { writePhase } from '../seed/writers.ts';

const FLAGS: FlagSpec[] = [
  { name: 'contacts', kind: 'count', min: 100, max: 10_000_000 },
  { name: 'users', kind: 'count', min: MIN_USERS, max: 100_000 },
  { name: 'seed', kind: 'text' },
  { name: 'share-all', kind: 'onoff' },
  { name: 'messages', kind: 'count', min: 0, max: 100 },
  { name: 'org-name', kind: 'text' },
  { name: 'batch-size', kind: 'count', min: 100, max: 20_000 },
  { name: 'out', kind: 'text' },
  { name: 'json', kind: 'switch' },
];

export type SeedRun = { options: SeedOptions; batchSize: number; out: string | null; json: boolean };

const DAY = 86_400_000;

export function seedRunFromArgs(argv: readonly string[], target: DbTarget, now: number): SeedRun | null {
  const { help, flags } = parseFlags('tandem seed', argv, FLAGS);
  if (help) return null;
  const contacts = (flags.get('contacts') as number | undefined) ?? 10_000;
  const users = (flags.get('users') as number | undefined) ?? 50;
  if (users > contacts) throw new UsageError(`tandem seed: --users (${users}) must not exceed --contacts (${contacts})`);
  const seed = (flags.get('seed') as string | undefined) ?? '1';
  const orgName = (flags.get('org-name') as string | undefined) ?? defaultOrgName(contacts, users, seed);
  if (orgName.length > 200) throw new UsageError('tandem seed: --org-name must be at most 200 characters');
  const outFlag = flags.get('out') as string | undefined;
  const out = outFlag !== undefined ? resolve(outFlag) : target.kind === 'pglite' ? resolve(target.dataDir ?? '.tandem-data', 'crm-n.json') : null;
  return {
    options: {
      contacts, users, seed, orgName, shareAll: (flags.get('share-all') as boolean | undefined) ?? false,
      messages: (flags.get('messages') as number | undefined) ?? 0, now: Math.floor(now / DAY) * DAY,
    },
    batchSize: (flags.get('batch-size') as number | undefined) ?? 5_000,
    out,
    json: flags.get('json') === true,
  };
}

function describeTarget(target: DbTarget): string {
  return target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${resolve(target.dataDir ?? '.tandem-data')}`;
}

/** Refuses to load over an org of the same name and seed, or over e-mails another org already uses. */
async function checkFree(db: Db, ds: Dataset): Promise<string | null> {
  const org = await db.selectFrom('orgs').select('id').where('id', '=', ds.orgId).executeTakeFirst();
  const domain = emailDomain(ds.options.orgName);
  const email = await db.selectFrom('users').select('email').where('email', 'like', `%@${domain}`).limit(1).executeTakeFirst();
  if (!org && !email) return null;
  return `this database already holds ${org ? `the org ${ds.orgId} ("${ds.options.orgName}")` : `users @${domain}`}: `
    + 'load into a fresh database (another TANDEM_DATA_DIR) or pass another --org-name';
}

async function load(db: Db, ds: Dataset, run: SeedRun, progress: Output): Promise<PhaseReport[]> {
  const { options } = ds;
  await db.insertInto('orgs').values({ id: ds.orgId, name: options.orgName, share_all_contacts: options.shareAll, created_at: new Date(options.now - 400 * DAY) }).execute();
  const reports: PhaseReport[] = [];
  for (const phase of ds.phases) {
    reports.push(await runPhase(progress, phase.label, phase.total, (tick) => writePhase(db, ds.orgId, phase, run.batchSize, tick)));
  }
  await auditBulkLoad(db, ds.orgId, {
    name: options.orgName, seed: options.seed, contacts: options.contacts, users: options.users, shareAll: options.shareAll, messagesPerContact: options.messages,
  }, Date.now());
  return reports;
}

export async function runSeed(argv: readonly string[], stdout: Output, stderr: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const target = targetFromEnv(env);
  const run = seedRunFromArgs(argv, target, Date.now());
  if (!run) {
    stdout.write(SEED_HELP);
    return 0;
  }
  const progress = run.json ? stderr : stdout;
  const { options } = run;
  progress.write(`Seeding CRM-N: ${options.contacts.toLocaleString('en-US')} contacts, ${options.users} users, seed "${options.seed}", `
    + `share-all ${options.shareAll ? 'on' : 'off'}, ${options.messages} history events per contact\n  into ${describeTarget(target)}\n`);
  const handle = openDatabase(target);
  try {
    const applied = await migrate(handle);
    if (applied.length > 0) progress.write(`  migrations applied: ${applied.join(', ')}\n`);
    useServerKey('tandem seed', env, target, progress);
    const ds = buildDataset(options, await hashPassword(SEED_PASSWORD));
    const conflict = await checkFree(handle.db, ds);
    if (conflict) {
      stderr.write(`tandem seed: ${conflict}\n`);
      return 1;
    }
    const started = performance.now();
    const phases = await load(handle.db, ds, run, progress).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n  the org ${ds.orgId} is partly loaded: load into a fresh database`);
    });
    const ms = performance.now() - started;
    const report = buildReport(ds, await countRows(handle.db, ds.orgId), phases, ms, describeTarget(target));
    progress.write(formatReport(report));
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (run.out) {
      mkdirSync(dirname(run.out), { recursive: true });
      writeFileSync(run.out, json);
      progress.write(`\nTest users and counts written to ${run.out}\n`);
    }
    if (run.json) stdout.write(json);
    return 0;
  } finally {
    await handle.close();
  }
}
