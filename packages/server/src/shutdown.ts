// Graceful shutdown of the server process (issue 14 item 3, docs/decisions.md D43): on SIGTERM or SIGINT, stop
// taking work everywhere at once (the HTTP listener closes, so new connections are refused; the scheduler and the
// queue claim nothing more), let what is in flight finish (requests, job runs, sends), then close the database and
// exit 0. A stop that hangs (a request that never ends, a dead database) must not keep the process alive for ever:
// after the grace period the process logs one line and exits 1.
import { accessSync, constants, existsSync, mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ShutdownLog = { info: (msg: string) => void; error: (msg: string) => void };

export type ShutdownPlan = {
  /** Stopped together: each stops taking work and resolves when its work in flight is done. */
  drain: readonly (() => Promise<unknown>)[];
  /** Closed after every drain step (the database). */
  close: () => Promise<unknown>;
  graceMs: number;
  log: ShutdownLog;
  exit?: (code: number) => void;
};

export const DEFAULT_GRACE_MS = 10_000;

/** TANDEM_SHUTDOWN_GRACE_SECONDS (default 10): how long a shutdown may take before the process is ended anyway. */
export function graceMsFrom(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.TANDEM_SHUTDOWN_GRACE_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_GRACE_MS;
}

/** Runs the plan once; a second signal while it runs changes nothing (the grace timer is already counting). */
export function shutdownOnSignals(plan: ShutdownPlan, signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): () => Promise<void> {
  const exit = plan.exit ?? ((code: number) => process.exit(code));
  // A log that cannot be written (stdout's reader gone: EPIPE) must not stop the shutdown or the exit.
  const log = {
    info: (msg: string) => { try { plan.log.info(msg); } catch { /* nowhere left to tell */ } },
    error: (msg: string) => { try { plan.log.error(msg); } catch { /* nowhere left to tell */ } },
  };
  let running: Promise<void> | null = null;
  const shutdown = (signal: string): Promise<void> => {
    running ??= (async () => {
      const started = Date.now();
      log.info(`${signal}: shutting down (no new connections; finishing requests and jobs in flight)`);
      const force = setTimeout(() => {
        log.error(`shutdown did not finish within ${plan.graceMs} ms: exiting anyway`);
        exit(1);
      }, plan.graceMs);
      force.unref();
      try {
        await Promise.all(plan.drain.map((step) => step()));
        await plan.close();
      } catch (error) {
        clearTimeout(force);
        log.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
        return;
      }
      clearTimeout(force);
      log.info(`stopped cleanly in ${Date.now() - started} ms`);
      exit(0);
    })();
    return running;
  };
  for (const signal of signals) process.on(signal, () => void shutdown(signal));
  return () => shutdown('shutdown');
}

const STORAGE_REASONS: Record<string, string> = {
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable (operation not permitted)',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full disk (no space left on the device)',
  EDQUOT: 'is over its disk quota',
  ENOTDIR: 'is not a folder',
};

/**
 * Before PGlite opens its folder: make it if needed and write, flush and remove a probe file. PGlite itself fails on
 * a read-only or full folder with a WebAssembly abort and a long stack, or half-way through a migration; this turns
 * it into one sentence. Returns null when the folder is usable.
 */
export function dataFolderProblem(dataDir: string): string | null {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    const probe = join(dataDir, `.tandem-write-probe-${process.pid}`);
    writeFileSync(probe, 'probe\n', { flush: true });
    rmSync(probe, { force: true });
    return freeSpaceProblem(dataDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = STORAGE_REASONS[code] ?? `cannot be written (${error instanceof Error ? error.message : String(error)})`;
    return `The data folder ${dataDir} ${reason}${code ? ` [${code}]` : ''}. Tandem keeps its PGlite database there: `
      + 'make it writable, free some space, or point TANDEM_DATA_DIR at another folder (or set DATABASE_URL).';
  }
}

const MIB = 1024 * 1024;
/**
 * Free space a PGlite folder needs to start (D47). A new database with Tandem's migrations took 40 MiB (a 16 MiB WAL
 * segment included): below 64 MiB the start would fail half-way through creating it, after half a minute, with
 * PGlite's errno instead of a sentence. A database that exists needs room for at least one more WAL segment.
 */
export const FREE_SPACE_NEW_DATABASE = 64 * MIB;
export const FREE_SPACE_EXISTING_DATABASE = 16 * MIB;

function freeSpaceProblem(dataDir: string): string | null {
  const { bavail, bsize } = statfsSync(dataDir);
  const free = bavail * bsize;
  const exists = existsSync(join(dataDir, 'PG_VERSION'));
  const needed = exists ? FREE_SPACE_EXISTING_DATABASE : FREE_SPACE_NEW_DATABASE;
  if (free >= needed) return null;
  return `The data folder ${dataDir} is on a disk with ${(free / MIB).toFixed(1)} MiB free; Tandem needs at least ${needed / MIB} MiB there `
    + `${exists ? 'to run its database' : 'to create its database (a new one takes about 40 MiB)'} [ENOSPC]. `
    + 'Free some space, or point TANDEM_DATA_DIR at another folder (or set DATABASE_URL).';
}

/**
 * Errno numbers of PGlite's WebAssembly file system (WASI's), which PGlite throws as an object with only `errno`
 * when the folder fails it mid-way (for instance the disk filling up while it creates the database).
 */
const WASI_ERRNO: Record<number, string> = { 2: 'EACCES', 19: 'EDQUOT', 29: 'EIO', 51: 'ENOSPC', 63: 'EPERM', 69: 'EROFS' };

/** One line for whatever a failed start threw: an Error's message, PGlite's errno object named, else its JSON. */
export function describeStartError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  const errno = (error as { errno?: unknown } | null)?.errno;
  if (typeof errno === 'number') {
    const code = WASI_ERRNO[errno];
    const reason = code && code in STORAGE_REASONS ? `the data folder ${STORAGE_REASONS[code]}` : 'a file system error';
    return `${reason} [${code ?? `errno ${errno}`}]`;
  }
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** A start that fails: one line on stderr (the stack only at LOG_LEVEL=debug) and exit code 1, never a stack dump. */
export function failStart(message: string, error?: unknown): never {
  console.error(`Tandem cannot start: ${message}`);
  if (error instanceof Error && (process.env.LOG_LEVEL ?? '').toLowerCase() === 'debug') console.error(error.stack);
  process.exit(1);
}
