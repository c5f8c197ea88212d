// The contacts export's throughput and memory (issue 13; docs/performance.md "Export", D35): GET
// /api/v1/contacts/export as CSV and as XLSX by the dataset's admin, over HTTP from the server as `npm start` runs it
// (built bundle, its own process, pinned to core 0 as in the main benchmark), the body read and thrown away by this
// client. For each format a fresh server: its RSS at rest after sign-in, then the export (rows from the audit entry,
// bytes, seconds, rows/s) and the server's peak RSS (VmHWM of /proc/<pid>/status, the high-water mark since the
// process started: printed before and after the export, since start-up alone may set it), and the highest RSS sampled
// every 50 ms during the export.
//
//   npm run bench:export -- --size 100k [--formats csv,xlsx] [--seed 42] [--data-dir DIR] [--fresh]
//
// Data: CRM-N as `npm run bench` seeds it (reused from bench/.data when seeded at the same size, seed and seeder
// version), on PostgreSQL. Nothing is written but the audit entries of the exports.
import pg from 'pg';
import { parseArgs as parseBenchArgs, UsageError } from './args.ts';
import { prepareDataset } from './dataset.ts';
import { Api, signIn } from './http.ts';
import { buildServer, memoryOf, pinSelf, PINNING, startTandem } from './processes.ts';
import { progress } from './stats.ts';

const FORMATS = ['csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

function readArgs(argv: string[]) {
  const rest: string[] = [];
  let formats: Format[] = [...FORMATS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--formats' || arg.startsWith('--formats=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[(i += 1)] ?? '';
      formats = value.split(',').map((f) => {
        const format = FORMATS.find((x) => x === f.trim());
        if (!format) throw new UsageError(`bench:export: --formats takes ${FORMATS.join(', ')} (got '${f}')`);
        return format;
      });
    } else rest.push(arg);
  }
  const opts = parseBenchArgs([...rest, '--peers', 'none']);
  if (!opts) throw new UsageError('see the header of packages/bench/src/export-memory.ts');
  if (opts.db !== 'postgres') throw new UsageError('bench:export: measured on PostgreSQL only (--db postgres)');
  return { opts, formats };
}

type Result = { format: Format; rows: number; bytes: number; seconds: number; restMb: number; restPeakMb: number; peakMb: number; sampledMaxMb: number };

/** Reads the whole body, sampling the server's RSS every 50 ms meanwhile; answers the bytes and the highest sample. */
async function download(base: string, token: string, format: Format, pid: number): Promise<{ bytes: number; sampledMaxMb: number }> {
  let sampledMaxMb = 0;
  const timer = setInterval(() => {
    sampledMaxMb = Math.max(sampledMaxMb, memoryOf(pid).rss);
  }, 50);
  try {
    const res = await fetch(`${base}/api/v1/contacts/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200 || !res.body) throw new Error(`export ${format}: HTTP ${res.status} ${await res.text()}`);
    let bytes = 0;
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
    return { bytes, sampledMaxMb };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const { opts, formats } = readArgs(process.argv.slice(2));
  pinSelf();
  progress(`export: CRM-N ${opts.contacts.toLocaleString('en-US')} contacts / ${opts.users} users, seed ${opts.seed}; ${formats.join(', ')}; pinning ${PINNING ? 'on' : 'off'}`);
  const ds = await prepareDataset(opts);
  const orgId = ds.report.org.id;
  const admin = ds.report.testUsers.admin;
  if (!admin) throw new Error('no admin in the dataset');
  const client = new pg.Client({ connectionString: ds.databaseUrl as string });
  await client.connect();
  progress('building the server (scripts/build-server.mjs)');
  buildServer();
  const results: Result[] = [];
  try {
    for (const format of formats) {
      const tandem = await startTandem(ds);
      const api = new Api(tandem.base);
      try {
        const token = await signIn(api, admin.email, 'tandem-bench');
        await new Promise((r) => setTimeout(r, 500));
        const { rss: restMb, peak: restPeakMb } = memoryOf(tandem.pid);
        progress(`${format}: server ${tandem.pid} at rest ${restMb.toFixed(0)} MB; exporting`);
        const started = performance.now();
        const { bytes, sampledMaxMb } = await download(tandem.base, token, format, tandem.pid);
        const seconds = (performance.now() - started) / 1000;
        const peakMb = memoryOf(tandem.pid).peak;
        const audit = await client.query<{ after: { rows: number; completed: boolean } }>(`SELECT after FROM audit_log WHERE org_id = $1
          AND action = 'contact.export' ORDER BY seq DESC LIMIT 1`, [orgId]);
        const entry = audit.rows[0]?.after;
        if (!entry?.completed) throw new Error(`export ${format}: no completed audit entry`);
        results.push({ format, rows: entry.rows, bytes, seconds, restMb, restPeakMb, peakMb, sampledMaxMb });
      } finally {
        api.close();
        await tandem.stop();
      }
    }
  } finally {
    await client.end();
  }
  console.log(`\nexport on PostgreSQL: CRM-N ${opts.contacts.toLocaleString('en-US')} contacts (seed ${opts.seed}), by the admin over HTTP; ${new Date().toISOString()}`);
  console.log('| format | rows | MB | seconds | rows/s | server RSS at rest MB | VmHWM before MB | VmHWM after (peak) MB | highest RSS sampled MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.format} | ${r.rows.toLocaleString('en-US')} | ${(r.bytes / 1e6).toFixed(1)} | ${r.seconds.toFixed(1)} | ` +
      `${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${r.restMb.toFixed(0)} | ${r.restPeakMb.toFixed(0)} | ${r.peakMb.toFixed(0)} | ${r.sampledMaxMb.toFixed(0)} |`);
  }
}

// The embedded cluster's idle connections emit errors once it stops: leave at once.
await main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
