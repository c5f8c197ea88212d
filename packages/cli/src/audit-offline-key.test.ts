// `tandem audit keygen`, `checkpoint --signing-key` and `verify --public-key` in process on a seeded PGlite folder
// (D51): the private key file is 0600 and never overwritten, and a checkpoint signed offline catches a chain rewritten
// by someone who holds the server's secret key (they rehash with its HMAC key and re-sign with its Ed25519 key).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeysFrom, keyedHashEntry, loadServerSecret, openDatabase } from '@tandem/server';
import { UsageError } from './args.ts';
import { main } from './main.ts';
import type { Output } from './progress.ts';
import type { SeedReport } from './seed/report.ts';

type Captured = Output & { text: () => string };
function capture(): Captured {
  let text = '';
  return { write: (t) => void (text += t), isTTY: false, stream: process.stderr, text: () => text };
}

describe('tandem audit keygen and offline-signed checkpoints on PGlite', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'tandem-audit-key-'));
  const dataDir = join(root, 'data');
  const env = { TANDEM_DATA_DIR: dataDir } as NodeJS.ProcessEnv;
  const keyFile = join(root, 'audit-signing.pem');
  let report: SeedReport;
  let publicKey = '';

  async function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const [out, err] = [capture(), capture()];
    const code = await main(args, { ...env, ...extraEnv }, out, err);
    return { code, stdout: out.text(), stderr: err.text() };
  }

  beforeAll(async () => {
    const seeded = await run(['seed', '--contacts', '100', '--users', '6', '--seed', 'audit-key', '--out', join(root, 'crm-n.json')]);
    expect(seeded.code).toBe(0);
    report = JSON.parse(readFileSync(join(root, 'crm-n.json'), 'utf8')) as SeedReport;
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the private key with mode 0600, its public key beside it, and never overwrites a key', async () => {
    const made = await run(['audit', 'keygen', '--out', keyFile]);
    expect(made.code).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(`${keyFile}.pub`, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    publicKey = /^TANDEM_AUDIT_PUBLIC_KEY=([A-Za-z0-9+/=]{40,})$/m.exec(made.stdout)?.[1] ?? '';
    expect(publicKey).not.toBe('');
    const before = readFileSync(keyFile, 'utf8');
    const again = await run(['audit', 'keygen', '--out', keyFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the file exists \(a key is never overwritten\)/);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
    await expect(run(['audit', 'keygen'])).rejects.toThrow(UsageError);
  });

  it('signs with the offline key, and that checkpoint catches a rewrite re-signed with the server key', async () => {
    const printed = /^TANDEM_AUDIT_PUBLIC_KEY=(.+)$/m.exec((await run(['audit', 'keygen', '--out', join(root, 'second.pem')])).stdout)?.[1];
    const made = await run(['audit', 'checkpoint', '--org', report.org.id, '--signing-key', keyFile]);
    expect(made.code).toBe(0);
    const file = join(root, 'offline-checkpoint.json');
    writeFileSync(file, made.stdout);
    expect(JSON.parse(made.stdout)).toMatchObject({ orgId: report.org.id, seq: '1', publicKey });

    // Without the offline public key, the signature is no key's the verifier knows.
    const unknown = await run(['audit', 'verify', '--checkpoint', file]);
    expect(unknown.stdout).toMatch(/^INVALID .*checkpoint at seq 1: wrong-key$/m);
    expect(unknown.code).toBe(1);
    const ok = await run(['audit', 'verify', '--checkpoint', file, '--public-key', `${keyFile}.pub`]);
    expect(ok.stdout).toMatch(/^ok .*: 1 entry, chain intact; checkpoint at seq 1 matches \(signed by the offline key\)$/m);
    expect(ok.code).toBe(0);
    // Another offline key's public key (TANDEM_AUDIT_PUBLIC_KEY) is not this one's.
    expect((await run(['audit', 'verify', '--checkpoint', file], { TANDEM_AUDIT_PUBLIC_KEY: printed })).stdout).toMatch(/wrong-key$/m);

    // The attacker has the folder and the server's key: edits the entry, rehashes it, signs a checkpoint of their own.
    const secret = loadServerSecret(env, { kind: 'pglite', dataDir }, () => {});
    const handle = openDatabase({ kind: 'pglite', dataDir });
    try {
      await handle.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        const [row] = (await sql<Record<string, unknown>>`SELECT * FROM audit_log WHERE org_id = ${report.org.id}`.execute(trx)).rows;
        const after = { forged: true };
        const hash = keyedHashEntry({
          org_id: report.org.id, seq: '1', at: new Date(row?.at as Date).toISOString(), actor_id: row?.actor_id as string | null,
          action: row?.action as string, target_type: row?.target_type as string, target_id: row?.target_id as string | null,
          before: row?.before ?? null, after, prev_hash: row?.prev_hash as string,
        }, auditKeysFrom(secret.key).hmacKey);
        await sql`UPDATE audit_log SET after = ${JSON.stringify(after)}::jsonb, hash = ${hash} WHERE org_id = ${report.org.id}`.execute(trx);
      });
    } finally {
      await handle.close();
    }
    const theirs = await run(['audit', 'checkpoint', '--org', report.org.id]);
    expect(theirs.code).toBe(0);
    const theirsFile = join(root, 'theirs.json');
    writeFileSync(theirsFile, theirs.stdout);
    expect((await run(['audit', 'verify', '--checkpoint', theirsFile])).stdout).toMatch(/chain intact; checkpoint at seq 1 matches \(signed by the server's key\)$/m);
    const caught = await run(['audit', 'verify', '--checkpoint', file, '--public-key', `${keyFile}.pub`]);
    expect(caught.stdout).toMatch(/^INVALID .*: 1 entry, chain intact; checkpoint at seq 1: hash-differs \(signed by the offline key\)$/m);
    expect(caught.code).toBe(1);
  });

  it('refuses a signing key that is not an Ed25519 private key, and a public key that is not one', async () => {
    const rsa = join(root, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await expect(run(['audit', 'checkpoint', '--org', report.org.id, '--signing-key', rsa])).rejects.toThrow(/is a rsa key, not Ed25519/);
    await expect(run(['audit', 'verify', '--checkpoint', join(root, 'offline-checkpoint.json'), '--public-key', rsa]))
      .rejects.toThrow(/--public-key .* is not an Ed25519 public key/);
  });
});
