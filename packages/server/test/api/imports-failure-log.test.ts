// A batch the database refuses during POST /imports is reported, not swallowed (D36): the answer names the rows not
// written (and never the database's words), and the server's log holds one error entry with the database's error, the
// file and the rows. The app is built with a logger writing into this test. On PGlite and PostgreSQL.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus } from './support/api-client.ts';
import { postImport } from './support/import-upload.ts';
import { useTestApp } from './support/test-app.ts';

type LogEntry = { level: number; msg: string; fileName?: string; fromRow?: number; toRow?: number; err?: { message?: string; type?: string } };

describe.each(['pglite', 'postgres'] as const)('a failed import batch on %s', (db) => {
  const lines: string[] = [];
  const t = useTestApp({ db, logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } } });
  const logged = () => lines.map((l) => JSON.parse(l) as LogEntry);

  it('is logged with the database\'s error, the file and its rows, while the answer keeps the error to itself', async () => {
    const w = await t.world({ users: { ben: {} } });
    await sql`CREATE OR REPLACE FUNCTION import_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Refused 620' THEN RAISE EXCEPTION 'refused by the log test trigger'; END IF; RETURN NEW; END $$`.execute(t.db);
    await sql`CREATE TRIGGER import_log_refuse BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION import_log_refuse()`.execute(t.db);
    const rows = ['name,email'];
    for (let i = 1; i <= 700; i += 1) rows.push(`${i === 620 ? 'Refused' : 'Row'} ${i},l${i}@log.test`);
    try {
      lines.length = 0;
      const answer = expectStatus(await postImport(t.app, w.users.ben.token, { file: { name: 'people.csv', content: rows.join('\n') }, dryRun: 'false' }), 200);
      expect(answer).toMatchObject({ created: 500, failedBatch: { fromRow: 501, toRow: 700 } });
      expect(JSON.stringify(answer)).not.toContain('log test trigger');
      const errors = logged().filter((e) => e.level >= 50);
      expect(errors).toEqual([expect.objectContaining({
        msg: 'import batch failed: rolled back, import stopped', fileName: 'people.csv', fromRow: 501, toRow: 700,
        err: expect.objectContaining({ message: expect.stringContaining('refused by the log test trigger') }),
      })]);
      // A run without a failure logs nothing at error level.
      lines.length = 0;
      expectStatus(await postImport(t.app, w.users.ben.token, { file: { name: 'ok.csv', content: 'name,email\nFine,fine@log.test' }, dryRun: 'false' }), 200);
      expect(logged().filter((e) => e.level >= 50)).toEqual([]);
    } finally {
      await sql`DROP TRIGGER import_log_refuse ON contacts`.execute(t.db);
      await sql`DROP FUNCTION import_log_refuse()`.execute(t.db);
    }
  }, 60_000);
});
