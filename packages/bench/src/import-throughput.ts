// The contacts import's throughput and memory (issue 13; docs/performance.md "Import", D36): POST /api/v1/imports of a
// generated CSV (`--rows`, default 100 K; every row a new contact with its own e-mail, company, title, two phones, two
// tags and an address) by the dataset's admin, over HTTP from the server as `npm start` runs it (built bundle, its own
// process, pinned to core 0 as in the main benchmark). Prints rows/s, the answer's counts, and the server's RSS at rest,
// its peak (VmHWM) after the import and the highest RSS sampled every 50 ms during it.
//
//   npm run bench:import -- --size 10k [--rows 100k] [--seed 42] [--data-dir DIR] [--fresh]
//
// Data: CRM-N as `npm run bench` seeds it (reused from bench/.data when seeded at the same size, seed and seeder
// version), on PostgreSQL; the import adds `--rows` contacts to it (a re-run imports them again: all `unchanged`).
import { parseArgs as parseBenchArgs, UsageError } from './args.ts';
import { prepareDataset } from './dataset.ts';
import { Api, signIn } from './http.ts';
import { buildServer, memoryOf, pinSelf, PINNING, startTandem } from './processes.ts';
import { progress } from './stats.ts';

function parseRows(text: string): number {
  const m = /^(\d[\d_,]*)([km]?)$/i.exec(text.trim());
  if (!m) throw new UsageError(`bench:import: --rows takes a whole number such as 10000, 10k or 100k (got '${text}')`);
  const unit = (m[2] ?? '').toLowerCase();
  return Number((m[1] as string).replace(/[_,]/g, '')) * (unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1);
}

function readArgs(argv: string[]) {
  const rest: string[] = [];
  let rows = 100_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--rows' || arg.startsWith('--rows=')) rows = parseRows(arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[(i += 1)] ?? '');
    else rest.push(arg);
  }
  const opts = parseBenchArgs([...rest, '--peers', 'none']);
  if (!opts) throw new UsageError('see the header of packages/bench/src/import-throughput.ts');
  if (opts.db !== 'postgres') throw new UsageError('bench:import: measured on PostgreSQL only (--db postgres)');
  return { opts, rows };
}

/** The file: a header Tandem's importer detects, then `rows` distinct contacts (a run tag keeps e-mails new). */
export function generatedCsv(rows: number, tag: string): string {
  const lines = ['Name,Email,Company,Title,Phones,Tags,Address'];
  for (let i = 1; i <= rows; i += 1) {
    lines.push(`Import Person ${i},p${i}.${tag}@import.bench,Company ${i % 997},Title ${i % 13},"+1 555 ${String(i).padStart(7, '0')}; +1 555 0000",vip; batch ${i % 50},"${i} Main Street, Springfield"`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

type Answer = { created: number; updated: number; skipped: number; errors: unknown[]; failedBatch: unknown };

async function main(): Promise<void> {
  const { opts, rows } = readArgs(process.argv.slice(2));
  pinSelf();
  progress(`import: ${rows.toLocaleString('en-US')} rows into CRM-N ${opts.contacts.toLocaleString('en-US')} contacts / ${opts.users} users, seed ${opts.seed}; pinning ${PINNING ? 'on' : 'off'}`);
  const ds = await prepareDataset(opts);
  const admin = ds.report.testUsers.admin;
  if (!admin) throw new Error('no admin in the dataset');
  progress('building the server (scripts/build-server.mjs)');
  buildServer();
  const csv = generatedCsv(rows, Date.now().toString(36));
  const tandem = await startTandem(ds);
  const api = new Api(tandem.base);
  try {
    const token = await signIn(api, admin.email, 'tandem-bench');
    await new Promise((r) => setTimeout(r, 500));
    const rest = memoryOf(tandem.pid);
    progress(`server ${tandem.pid} at rest ${rest.rss.toFixed(0)} MB; importing ${(Buffer.byteLength(csv) / 1e6).toFixed(1)} MB`);
    let sampledMaxMb = 0;
    const timer = setInterval(() => {
      sampledMaxMb = Math.max(sampledMaxMb, memoryOf(tandem.pid).rss);
    }, 50);
    const started = performance.now();
    let answer: Answer;
    try {
      const form = new FormData();
      form.append('dryRun', 'false');
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
      const res = await fetch(`${tandem.base}/api/v1/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`import: HTTP ${res.status} ${await res.text()}`);
      answer = (await res.json()) as Answer;
    } finally {
      clearInterval(timer);
    }
    const seconds = (performance.now() - started) / 1000;
    const peakMb = memoryOf(tandem.pid).peak;
    console.log(`\nimport on PostgreSQL: ${rows.toLocaleString('en-US')} CSV rows into CRM-N ${opts.contacts.toLocaleString('en-US')} (seed ${opts.seed}), by the admin over HTTP; ${new Date().toISOString()}`);
    console.log('| rows | MB | seconds | rows/s | created | updated | skipped | errors | failed batch | RSS at rest MB | VmHWM before MB | VmHWM after (peak) MB | highest RSS sampled MB |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|');
    console.log(`| ${rows.toLocaleString('en-US')} | ${(Buffer.byteLength(csv) / 1e6).toFixed(1)} | ${seconds.toFixed(1)} | ${Math.round(rows / seconds).toLocaleString('en-US')} | `
      + `${answer.created} | ${answer.updated} | ${answer.skipped} | ${answer.errors.length} | ${answer.failedBatch ? 'yes' : 'no'} | `
      + `${rest.rss.toFixed(0)} | ${rest.peak.toFixed(0)} | ${peakMb.toFixed(0)} | ${sampledMaxMb.toFixed(0)} |`);
  } finally {
    api.close();
    await tandem.stop();
  }
}

// The embedded cluster's idle connections emit errors once it stops: leave at once.
await main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
