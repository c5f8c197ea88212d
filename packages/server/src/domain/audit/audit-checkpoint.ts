// Signed checkpoints of an org's audit chain (docs/decisions.md D45, D51): the head's seq and hash, signed with the
// server's Ed25519 audit key or with the org's offline key (`tandem audit keygen`). Kept outside the database, a
// checkpoint catches what the keyed hashes alone cannot: a chain rewritten end to end by someone who also holds the
// HMAC key; one signed offline holds even against someone with the server key. A later verify walks the chain from
// the start, then checks that the entry at the checkpoint's seq still has the checkpoint's hash.
import { sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { auditKeys, offlineAuditKey, type AuditKeys, type AuditPublicKey } from './audit-keys.ts';
import { canonicalJson, walkAuditChain, type ChainVerdict } from './audit-chain.ts';

export type AuditCheckpoint = { orgId: string; seq: string; hash: string; at: string; publicKey: string; signature: string };

/** Why a checkpoint does not hold; null when it does. */
export type CheckpointProblem = 'wrong-key' | 'bad-signature' | 'seq-missing' | 'hash-differs' | 'other-org';
/** Which key signed a checkpoint: the server's (derived from its secret) or the org's offline key. */
export type CheckpointSigner = 'server' | 'offline';
export type CheckpointVerdict = ChainVerdict & { checkpoint: 'matches' | CheckpointProblem; signedBy: CheckpointSigner | null };
/** A private key and its public text: the server's (AuditKeys) or an offline one. */
export type SigningKey = { signingKey: KeyObject; publicKeyText: string };

const EMPTY_HASH = '0'.repeat(64);

function signedText(c: Pick<AuditCheckpoint, 'orgId' | 'seq' | 'hash' | 'at'>): Buffer {
  return Buffer.from(`tandem-audit-checkpoint-v1\n${canonicalJson([c.orgId, c.seq, c.hash, c.at])}`, 'utf8');
}

/**
 * A signed checkpoint of the org's head, signed by `signer` (default the server's key); refuses (409
 * TANDEM_AUDIT_CHAIN_BROKEN) to anchor a chain that does not verify.
 */
export async function makeAuditCheckpoint(db: Db, orgId: string, now: number, keys: AuditKeys = auditKeys(), signer: SigningKey = keys): Promise<AuditCheckpoint> {
  const walk = await walkAuditChain(db, orgId, keys.hmacKey);
  if (!walk.valid) throw new AppError('TANDEM_AUDIT_CHAIN_BROKEN', `the audit chain is broken at seq ${walk.firstBadSeq}: no checkpoint is signed for it`);
  const body = { orgId, seq: walk.head?.seq ?? '0', hash: walk.head?.hash ?? EMPTY_HASH, at: new Date(now).toISOString() };
  return { ...body, publicKey: signer.publicKeyText, signature: sign(null, signedText(body), signer.signingKey).toString('base64') };
}

/**
 * Checks `checkpoint` against the server's key or the offline key (not the key the file names: anyone can sign with
 * a key of their own) and the org's chain as it is now.
 */
export async function verifyAuditCheckpoint(
  db: Db, orgId: string, checkpoint: AuditCheckpoint, keys: AuditKeys = auditKeys(), offline: AuditPublicKey | null = offlineAuditKey(),
): Promise<CheckpointVerdict> {
  const walk = await walkAuditChain(db, orgId, keys.hmacKey);
  const verdict = { valid: walk.valid, entries: walk.entries, firstBadSeq: walk.firstBadSeq };
  const signer = signerOf(checkpoint, keys, offline);
  const problem = checkpointProblem(orgId, checkpoint, signer, (seq) => (seq === '0' ? EMPTY_HASH : walk.hashAt(seq)));
  const signedBy = problem === null || problem === 'seq-missing' || problem === 'hash-differs' ? signer?.by ?? null : null;
  return { ...verdict, valid: verdict.valid && problem === null, checkpoint: problem ?? 'matches', signedBy };
}

type Signer = { by: CheckpointSigner; key: KeyObject };

function signerOf(c: AuditCheckpoint, keys: AuditKeys, offline: AuditPublicKey | null): Signer | null {
  if (c.publicKey === keys.publicKeyText) return { by: 'server', key: keys.publicKey };
  if (offline !== null && c.publicKey === offline.text) return { by: 'offline', key: offline.key };
  return null;
}

function checkpointProblem(orgId: string, c: AuditCheckpoint, signer: Signer | null, hashAt: (seq: string) => string | undefined): CheckpointProblem | null {
  if (c.orgId !== orgId) return 'other-org';
  if (signer === null) return 'wrong-key';
  let signed = false;
  try {
    signed = verify(null, signedText(c), signer.key, Buffer.from(c.signature, 'base64'));
  } catch {
    signed = false;
  }
  if (!signed) return 'bad-signature';
  const now = hashAt(c.seq);
  if (now === undefined) return 'seq-missing';
  return now === c.hash ? null : 'hash-differs';
}
