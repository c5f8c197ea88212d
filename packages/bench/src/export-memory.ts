// The contacts export's throughput and memory (issue 13; docs/performance.md "Export", D35, D41): GET
// /api/v1/contacts/export as CSV, XLSX and vCard by the dataset's admin, over HTTP from the server as `npm start` runs it
// (built bundle, its own process, pinned to core 0 as in the main benchmark), the body read and thrown away by this
// client. For each format a fresh server: its RSS at rest after sign-in, then the export (rows from the audit entry,
// bytes, seconds, rows/s) and the server's peak RSS (VmHWM of /proc/<pid>/status, the high-water mark since the
// process started: printed before and after the export, since start-up alone may set it), and the highest RSS sampled
// every 50 ms during the export, separately over the first and the second half of the body's bytes (a flat export has
// the same highest RSS in both halves; one that holds rows grows into the second). The floors, measured in the same
// run in this process over the same rows: reading them with one plain SELECT of the exported columns (no access
// policy, no pages) and the format's writer alone (the server's own, over those rows in memory, pages of 500); the
// export's seconds are also given as a multiple of the two floors' sum.
//
//   npm run bench:export -- --size 100k [--formats csv,xlsx,vcard] [--seed 42] [--data-dir DIR] [--fresh]
//
// Data: CRM-N as `npm run bench` seeds it (reused from bench/.data when seeded at the same size, seed and seeder
// version), on PostgreSQL. Nothing is written but the audit entries of the exports.
import pg from 'pg';
import { exportFileStream } from '../../server/src/domain/export/export-file.ts';
import type { ContactExport, ExportRow } from '../../server/src/domain/export/export-contacts.ts';
import { parseArgs as parseBenchArgs, UsageError } from './args.ts';
import { prepareDataset } from './dataset.ts';
import { Api, signIn } from './http.ts';
import { buildServer, memoryOf, pinSelf, PINNING, startTandem } from './processes.ts';
import { progress } from './stats.ts';

const FORMATS = ['csv', 'xlsx', 'vcard'] as const;
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

type Result = { format: Format; rows: number; bytes: number; seconds: number; restMb: number; restPeakMb: number; peakMb: number; firstHalfMb: number; secondHalfMb: number; writerSeconds: number };

/**
 * Reads the whole body, sampling the server's RSS every 50 ms meanwhile with the bytes read so far; answers the bytes
 * and the highest sample over the first half of the bytes and over the second half.
 */
