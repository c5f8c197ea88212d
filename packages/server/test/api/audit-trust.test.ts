// Audit you can trust (issue 14 item 2, D45): the log is append-only in the database, entries are keyed (HMAC), and
// a signed checkpoint kept outside the database catches a chain rewritten end to end even with the HMAC key. Each
// attack here is made as an attacker with the table owner's rights would make it (triggers off: support/audit-owner.ts).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hashEntry, keyedHashEntry } from '../../src/domain/audit/audit-chain.ts';
import { verifyAuditCheckpoint, type AuditCheckpoint } from '../../src/domain/audit/audit-checkpoint.ts';
import { auditKeys, auditKeysFrom } from '../../src/domain/audit/audit-keys.ts';
import { loadAuditChain, type AuditRow } from '../../src/storage/audit-queries.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { asOwner, jsonText, rewriteChain } from './support/audit-owner.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

const GENESIS = '0'.repeat(64);

/** Six entries in acme's log (settings switched back and forth). */
async function sixEntries(t: TestHandle, w: AcmeAndGlobex): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    expectStatus(await t.api.org.updateSettings({ shareAllContacts: i % 2 === 0 }, { as: w.users.ada.token }), 200);
    t.clock.advance(1000);
  }
}

for (const db of DATABASE_KINDS) {
  describe(`the audit log on ${db}`, () => {
    const t = useTestApp({ db });
    const verify = async (w: AcmeAndGlobex) => expectStatus(await t.api.audit.verify({ as: w.users.ada.token }), 200);

    it('refuses UPDATE, DELETE and TRUNCATE from the app', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await sixEntries(t, w);
      await expect(sql`UPDATE audit_log SET action = 'x' WHERE org_id = ${w.orgs.acme}`.execute(t.db)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(sql`DELETE FROM audit_log WHERE org_id = ${w.orgs.acme} AND seq = 6`.execute(t.db)).rejects.toThrow(/append-only: DELETE refused/);
      await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only: TRUNCATE refused/);
      await expect(sql`TRUNCATE audit_unkeyed_heads`.execute(t.db)).rejects.toThrow(/audit_unkeyed_heads is append-only/);
      expect(await verify(w)).toEqual({ valid: true, entries: 6, firstBadSeq: null });
    });

    it('writes keyed hashes and catches an edited, a deleted and an inserted row', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await sixEntries(t, w);
      const rows = await loadAuditChain(t.db, w.orgs.acme);
      expect(rows.every((r) => /^k1:[0-9a-f]{64}$/.test(r.hash))).toBe(true);

      await asOwner(t.db, (trx) => sql`UPDATE audit_log SET after = '{"shareAllContacts":false}'::jsonb WHERE org_id = ${w.orgs.acme} AND seq = 3`.execute(trx));
      expect(await verify(w)).toEqual({ valid: false, entries: 6, firstBadSeq: '3' });
      await asOwner(t.db, (trx) => sql`UPDATE audit_log SET after = ${JSON.stringify(rows[2]?.after)}::jsonb WHERE org_id = ${w.orgs.acme} AND seq = 3`.execute(trx));
      expect(await verify(w)).toEqual({ valid: true, entries: 6, firstBadSeq: null });

      await asOwner(t.db, (trx) => sql`DELETE FROM audit_log WHERE org_id = ${w.orgs.acme} AND seq = 4`.execute(trx));
      expect(await verify(w)).toEqual({ valid: false, entries: 5, firstBadSeq: '5' });
      // Put back, then a forged entry appended after the head, chained and hashed without the key.
      const fourth = rows[3] as AuditRow;
      await t.db.insertInto('audit_log').values({ ...fourth, before: jsonText(fourth.before), after: jsonText(fourth.after) }).execute();
      expect(await verify(w)).toEqual({ valid: true, entries: 6, firstBadSeq: null });
      const head = rows[5] as AuditRow;
      const forged = { ...head, id: undefined, seq: '7', at: new Date(head.at).toISOString(), prev_hash: head.hash, action: 'org.settings.change' };
      await t.db.insertInto('audit_log').values({ ...forged, id: undefined, before: jsonText(head.before), after: jsonText(head.after), hash: hashEntry(forged) }).execute();
      expect(await verify(w)).toEqual({ valid: false, entries: 7, firstBadSeq: '7' });
    });

    it('catches a whole chain rewritten with plain hashes or another key', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await sixEntries(t, w);
      const dropSecond = (rows: AuditRow[]) => rows.filter((r) => String(r.seq) !== '2');
      await rewriteChain(t.db, w.orgs.acme, hashEntry, dropSecond);
      expect(await verify(w)).toEqual({ valid: false, entries: 5, firstBadSeq: '1' });
      const otherKey = randomBytes(32);
      await rewriteChain(t.db, w.orgs.acme, (e) => keyedHashEntry(e, otherKey), (rows) => rows);
      expect(await verify(w)).toEqual({ valid: false, entries: 5, firstBadSeq: '1' });
    });

    it('signs a checkpoint that catches a rewrite made with the right key', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await sixEntries(t, w);
      const checkpoint = expectStatus(await t.api.audit.checkpoint({ as: w.users.ada.token }), 200);
      expect(checkpoint).toMatchObject({ orgId: w.orgs.acme, seq: '6', publicKey: auditKeys().publicKeyText });
      expect(await verifyAuditCheckpoint(t.db, w.orgs.acme, checkpoint)).toEqual({ valid: true, entries: 6, firstBadSeq: null, checkpoint: 'matches', signedBy: 'server' });
      await sixEntries(t, w);
      expect((await verifyAuditCheckpoint(t.db, w.orgs.acme, checkpoint)).checkpoint).toBe('matches');

      // Someone with the database and the HMAC key drops entry 2 and rehashes everything: the walk passes...
      const key = auditKeys().hmacKey;
      await rewriteChain(t.db, w.orgs.acme, (e) => keyedHashEntry(e, key), (rows) => rows.filter((r) => String(r.seq) !== '2'));
      expect(await verify(w)).toEqual({ valid: true, entries: 11, firstBadSeq: null });
      // ...the checkpoint does not.
      expect(await verifyAuditCheckpoint(t.db, w.orgs.acme, checkpoint)).toEqual({ valid: false, entries: 11, firstBadSeq: null, checkpoint: 'hash-differs', signedBy: 'server' });

      const forgedSignature: AuditCheckpoint = { ...checkpoint, hash: (await loadAuditChain(t.db, w.orgs.acme))[5]?.hash as string };
      expect((await verifyAuditCheckpoint(t.db, w.orgs.acme, forgedSignature)).checkpoint).toBe('bad-signature');
      const otherServer = auditKeysFrom(randomBytes(32));
      expect((await verifyAuditCheckpoint(t.db, w.orgs.acme, checkpoint, otherServer)).checkpoint).toBe('wrong-key');
      expect((await verifyAuditCheckpoint(t.db, w.orgs.acme, { ...checkpoint, seq: '99' })).checkpoint).toBe('bad-signature');
      expect((await verifyAuditCheckpoint(t.db, w.orgs.globex, checkpoint)).checkpoint).toBe('other-org');
    });

    it('gives checkpoints to admins only, and refuses to sign a broken chain', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      expect(outcome(await t.api.audit.checkpoint({ as: w.users.ben.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
      expect(expectStatus(await t.api.audit.checkpoint({ as: w.users.ada.token }), 200)).toMatchObject({ seq: '0', hash: GENESIS });
      await sixEntries(t, w);
      await asOwner(t.db, (trx) => sql`UPDATE audit_log SET action = 'x' WHERE org_id = ${w.orgs.acme} AND seq = 2`.execute(trx));
      expect(outcome(await t.api.audit.checkpoint({ as: w.users.ada.token }))).toEqual({ status: 409, code: 'TANDEM_AUDIT_CHAIN_BROKEN' });
    });

    if (db === 'postgres') {
      it('a role with INSERT and SELECT only cannot change rows or turn the trigger off', async () => {
        const w = await t.world(ACME_AND_GLOBEX);
        await sixEntries(t, w);
        const role = `tandem_app_${randomBytes(4).toString('hex')}`;
        const attempts: string[] = [];
        // All in one transaction rolled back at the end: the role never outlives the test.
        await t.db.transaction().execute(async (trx) => {
          await sql.raw(`CREATE ROLE ${role} NOLOGIN`).execute(trx);
          await sql.raw(`GRANT SELECT, INSERT ON audit_log TO ${role}`).execute(trx);
          await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
          for (const statement of [
            `UPDATE audit_log SET action = 'x' WHERE seq = 1`, 'DELETE FROM audit_log WHERE seq = 1', 'TRUNCATE audit_log',
            'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only', 'SET session_replication_role = replica',
          ]) {
            await sql`SAVEPOINT attempt`.execute(trx);
            await sql.raw(statement).execute(trx).then(() => attempts.push(`${statement}: done`), (e: Error) => attempts.push(`${statement}: ${e.message}`));
            await sql`ROLLBACK TO SAVEPOINT attempt`.execute(trx);
          }
          await sql`RESET ROLE`.execute(trx);
          throw new Error('roll back');
        }).catch((e: Error) => expect(e.message).toBe('roll back'));
        expect(attempts).toEqual([
          expect.stringMatching(/UPDATE.*permission denied for table audit_log/),
          expect.stringMatching(/DELETE.*permission denied for table audit_log/),
          expect.stringMatching(/TRUNCATE.*permission denied for table audit_log/),
          expect.stringMatching(/DISABLE TRIGGER.*must be owner of table audit_log/),
          expect.stringMatching(/session_replication_role.*permission denied to set parameter/),
        ]);
        expect(await verify(w)).toEqual({ valid: true, entries: 6, firstBadSeq: null });
      });
    }
  });
}
