// Batched writes: one INSERT ... SELECT FROM unnest(...) per batch, one array parameter per column, so a batch of
// 5,000 rows is a single statement with a dozen parameters on PGlite and PostgreSQL alike. A single statement is
// its own transaction: each batch commits whole or not at all, and no row commits alone.
import { sql } from 'kysely';
import type { Db } from '@tandem/server';
import type { Phase, TableName } from './types.ts';

type ColumnType = 'uuid' | 'text' | 'smallint' | 'timestamptz' | 'text[]';

/** Columns per table, in insert order (org_id is added by the writer). Keep in step with migrations/0001. */
export const COLUMNS: Record<TableName, readonly (readonly [string, ColumnType])[]> = {
  users: [['id', 'uuid'], ['name', 'text'], ['email', 'text'], ['password_hash', 'text'], ['role', 'text'], ['created_at', 'timestamptz']],
  teams: [['id', 'uuid'], ['name', 'text'], ['created_at', 'timestamptz']],
  team_members: [['team_id', 'uuid'], ['user_id', 'uuid']],
  contacts: [
    ['id', 'uuid'], ['owner_id', 'uuid'], ['name', 'text'], ['sort_name', 'text'], ['company', 'text'], ['title', 'text'],
    ['emails', 'text[]'], ['phones', 'text[]'], ['tags', 'text[]'], ['address', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ],
  contact_shares: [
    ['id', 'uuid'], ['contact_id', 'uuid'], ['grantee_user_id', 'uuid'], ['grantee_team_id', 'uuid'], ['level', 'smallint'],
    ['starts_at', 'timestamptz'], ['expires_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'],
  ],
  user_grants: [
    ['id', 'uuid'], ['owner_id', 'uuid'], ['grantee_user_id', 'uuid'], ['grantee_team_id', 'uuid'], ['scope', 'text'], ['level', 'smallint'],
    ['starts_at', 'timestamptz'], ['expires_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'],
  ],
  buckets: [['id', 'uuid'], ['owner_id', 'uuid'], ['name', 'text'], ['created_at', 'timestamptz']],
  bucket_shares: [
    ['id', 'uuid'], ['bucket_id', 'uuid'], ['grantee_user_id', 'uuid'], ['grantee_team_id', 'uuid'], ['level', 'smallint'],
    ['starts_at', 'timestamptz'], ['expires_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'],
  ],
  bucket_contacts: [['bucket_id', 'uuid'], ['contact_id', 'uuid'], ['added_by', 'uuid'], ['added_at', 'timestamptz']],
  contact_events: [
    ['id', 'uuid'], ['contact_id', 'uuid'], ['kind', 'text'], ['body', 'text'], ['channel', 'text'], ['direction', 'text'],
    ['sent_by', 'uuid'], ['on_behalf_of', 'uuid'], ['created_at', 'timestamptz'],
  ],
};

/** A PostgreSQL array literal: `{"a","b \"c\""}`. Arrays of arrays cannot be unnested when ragged, so they go as text. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

type Row = Record<string, unknown>;

export async function insertBatch(db: Db, orgId: string, table: TableName, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = COLUMNS[table];
  const params = columns.map(([name, type]) => {
    const values = rows.map((row) => {
      const value = row[name] ?? null;
      return type === 'text[]' ? arrayLiteral(value as string[]) : value;
    });
    const arrayType = type === 'text[]' ? 'text' : type;
    return sql`${values}::${sql.raw(arrayType)}[]`;
  });
  const names = columns.map(([name]) => sql.ref(name));
  const selected = columns.map(([name, type]) => (type === 'text[]' ? sql`u.${sql.ref(name)}::text[]` : sql`u.${sql.ref(name)}`));
  const query = sql`INSERT INTO ${sql.table(table)} (org_id, ${sql.join(names)})
    SELECT ${orgId}::uuid, ${sql.join(selected)} FROM unnest(${sql.join(params)}) AS u(${sql.join(names)})`;
  await query.execute(db);
}

/** Cuts any iterable into arrays of `size`. */
export function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Writes one phase in batches; `onBatch` hears each committed batch's row count. Returns the rows written. */
export async function writePhase(db: Db, orgId: string, phase: Phase, batchSize: number, onBatch: (rows: number) => void): Promise<number> {
  let written = 0;
  for (const batch of batches<Row>(phase.rows(), batchSize)) {
    await insertBatch(db, orgId, phase.table, batch);
    written += batch.length;
    onBatch(batch.length);
  }
  return written;
}