async function download(base: string, token: string, format: Format, pid: number): Promise<{ bytes: number; firstHalfMb: number; secondHalfMb: number }> {
  const samples: [number, number][] = [];
  let bytes = 0;
  const timer = setInterval(() => samples.push([bytes, memoryOf(pid).rss]), 50);
  try {
    const res = await fetch(`${base}/api/v1/contacts/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200 || !res.body) throw new Error(`export ${format}: HTTP ${res.status} ${await res.text()}`);
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  } finally {
    clearInterval(timer);
  }
  const highest = (part: [number, number][]) => part.reduce((m, [, rss]) => Math.max(m, rss), 0);
  return { bytes, firstHalfMb: highest(samples.filter(([b]) => b <= bytes / 2)), secondHalfMb: highest(samples.filter(([b]) => b > bytes / 2)) };
}

type FloorRows = { rows: ExportRow[]; seconds: number };

/** Floor 1: the rows the admin may export, read with one plain SELECT of the exported columns (no policy, no pages). */
async function readFloor(client: pg.Client, orgId: string): Promise<FloorRows> {
  const started = performance.now();
  // The admin exports what they own or hold a share or grant on; the floor reads every active contact of the org
  // instead (a superset, so a generous floor), in name order as the export.
  const r = await client.query<{ id: string; name: string; company: string | null; title: string | null; emails: string[]; phones: string[];
    tags: string[]; address: string | null; owner_name: string; created_at: Date; updated_at: Date }>(`SELECT c.id, c.name, c.company, c.title,
    c.emails, c.phones, c.tags, c.address, u.name AS owner_name, c.created_at, c.updated_at FROM contacts c JOIN users u ON u.org_id = c.org_id
    AND u.id = c.owner_id WHERE c.org_id = $1 AND c.archived_at IS NULL AND c.trashed_at IS NULL ORDER BY c.sort_name, c.id`, [orgId]);
  const rows = r.rows.map((x) => ({
    id: x.id, name: x.name, company: x.company, title: x.title, emails: x.emails, phones: x.phones, tags: x.tags, address: x.address,
    ownerName: x.owner_name, createdAt: new Date(x.created_at), updatedAt: new Date(x.updated_at),
  }));
  return { rows, seconds: (performance.now() - started) / 1000 };
}

async function writeAll(format: Format, rows: ExportRow[]): Promise<number> {
  async function* pages(): AsyncGenerator<ExportRow[], void, undefined> {
    for (let i = 0; i < rows.length; i += 500) yield rows.slice(i, i + 500);
  }
  const exp: ContactExport = { format, pages: pages(), rowCount: () => rows.length, count: async () => rows.length };
  let bytes = 0;
  for await (const chunk of exportFileStream(exp)) bytes += (chunk as Buffer).length;
  return bytes;
}

/** Floor 2: the server's writer for `format` alone, over `rows` in memory in pages of 500, the bytes counted and dropped. */
async function writerFloor(format: Format, rows: ExportRow[]): Promise<number> {
  await writeAll(format, rows.slice(0, 2000)); // warm: module loading and the JIT's first compilations are not the floor
  const started = performance.now();
  if ((await writeAll(format, rows)) === 0) throw new Error(`writer floor ${format}: no bytes`);
  return (performance.now() - started) / 1000;
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
  progress('floors: one plain SELECT of the exported columns, then each writer alone over those rows');
  const floorRows = await readFloor(client, orgId);
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
        const { bytes, firstHalfMb, secondHalfMb } = await download(tandem.base, token, format, tandem.pid);
        const seconds = (performance.now() - started) / 1000;
        const peakMb = memoryOf(tandem.pid).peak;
        const audit = await client.query<{ after: { rows: number; completed: boolean } }>(`SELECT after FROM audit_log WHERE org_id = $1
          AND action = 'contact.export' ORDER BY seq DESC LIMIT 1`, [orgId]);
        const entry = audit.rows[0]?.after;
        if (!entry?.completed) throw new Error(`export ${format}: no completed audit entry`);
        const writerSeconds = await writerFloor(format, floorRows.rows.slice(0, entry.rows));
        results.push({ format, rows: entry.rows, bytes, seconds, restMb, restPeakMb, peakMb, firstHalfMb, secondHalfMb, writerSeconds });
      } finally {
        api.close();
        await tandem.stop();
      }
    }
  } finally {
    await client.end();
  }
  console.log(`\nexport on PostgreSQL: CRM-N ${opts.contacts.toLocaleString('en-US')} contacts (seed ${opts.seed}), by the admin over HTTP; ${new Date().toISOString()}`);
  console.log(`floor 1 (plain SELECT of the exported columns, all ${floorRows.rows.length.toLocaleString('en-US')} active contacts, one statement): `
    + `${floorRows.seconds.toFixed(2)} s = ${Math.round(floorRows.rows.length / floorRows.seconds).toLocaleString('en-US')} rows/s`);
  console.log('| format | rows | MB | seconds | rows/s | RSS at rest MB | VmHWM before MB | VmHWM after (peak) MB | highest RSS, 1st half MB | highest RSS, 2nd half MB | writer alone s (floor 2) | export / (floor 1 + floor 2) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const floorSeconds = floorRows.seconds * (r.rows / Math.max(1, floorRows.rows.length)) + r.writerSeconds;
    console.log(`| ${r.format} | ${r.rows.toLocaleString('en-US')} | ${(r.bytes / 1e6).toFixed(1)} | ${r.seconds.toFixed(1)} | `
      + `${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${r.restMb.toFixed(0)} | ${r.restPeakMb.toFixed(0)} | ${r.peakMb.toFixed(0)} | `
      + `${r.firstHalfMb.toFixed(0)} | ${r.secondHalfMb.toFixed(0)} | ${r.writerSeconds.toFixed(2)} | ${(r.seconds / floorSeconds).toFixed(1)}x |`);
  }
}

// The embedded cluster's idle connections emit errors once it stops: leave at once.
await main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
