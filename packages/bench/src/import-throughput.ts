// The contacts import's throughput and memory (issue 13; docs/performance.md "Import", D36): POST /api/v1/imports of a
// generated file (`--rows`, default 100 K; every row a new contact with its own e-mail, company, title, two phones, two
// tags and an address) by the dataset's admin, over HTTP to the server as `npm start` runs it (built bundle, its own
// process, pinned to core 0 as in the main benchmark). Each run (a dry run, then a real run) gets a fresh server; for
// each: rows/s, the answer's counts, and the server's RSS at rest, its peak (VmHWM) after the import and the highest RSS
// sampled every 50 ms during it. The file must fit the import's 20 MiB limit (100 K CSV rows do, 14 MB; 100 K vCards
// do not): a larger one is refused here before it is sent. The floor, printed above the table: the parsing alone in
// this process (readImportFile over the same bytes), which every import does before its first batch.
//
//   npm run bench:import -- --size 100k [--rows 100k] [--format csv|vcard] [--runs dry,real] [--seed 42] [--data-dir DIR] [--fresh]
//
// Data: CRM-N as `npm run bench` seeds it (reused from bench/.data when seeded at the same size, seed and seeder
// version), on PostgreSQL. The real run's contacts (e-mails @import.bench) are deleted afterwards and the dataset marked
// clean again, so later runs (bench:export) see CRM-N as seeded.
import pg from 'pg';
import { readImportFile } from '../../server/src/domain/imports/import-file.ts';
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

const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
type Run = 'dry' | 'real';
type Format = 'csv' | 'vcard';

function valueOf(argv: string[], i: number, arg: string): [string, number] {
  return arg.includes('=') ? [arg.slice(arg.indexOf('=') + 1), i] : [argv[i + 1] ?? '', i + 1];
}

function readArgs(argv: string[]) {
  const rest: string[] = [];
  let rows = 100_000;
  let format: Format = 'csv';
  let runs: Run[] = ['dry', 'real'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const flag = arg.split('=')[0];
    if (flag === '--rows') {
      const [v, next] = valueOf(argv, i, arg);
      rows = parseRows(v);
      i = next;
    } else if (flag === '--format') {
      const [v, next] = valueOf(argv, i, arg);
      if (v !== 'csv' && v !== 'vcard') throw new UsageError(`bench:import: --format takes csv or vcard (got '${v}')`);
      format = v;
      i = next;
    } else if (flag === '--runs') {
      const [v, next] = valueOf(argv, i, arg);
      runs = v.split(',').map((r) => {
        if (r !== 'dry' && r !== 'real') throw new UsageError(`bench:import: --runs takes dry, real or dry,real (got '${r}')`);
        return r;
      });
      i = next;
    } else rest.push(arg);
  }
  const opts = parseBenchArgs([...rest, '--peers', 'none']);
  if (!opts) throw new UsageError('see the header of packages/bench/src/import-throughput.ts');
  if (opts.db !== 'postgres') throw new UsageError('bench:import: measured on PostgreSQL only (--db postgres)');
  return { opts, rows, format, runs };
}

