// What a backup holds, read from the database's own catalog (docs/decisions.md D50): every table of the schema but
// schema_migrations, in an order where each table comes after the tables its foreign keys point to (so a restore can
// insert in file order with the keys checked), each read in its primary key's order. No list kept by hand: a table
// a migration adds is in the next backup without anyone remembering it.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

export type BackupColumn = {
  name: string;
  /** As format_type writes it: `uuid`, `text[]`, `numeric(14,2)`, `timestamp with time zone`... */
  type: string;
  /** json and jsonb travel as their text: in row_to_json a JSON null and an SQL NULL would both read `null`. */
  asText: boolean;
};
export type BackupTable = {
  name: string;
  columns: BackupColumn[];
  /** ORDER BY terms: the primary key's columns, text ones under the "C" collation so every server sorts alike. */
  orderBy: string[];
};

export type BackupSequence = { name: string; lastValue: string | null };

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The tables, parents first (ties by name), with their primary keys' ORDER BY. A table without a key is refused. */
export async function backupTables(db: Db): Promise<BackupTable[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
    ORDER BY c.relname`.execute(db);
  const keys = await sql<{ table: string; column: string; collatable: boolean }>`
    SELECT c.relname AS table, a.attname AS column, a.attcollation <> 0 AS collatable
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = current_schema() AND i.indisprimary
    ORDER BY c.relname, k.position`.execute(db);
  const columns = await sql<{ table: string; name: string; type: string; json: boolean }>`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
      a.atttypid IN ('json'::regtype, 'jsonb'::regtype) AS json
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    SELECT DISTINCT c.relname AS child, p.relname AS parent
    FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE f.contype = 'f' AND n.nspname = current_schema() AND c.oid <> p.oid`.execute(db);

  const orderBy = new Map<string, string[]>();
  for (const k of keys.rows) {
    const list = orderBy.get(k.table) ?? [];
    list.push(k.collatable ? `${quoteIdent(k.column)} COLLATE "C"` : quoteIdent(k.column));
    orderBy.set(k.table, list);
  }
  const columnsOf = new Map<string, BackupColumn[]>();
  for (const c of columns.rows) {
    const list = columnsOf.get(c.table) ?? [];
    list.push({ name: c.name, type: c.type, asText: c.json });
    columnsOf.set(c.table, list);
  }
  const names = tables.rows.map((t) => t.name);
  for (const name of names) {
    if (!orderBy.has(name)) throw new Error(`backup: the table ${name} has no primary key, so its rows have no order to read and check them in`);
  }
  return parentsFirst(names, edges.rows).map((name) => ({ name, columns: columnsOf.get(name) ?? [], orderBy: orderBy.get(name) as string[] }));
}

/** Kahn's sort: a table once every table it references is placed; among the ready ones, by name. */
function parentsFirst(names: string[], edges: { child: string; parent: string }[]): string[] {
  const waitingOn = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges) if (waitingOn.has(e.parent)) waitingOn.get(e.child)?.add(e.parent);
  const placed: string[] = [];
  while (placed.length < names.length) {
    const ready = names.filter((n) => !placed.includes(n) && [...(waitingOn.get(n) ?? [])].every((p) => placed.includes(p)));
    if (ready.length === 0) throw new Error('backup: the foreign keys between tables form a cycle; no insert order exists');
    placed.push(...ready.slice(0, 1));
  }
  return placed;
}

/** The schema's sequences and where they stand (Tandem's migrations make none today; a restore sets any there are). */
export async function backupSequences(db: Db): Promise<BackupSequence[]> {
  const { rows } = await sql<{ name: string; last_value: string | null }>`
    SELECT sequencename AS name, last_value::text AS last_value FROM pg_sequences
    WHERE schemaname = current_schema() ORDER BY sequencename`.execute(db);
  return rows.map((r) => ({ name: r.name, lastValue: r.last_value }));
}

/** The migrations recorded in the database, in order; [] when it has none (a new database). */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ found: string | null }>`SELECT to_regclass('schema_migrations')::text AS found`.execute(db);
  if (!exists.rows[0]?.found) return [];
  const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(db);
  return rows.map((r) => r.name);
}

/** Rows per table, in one statement (so under one snapshot when run in a transaction). */
export async function tableRowCounts(db: Db, tables: readonly BackupTable[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const columns = tables.map((t, i) => `(SELECT count(*) FROM ${quoteIdent(t.name)})::text AS c${i}`).join(', ');
  const { rows } = await sql.raw<Record<string, string>>(`SELECT ${columns}`).execute(db);
  const row = rows[0] ?? {};
  return new Map(tables.map((t, i) => [t.name, Number(row[`c${i}`] ?? 0)]));
}

/**
 * The session settings every backup read and every restore check runs under, so that one row reads as the same
 * text on PGlite and on PostgreSQL: timestamps in UTC, floats in their shortest exact form, bytea as hex.
 */
export const CANONICAL_SETTINGS = [`SET LOCAL TIME ZONE 'UTC'`, 'SET LOCAL extra_float_digits = 1', `SET LOCAL bytea_output = 'hex'`, `SET LOCAL DateStyle = 'ISO, YMD'`, `SET LOCAL IntervalStyle = 'postgres'`];

export async function useCanonicalSettings(db: Db): Promise<void> {
  for (const statement of CANONICAL_SETTINGS) await sql.raw(statement).execute(db);
}

/**
 * Reads one table's rows as JSON text (row_to_json: every type as its exact text, arrays as arrays, json as text),
 * in key order, `batch` rows at a time through a cursor. Runs inside a transaction (a cursor lives in one).
 */
export async function* tableLines(trx: Db, table: BackupTable, batch = 2000): AsyncGenerator<string[]> {
  const cursor = `tandem_backup_${table.name}`;
  const picked = table.columns.map((c) => (c.asText ? `t.${quoteIdent(c.name)}::text AS ${quoteIdent(c.name)}` : `t.${quoteIdent(c.name)}`)).join(', ');
  const order = table.orderBy.map((term) => `t.${term}`).join(', ');
  await sql.raw(
    `DECLARE ${quoteIdent(cursor)} NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS line FROM ${quoteIdent(table.name)} t ` +
      `CROSS JOIN LATERAL (SELECT ${picked}) x ORDER BY ${order}`,
  ).execute(trx);
  try {
    for (;;) {
      const { rows } = await sql.raw<{ line: string }>(`FETCH FORWARD ${batch} FROM ${quoteIdent(cursor)}`).execute(trx);
      if (rows.length === 0) return;
      yield rows.map((r) => r.line);
      if (rows.length < batch) return;
    }
  } finally {
    // After a failed statement the transaction refuses even CLOSE; the error that got us here is the one to tell.
    await sql.raw(`CLOSE ${quoteIdent(cursor)}`).execute(trx).catch(() => {});
  }
}
