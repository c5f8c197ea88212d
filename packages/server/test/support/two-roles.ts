// A database owned by an owner role, and a login app role with no privileges yet, on the test run's PostgreSQL: the
// two-role set-up of D51 (DATABASE_MIGRATION_URL as the owner, DATABASE_URL as the app role). Names are random, so
// test files running at once never meet; `drop` removes the database and both roles.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TwoRoles = {
  owner: string;
  app: string;
  database: string;
  /** The database's URL as the owner (DATABASE_MIGRATION_URL). */
  ownerUrl: string;
  /** The database's URL as the app role (DATABASE_URL). */
  appUrl: string;
  drop: () => Promise<void>;
};

async function asSuperuser(serverUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client(serverUrl);
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

function urlAs(serverUrl: string, user: string, password: string, database: string): string {
  const url = new URL(serverUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/** `serverUrl`: a superuser's URL (the test run's `inject('postgresUrl')`); `label` goes into the database's name. */
export async function createTwoRoles(serverUrl: string, label: string): Promise<TwoRoles> {
  const suffix = randomBytes(4).toString('hex');
  const owner = `tandem_owner_${suffix}`;
  const app = `tandem_app_${suffix}`;
  const database = `tandem_${label}_${suffix}`;
  await asSuperuser(serverUrl, [
    `CREATE ROLE ${owner} LOGIN PASSWORD 'owner-pw'`, `CREATE ROLE ${app} LOGIN PASSWORD 'app-pw'`,
    `CREATE DATABASE ${database} OWNER ${owner}`,
  ]);
  return {
    owner, app, database,
    ownerUrl: urlAs(serverUrl, owner, 'owner-pw', database),
    appUrl: urlAs(serverUrl, app, 'app-pw', database),
    drop: () => asSuperuser(serverUrl, [`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, `DROP ROLE IF EXISTS ${app}`, `DROP ROLE IF EXISTS ${owner}`]),
  };
}