/** The file: a header Tandem's importer detects, then `rows` distinct contacts (a run tag keeps e-mails new). */
export function generatedCsv(rows: number, tag: string): string {
  const lines = ['Name,Email,Company,Title,Phones,Tags,Address'];
  for (let i = 1; i <= rows; i += 1) {
    lines.push(`Import Person ${i},p${i}.${tag}@import.bench,Company ${i % 997},Title ${i % 13},"+1 555 ${String(i).padStart(7, '0')}; +1 555 0000",vip; batch ${i % 50},"${i} Main Street, Springfield"`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The same contacts as vCard 4.0 cards. */
export function generatedVcard(rows: number, tag: string): string {
  const cards: string[] = [];
  for (let i = 1; i <= rows; i += 1) {
    cards.push(['BEGIN:VCARD', 'VERSION:4.0', `FN:Import Person ${i}`, `N:${i};Import Person;;;`, `EMAIL:p${i}.${tag}@import.bench`,
      `ORG:Company ${i % 997}`, `TITLE:Title ${i % 13}`, `TEL:+1 555 ${String(i).padStart(7, '0')}`, 'TEL:+1 555 0000',
      `CATEGORIES:vip,batch ${i % 50}`, `ADR:;;${i} Main Street\\, Springfield;;;;`, 'END:VCARD'].join('\r\n'));
  }
  return `${cards.join('\r\n')}\r\n`;
}

type Answer = { created: number; updated: number; skipped: number; errors: unknown[]; failedBatch: unknown };
type Result = { run: Run; seconds: number; answer: Answer; restMb: number; restPeakMb: number; peakMb: number; sampledMaxMb: number };

async function importOnce(ds: Awaited<ReturnType<typeof prepareDataset>>, email: string, file: string, fileName: string, run: Run): Promise<Result> {
  const tandem = await startTandem(ds);
  const api = new Api(tandem.base);
  try {
    const token = await signIn(api, email, 'tandem-bench');
    await new Promise((r) => setTimeout(r, 500));
    const rest = memoryOf(tandem.pid);
    progress(`${run} run: server ${tandem.pid} at rest ${rest.rss.toFixed(0)} MB; importing ${(Buffer.byteLength(file) / 1e6).toFixed(1)} MB`);
    let sampledMaxMb = 0;
    const timer = setInterval(() => {
      sampledMaxMb = Math.max(sampledMaxMb, memoryOf(tandem.pid).rss);
    }, 50);
    const started = performance.now();
    let answer: Answer;
    try {
      const form = new FormData();
      form.append('dryRun', run === 'dry' ? 'true' : 'false');
      form.append('file', new Blob([file], { type: fileName.endsWith('.vcf') ? 'text/vcard' : 'text/csv' }), fileName);
      const res = await fetch(`${tandem.base}/api/v1/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`import: HTTP ${res.status} ${await res.text()}`);
      answer = (await res.json()) as Answer;
    } finally {
      clearInterval(timer);
    }
    const seconds = (performance.now() - started) / 1000;
    return { run, seconds, answer, restMb: rest.rss, restPeakMb: rest.peak, peakMb: memoryOf(tandem.pid).peak, sampledMaxMb };
  } finally {
    api.close();
    await tandem.stop();
  }
}

async function main(): Promise<void> {
  const { opts, rows, format, runs } = readArgs(process.argv.slice(2));
  pinSelf();
  progress(`import: ${rows.toLocaleString('en-US')} ${format} rows into CRM-N ${opts.contacts.toLocaleString('en-US')} contacts / ${opts.users} users, seed ${opts.seed}; runs ${runs.join(', ')}; pinning ${PINNING ? 'on' : 'off'}`);
  const tag = Date.now().toString(36);
  const file = format === 'csv' ? generatedCsv(rows, tag) : generatedVcard(rows, tag);
  const bytes = Buffer.byteLength(file);
  if (bytes > IMPORT_MAX_BYTES) {
    throw new UsageError(`bench:import: ${rows.toLocaleString('en-US')} ${format} rows are ${(bytes / 1024 / 1024).toFixed(1)} MiB, over the import's 20 MiB limit: fewer --rows (about ${Math.floor(rows * IMPORT_MAX_BYTES / bytes).toLocaleString('en-US')} fit)`);
  }
  const fileName = format === 'csv' ? 'bench.csv' : 'bench.vcf';
  // The floor: parsing the same bytes in this process (what every import does before its first batch).
  const parseStarted = performance.now();
  const parsedRows = readImportFile(fileName, Buffer.from(file, 'utf8')).rows.length;
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  const ds = await prepareDataset(opts);
  const admin = ds.report.testUsers.admin;
  if (!admin) throw new Error('no admin in the dataset');
  progress('building the server (scripts/build-server.mjs)');
  buildServer();
  const results: Result[] = [];
  const client = new pg.Client({ connectionString: ds.databaseUrl as string });
  await client.connect();
  try {
    for (const run of runs) {
      if (run === 'real') await ds.setState('dirty');
      results.push(await importOnce(ds, admin.email, file, fileName, run));
      if (run === 'real') {
        progress('deleting the imported contacts (the dataset stays CRM-N as seeded)');
        await client.query(`DELETE FROM contacts WHERE org_id = $1 AND emails[1] LIKE '%@import.bench'`, [ds.report.org.id]);
        await client.query('VACUUM ANALYZE contacts');
        await ds.setState('clean');
      }
    }
  } finally {
    await client.end();
  }
  console.log(`\nimport on PostgreSQL: ${rows.toLocaleString('en-US')} ${format} rows (${(bytes / 1e6).toFixed(1)} MB) into CRM-N ${opts.contacts.toLocaleString('en-US')} (seed ${opts.seed}), by the admin over HTTP; ${new Date().toISOString()}`);
  console.log(`floor: parsing the file alone (readImportFile, in the client process): ${parsedRows.toLocaleString('en-US')} rows in ${parseSeconds.toFixed(2)} s = ${Math.round(parsedRows / parseSeconds).toLocaleString('en-US')} rows/s`);
  console.log('| run | rows | MB | seconds | rows/s | created | updated | skipped | errors | failed batch | RSS at rest MB | VmHWM before MB | VmHWM after (peak) MB | highest RSS sampled MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.run} | ${rows.toLocaleString('en-US')} | ${(bytes / 1e6).toFixed(1)} | ${r.seconds.toFixed(1)} | ${Math.round(rows / r.seconds).toLocaleString('en-US')} | `
      + `${r.answer.created} | ${r.answer.updated} | ${r.answer.skipped} | ${r.answer.errors.length} | ${r.answer.failedBatch ? 'yes' : 'no'} | `
      + `${r.restMb.toFixed(0)} | ${r.restPeakMb.toFixed(0)} | ${r.peakMb.toFixed(0)} | ${r.sampledMaxMb.toFixed(0)} |`);
  }
}

// The embedded cluster's idle connections emit errors once it stops: leave at once.
await main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
