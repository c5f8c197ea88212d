// What `tandem seed` tells at the end: row counts read back from the database, load time, and the test users, as
// text for people and as JSON for the benchmark (which finds its users there).
import { sql } from 'kysely';
import type { Db } from '@tandem/server';
import { formatSeconds, type PhaseReport } from '../progress.ts';
import type { Dataset } from './dataset.ts';
import type { TableName, TestUser, TestUserKey } from './types.ts';

export const SEED_PASSWORD = 'tandem-bench';

export type SeedReport = {
  org: { id: string; name: string; shareAllContacts: boolean };
  seed: string;
  sizes: { contacts: number; users: number; messagesPerContact: number };
  password: string;
  testUsers: Record<TestUserKey, TestUser>;
  counts: Record<TableName | 'audit_log', number>;
  totalRows: number;
  loadSeconds: number;
  rowsPerSecond: number;
  phases: PhaseReport[];
  database: string;
};

const TABLES: readonly (TableName | 'audit_log')[] = [
  'users', 'teams', 'team_members', 'contacts', 'contact_shares', 'user_grants', 'buckets', 'bucket_shares',
  'bucket_contacts', 'contact_events', 'audit_log',
];

export async function countRows(db: Db, orgId: string): Promise<Record<TableName | 'audit_log', number>> {
  const counts = {} as Record<TableName | 'audit_log', number>;
  for (const table of TABLES) {
    const result = await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.table(table)} WHERE org_id = ${orgId}`.execute(db);
    counts[table] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

export function buildReport(ds: Dataset, counts: SeedReport['counts'], phases: PhaseReport[], ms: number, database: string): SeedReport {
  const totalRows = Object.values(counts).reduce((a, b) => a + b, 0) + 1;
  return {
    org: { id: ds.orgId, name: ds.options.orgName, shareAllContacts: ds.options.shareAll },
    seed: ds.options.seed,
    sizes: { contacts: ds.options.contacts, users: ds.options.users, messagesPerContact: ds.options.messages },
    password: SEED_PASSWORD,
    testUsers: ds.testUsers,
    counts,
    totalRows,
    loadSeconds: Math.round(ms) / 1000,
    rowsPerSecond: Math.round((totalRows / ms) * 1000),
    phases: phases.map((p) => ({ ...p, ms: Math.round(p.ms) })),
    database,
  };
}

const n = (v: number) => v.toLocaleString('en-US');

export function formatReport(r: SeedReport): string {
  const lines = [
    '',
    `Loaded org "${r.org.name}" (${r.org.id}) into ${r.database}`,
    `  ${n(r.totalRows)} rows in ${formatSeconds(r.loadSeconds * 1000)}: ${n(r.rowsPerSecond)} rows/s (org row and audit entry included)`,
    '',
    '  table              rows',
    ...Object.entries(r.counts).map(([table, count]) => `  ${table.padEnd(16)} ${n(count).padStart(11)}`),
    '',
    `Test users (every user's password is "${r.password}"; share-all is ${r.org.shareAllContacts ? 'on' : 'off'}):`,
  ];
  for (const [key, user] of Object.entries(r.testUsers)) {
    lines.push(`  ${key.padEnd(14)} ${user.email}  ${user.id}`, `  ${''.padEnd(14)} ${user.note}`);
  }
  return `${lines.join('\n')}\n`;
}
