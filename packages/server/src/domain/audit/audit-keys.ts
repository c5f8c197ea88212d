// The audit chain's keys (docs/decisions.md D45), both derived from the server's one secret key (D39) with HKDF, each
// under its own purpose: an HMAC-SHA256 key for entries' hashes, and a 32-byte seed for the Ed25519 key that signs
// checkpoints. Derived, not stored: nothing to lose or migrate, and every node with TANDEM_SECRET_KEY signs alike.
// The price, said plainly in D45: whoever holds the server key can both rehash and re-sign, so a checkpoint protects
// against someone with the database only, and must be kept outside the database.
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
  const publicKeyText = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');
  return { hmacKey: derive(serverKey, 'audit-hmac'), signingKey, publicKey, publicKeyText };
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
