// Starts one real PostgreSQL server for the whole run (unless TANDEM_TEST_DATABASE_URL names one) and hands its
// URL to the tests through `inject('postgresUrl')`. Each test file makes its own database in it.
import type { TestProject } from 'vitest/node';
import { startPostgres, type RunningPostgres } from './embedded-postgres.ts';

let running: RunningPostgres | null = null;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.TANDEM_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  running = await startPostgres();
  project.provide('postgresUrl', running.url);
}

export async function teardown(): Promise<void> {
  await running?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
