// Tells "the database cannot be reached just now" from every other failure (docs/decisions.md D47). The HTTP layer
// answers the first with 503 TANDEM_DATABASE_UNAVAILABLE and Retry-After, never 500; the queue keeps a finished job's
// outcome in hand while it holds. Judged on what node-postgres and Node hand back, never on SQL errors a query
// causes: a constraint violation or a syntax error is a bug or bad input, not an outage. Only errors that came out of
// the PostgreSQL pool count (connect.ts marks them): an ECONNRESET from a call to a provider's API is not the database.

const fromPool = new WeakSet<object>();

/** Marks an error thrown by the PostgreSQL pool or one of its connections; returns it for rethrowing. */
export function markPoolError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) fromPool.add(error);
  return error;
}

/** Node's socket errors when PostgreSQL's port refuses, resets or cannot be reached. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * SQLSTATEs of a server that is going away or not taking sessions: 57P01 admin_shutdown (pg_ctl stop -m fast ends each
 * session with it), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down), 53300
 * too_many_connections; class 08 is "connection exception".
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres' own messages for a connection that ended or never came (it gives them no code). */
const CLIENT_MESSAGES = [
  /^Connection terminated/, // "Connection terminated unexpectedly", "... due to connection timeout"
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
  /^Cannot use a pool after calling end on the pool$/,
];

function unavailableHere(error: object): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && CLIENT_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * True when `error` came out of the PostgreSQL pool and says the database is unreachable (its own code or message, or
 * those of an error it wraps: `cause`, an AggregateError's `errors`, as Node gives for a host with several addresses).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && fromPool.has(error) && saysUnavailable(error, 0);
}

/**
 * True when `error` says its database cannot be reached or is going away, wherever it came from (the caller knows it
 * came from a database: the read replica asks this of its standby's errors).
 */
export function saysDatabaseAway(error: unknown): boolean {
  return saysUnavailable(error, 0);
}

function saysUnavailable(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  if (unavailableHere(error)) return true;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  if (cause !== undefined && saysUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => saysUnavailable(inner, depth + 1));
}
