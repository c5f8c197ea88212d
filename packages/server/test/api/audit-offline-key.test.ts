// A checkpoint signed with an offline key (D51) holds against someone who has the database AND the server's secret
// key: they can rehash the whole chain and sign a fresh checkpoint with the server's key, but not with the offline
// one. And POST /audit/verify checks any checkpoint against the chain as it is now (admins, own org only).
import { generateKeyPairSync, sign } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, keyedHashEntry } from '../../src/domain/audit/audit-chain.ts';
import { makeAuditCheckpoint, verifyAuditCheckpoint, type AuditCheckpoint } from '../../src/domain/audit/audit-checkpoint.ts';
import { auditKeys, auditPublicKeyFrom, configureOfflineAuditKey, publicKeyText } from '../../src/domain/audit/audit-keys.ts';
import type { AuditRow } from '../../src/storage/audit-queries.ts';
import { DATABASE_KINDS } from '../support/databases.ts';
import { expectStatus, outcome } from './support/api-client.ts';
import { asOwner, rewriteChain } from './support/audit-owner.ts';
import { useTestApp, type TestHandle } from './support/test-app.ts';
import { ACME_AND_GLOBEX, type AcmeAndGlobex } from './support/world-builder.ts';

/** An org's offline key pair, as `tandem audit keygen` makes it. */
function offlineKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: { signingKey: privateKey, publicKeyText: publicKeyText(publicKey) }, publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

async function sixEntries(t: TestHandle, w: AcmeAndGlobex): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    expectStatus(await t.api.org.updateSettings({ shareAllContacts: i % 2 === 0 }, { as: w.users.ada.token }), 200);
    t.clock.advance(1000);
  }
}

for (const db of DATABASE_KINDS) {
  describe(`offline-signed checkpoints and POST /audit/verify on ${db}`, () => {
    const t = useTestApp({ db });
    afterEach(() => configureOfflineAuditKey(null));
    const verifyWith = (w: AcmeAndGlobex, checkpoint: object) => t.api.audit.verifyCheckpoint(checkpoint, { as: w.users.ada.token });

    it('catches a whole chain rewritten and re-signed with the server key', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await sixEntries(t, w);
      const offline = offlineKeyPair();
      configureOfflineAuditKey(offline.publicPem);
      const kept = await makeAuditCheckpoint(t.db, w.orgs.acme, t.clock.now(), auditKeys(), offline.signer);
      expect(kept).toMatchObject({ orgId: w.orgs.acme, seq: '6', publicKey: offline.signer.publicKeyText });
      expect(expectStatus(await verifyWith(w, kept), 200))
        .toEqual({ valid: true, entries: 6, firstBadSeq: null, checkpoint: 'matches', signedBy: 'offline' });

      // The attacker has the database and the server's secret: edits entry 2, rehashes everything with the HMAC key,
      // and signs a new checkpoint with the server's key. The walk and their checkpoint pass...
      const edit = (rows: AuditRow[]) => rows.map((r) => (String(r.seq) === '2' ? { ...r, after: { shareAllContacts: 'never' } } : r));
      await rewriteChain(t.db, w.orgs.acme, (e) => keyedHashEntry(e, auditKeys().hmacKey), edit);
      const theirs = expectStatus(await t.api.audit.checkpoint({ as: w.users.ada.token }), 200);
      expect(expectStatus(await verifyWith(w, theirs), 200)).toMatchObject({ valid: true, checkpoint: 'matches', signedBy: 'server' });
      // ...the offline checkpoint kept outside does not,
      expect(expectStatus(await verifyWith(w, kept), 200))
        .toEqual({ valid: false, entries: 6, firstBadSeq: null, checkpoint: 'hash-differs', signedBy: 'offline' });
      // and they cannot make one that claims the offline key: only the server's key is theirs to sign with.
      const body = { orgId: kept.orgId, seq: kept.seq, hash: theirs.hash, at: kept.at };
      const text = Buffer.from(`tandem-audit-checkpoint-v1\n${canonicalJson([body.orgId, body.seq, body.hash, body.at])}`);
      const forged: AuditCheckpoint = { ...kept, hash: theirs.hash, signature: sign(null, text, auditKeys().signingKey).toString('base64') };
      expect(expectStatus(await verifyWith(w, forged), 200)).toMatchObject({ valid: false, checkpoint: 'bad-signature', signedBy: null });
    });

    it('accepts an offline checkpoint only when its public key is registered', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await sixEntries(t, w);
      const offline = offlineKeyPair();
      const kept = await makeAuditCheckpoint(t.db, w.orgs.acme, t.clock.now(), auditKeys(), offline.signer);
      expect(expectStatus(await verifyWith(w, kept), 200)).toMatchObject({ valid: false, checkpoint: 'wrong-key', signedBy: null });
      const registered = auditPublicKeyFrom(offline.signer.publicKeyText);
      expect(await verifyAuditCheckpoint(t.db, w.orgs.acme, kept, auditKeys(), registered)).toMatchObject({ valid: true, checkpoint: 'matches', signedBy: 'offline' });
      expect(() => auditPublicKeyFrom('not a key')).toThrow(/not an Ed25519 public key/);
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
      expect(() => auditPublicKeyFrom(rsa)).toThrow(/not an Ed25519 public key \(it is rsa\)/);
    });

    it('answers ok, tampered and cut-off chains; admins only; own org only', async () => {
      const w = await t.world(ACME_AND_GLOBEX);
      await sixEntries(t, w);
      const checkpoint = expectStatus(await t.api.audit.checkpoint({ as: w.users.ada.token }), 200);
      expect(expectStatus(await verifyWith(w, checkpoint), 200)).toEqual({ valid: true, entries: 6, firstBadSeq: null, checkpoint: 'matches', signedBy: 'server' });

      expect(outcome(await t.api.audit.verifyCheckpoint(checkpoint, { as: w.users.ben.token }))).toEqual({ status: 403, code: 'TANDEM_ACCESS_ADMIN_ONLY' });
      const globex = expectStatus(await t.api.audit.checkpoint({ as: w.users.oz.token }), 200);
      expect(outcome(await verifyWith(w, globex))).toEqual({ status: 400, code: 'TANDEM_AUDIT_CHECKPOINT_OTHER_ORG' });
      expect(outcome(await verifyWith(w, { ...checkpoint, signature: undefined }))).toEqual({ status: 400, code: 'TANDEM_INPUT_INVALID' });

      await asOwner(t.db, (trx) => sql`UPDATE audit_log SET action = 'x' WHERE org_id = ${w.orgs.acme} AND seq = 3`.execute(trx));
      // The row at the checkpoint's seq still holds its hash; the chain is what broke.
      expect(expectStatus(await verifyWith(w, checkpoint), 200)).toEqual({ valid: false, entries: 6, firstBadSeq: '3', checkpoint: 'matches', signedBy: 'server' });
      await asOwner(t.db, (trx) => sql`DELETE FROM audit_log WHERE org_id = ${w.orgs.acme} AND seq >= 3`.execute(trx));
      // The newest entries cut off: the walk passes, the checkpoint's seq is gone.
      expect(expectStatus(await t.api.audit.verify({ as: w.users.ada.token }), 200)).toEqual({ valid: true, entries: 2, firstBadSeq: null });
      expect(expectStatus(await verifyWith(w, checkpoint), 200)).toEqual({ valid: false, entries: 2, firstBadSeq: null, checkpoint: 'seq-missing', signedBy: 'server' });
    });
  });
}
