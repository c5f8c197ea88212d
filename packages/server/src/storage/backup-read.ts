// Reads a backup file (backup-format.ts) and checks it as it goes: the header first, then each table's rows against
// the count and SHA-256 its end line states, and the closing line. Anything else is a BackupFileError that says
// what is wrong; the restore runs inside one transaction, so such an error leaves the database as it was.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BackupFileError, checkHeader, TableDigest, type BackupDone, type BackupHeader, type TableEnd } from './backup-format.ts';

export type BackupReader = {
  /** Rows of `table` in file order, up to `batch` at a time, each already part of the table's checksum. */
  onRows?: (table: string, lines: string[]) => Promise<void> | void;
  onTableEnd?: (end: TableEnd) => Promise<void> | void;
};

/** Splits the gunzipped file into lines; a gzip error (cut short, bytes changed) becomes a BackupFileError. */
async function* fileLines(path: string): AsyncGenerator<string> {
  // stream.pipeline, not .pipe(): a read error (no such file) must reach the loop below, not hang it.
  const input = pipeline(createReadStream(path), createGunzip(), () => {});
  // Decoded by the stream, not chunk by chunk: a character's bytes may straddle two chunks.
  input.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of input) {
      const text = rest + (chunk as string);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      yield* lines;
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw error;
    throw new BackupFileError(`the file is not a whole gzip stream (${error instanceof Error ? error.message : String(error)}): it was cut short or changed`);
  }
  if (rest !== '') yield rest;
}

const parseControl = (line: string): [string, unknown] => {
  try {
    const value = JSON.parse(line) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string') return [value[0], value[1]];
  } catch {
    // named below
  }
  throw new BackupFileError(`a damaged line in the backup: ${line.slice(0, 80)}`);
};

/** Only the header (the first line): what the file holds and at which migration level. */
export async function readBackupHeader(path: string): Promise<BackupHeader> {
  for await (const line of fileLines(path)) {
    const [kind, body] = line.startsWith('[') ? parseControl(line) : ['', null];
    if (kind !== 'header') throw new BackupFileError('this is not a Tandem backup (its first line is not a tandem-backup header)');
    return checkHeader(body);
  }
  throw new BackupFileError('the file is empty');
}

/** Reads the whole file, checking every table; answers the header, each table's end line and the totals. */
export async function readBackup(path: string, reader: BackupReader = {}, batch = 1000): Promise<{ header: BackupHeader; ends: TableEnd[]; done: BackupDone }> {
  const lines = fileLines(path);
  const first = await lines.next();
  if (first.done) throw new BackupFileError('the file is empty');
  const [kind, body] = first.value.startsWith('[') ? parseControl(first.value) : ['', null];
  if (kind !== 'header') throw new BackupFileError('this is not a Tandem backup (its first line is not a tandem-backup header)');
  const header = checkHeader(body);
  const ends: TableEnd[] = [];
  let table = 0;
  let digest: TableDigest | null = null;
  let pending: string[] = [];
  let done: BackupDone | null = null;
  const flush = async (name: string) => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await reader.onRows?.(name, rows);
  };
  for await (const line of lines) {
    if (done) throw new BackupFileError('the file goes on after its closing line');
    const expected = header.tables[table];
    if (!line.startsWith('[')) {
      if (!digest || !expected) throw new BackupFileError('a row outside any table: the file is damaged');
      digest.add([line]);
      pending.push(line);
      if (pending.length >= batch) await flush(expected.name);
      continue;
    }
    const [what, value] = parseControl(line);
    const v = (value ?? {}) as Partial<TableEnd & BackupDone>;
    if (what === 'table') {
      if (digest || !expected || v.name !== expected.name) throw new BackupFileError(`table ${String(v.name)} is out of the header's order: the file is damaged`);
      digest = new TableDigest();
    } else if (what === 'end') {
      if (!digest || !expected || v.name !== expected.name) throw new BackupFileError(`an end line for ${String(v.name)} out of place: the file is damaged`);
      await flush(expected.name);
      const sha256 = digest.hex();
      if (digest.rows !== v.rows || digest.rows !== expected.rows || sha256 !== v.sha256) {
        throw new BackupFileError(`table ${expected.name}: the rows read (${digest.rows}) do not match the count and checksum written (${String(v.rows)}): the file is damaged`);
      }
      const end: TableEnd = { name: expected.name, rows: digest.rows, sha256 };
      ends.push(end);
      await reader.onTableEnd?.(end);
      digest = null;
      table += 1;
    } else if (what === 'done') {
      const rows = ends.reduce((n, e) => n + e.rows, 0);
      if (digest || table !== header.tables.length || v.tables !== table || v.rows !== rows) throw new BackupFileError('the closing line does not match the tables read: the file is damaged');
      done = { tables: table, rows };
    } else {
      throw new BackupFileError(`an unknown line kind '${what}' in the backup`);
    }
  }
  if (!done) {
    const at = header.tables[table]?.name;
    throw new BackupFileError(`the file ends early${at ? ` (in table ${at})` : ''}: it was cut short`);
  }
  return { header, ends, done };
}
