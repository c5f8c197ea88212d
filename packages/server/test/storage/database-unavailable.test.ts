// Which failures answer 503 TANDEM_DATABASE_UNAVAILABLE (D47): only errors out of the PostgreSQL pool that say the
// database cannot be reached; a socket error from anywhere else (a provider's API) and SQL errors a query causes
// stay what they are (the first a 500 or its own code, the second a bug). The real outage is tested on a real
// PostgreSQL stopped under load: test/process/database-restart.test.ts.
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, markPoolError } from '../../src/storage/database-unavailable.ts';

const withCode = (message: string, code?: string): Error => Object.assign(new Error(message), code ? { code } : {});
const fromPool = (error: unknown) => markPoolError(error);

describe('isDatabaseUnavailable', () => {
  it('is true for the pool\'s errors of a database that is down, restarting or out of reach', () => {
    for (const error of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is shutting down', '57P03'),
      withCode('the database system is in recovery mode', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('connection failure', '08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    ]) expect(isDatabaseUnavailable(fromPool(error)), error.message).toBe(true);
  });

  it('is false for the same errors when they did not come out of the pool (a provider\'s API, a file)', () => {
    expect(isDatabaseUnavailable(withCode('read ECONNRESET', 'ECONNRESET'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(false);
  });

  it('is false for errors a query causes and for anything that is not an error', () => {
    for (const error of [
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('syntax error at or near "SELEC"', '42601'),
      withCode('could not serialize access due to concurrent update', '40001'),
      withCode('canceling statement due to statement timeout', '57014'),
      withCode('audit_log is append-only', 'P0001'),
    ]) expect(isDatabaseUnavailable(fromPool(error)), error.message).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
