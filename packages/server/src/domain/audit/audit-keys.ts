// The audit chain's keys (docs/decisions.md D45), both derived from the server's one secret key (D39) with HKDF, each
// under its own purpose: an HMAC-SHA256 key for entries' hashes, and a 32-byte seed for the Ed25519 key that signs
// checkpoints. Derived, not stored: nothing to lose or migrate, and every node with TANDEM_SECRET_KEY signs alike.
// The price, said plainly in D45: whoever holds the server key can both rehash and re-sign, so a checkpoint protects
// against someone with the database only, and must be kept outside the database. Against someone who also has the
// server key, an org signs checkpoints with an offline key (D51): its public half is all the server is given.
// The keys are process-wide (set once at start by main.ts and the CLI) because appendAudit is called from some forty
// use cases with a transaction only; until configured they derive from a random key made for this process.
import { createPrivateKey, createPublicKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { SECRET_KEY_BYTES } from '../shared/secret-box.ts';

export type AuditKeys = { hmacKey: Buffer; signingKey: KeyObject; publicKey: KeyObject; publicKeyText: string };

/** PKCS#8 DER for an Ed25519 private key is this fixed prefix then the 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function derive(serverKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), `tandem:${purpose}`, SECRET_KEY_BYTES));
}

/** The audit keys under `serverKey` (32 bytes). */
export function auditKeysFrom(serverKey: Buffer): AuditKeys {
  if (serverKey.length !== SECRET_KEY_BYTES) throw new Error(`the server secret key must be ${SECRET_KEY_BYTES} bytes, not ${serverKey.length}`);
  const seed = derive(serverKey, 'audit-checkpoint-ed25519');
  const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(signingKey);
  return { hmacKey: derive(serverKey, 'audit-hmac'), signingKey, publicKey, publicKeyText: publicKeyText(publicKey) };
}

let current: AuditKeys | null = null;

/** Sets the process's audit keys from the server key; call once at start, before any entry is written. */
export function configureAuditKeys(serverKey: Buffer): void {
  current = auditKeysFrom(serverKey);
}

export function auditKeys(): AuditKeys {
  current ??= auditKeysFrom(randomBytes(SECRET_KEY_BYTES));
  return current;
}

/** A public key a checkpoint may be signed with, and its text as a checkpoint carries it (base64 SPKI DER). */
export type AuditPublicKey = { key: KeyObject; text: string };

export function publicKeyText(key: KeyObject): string {
  return (key.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');
}

/**
 * An Ed25519 public key from a PEM file's text or from the base64 text that `tandem audit keygen` prints and
 * checkpoints carry; throws with a sentence when it is neither.
 */
export function auditPublicKeyFrom(text: string): AuditPublicKey {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new Error('not an Ed25519 public key (give the PEM file or the base64 text `tandem audit keygen` printed)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 public key (it is ${key.asymmetricKeyType ?? 'unknown'})`);
  return { key, text: publicKeyText(key) };
}

let offline: AuditPublicKey | null = null;

/**
 * The org's offline signing key's public half (TANDEM_AUDIT_PUBLIC_KEY, D51), so the server also accepts checkpoints
 * signed away from it (`tandem audit checkpoint --signing-key`); null to accept the server's own only.
 */
export function configureOfflineAuditKey(text: string | null | undefined): void {
  offline = text?.trim() ? auditPublicKeyFrom(text) : null;
}

export function offlineAuditKey(): AuditPublicKey | null {
  return offline;
}
