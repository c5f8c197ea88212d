// Secrets at rest (docs/decisions.md D39): AES-256-GCM (node:crypto) under a key derived from the server's one secret
// key (server-secret.ts) for one purpose, so the same TANDEM_SECRET_KEY can later key other things (an audit HMAC)
// without two uses ever sharing a key. A sealed text names the key it was sealed under (a short fingerprint), so a
// server started with another key refuses to open it with that reason instead of failing on the tag, and never
// answers garbage: GCM's tag also fails on any altered byte. `context` (associated data) binds a sealed text to its
// row: copied into another user's row it does not open.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

export const SECRET_KEY_BYTES = 32;
const FORMAT = 'tsb1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The sealed text cannot be opened: sealed under another key, altered, or bound to another row. */
export class SecretUnreadable extends Error {}

export type SecretBox = {
  /** The fingerprint of this box's key (12 hex digits): safe to log, names the key without revealing it. */
  readonly keyId: string;
  seal: (plain: string, context: string) => string;
  /** Throws SecretUnreadable when the text was not sealed by this box for `context`. */
  open: (sealed: string, context: string) => string;
};

/** A box for `purpose` (e.g. 'integration-credentials') under the server key `serverKey` (32 bytes). */
export function secretBox(serverKey: Buffer, purpose: string): SecretBox {
  if (serverKey.length !== SECRET_KEY_BYTES) throw new Error(`the server secret key must be ${SECRET_KEY_BYTES} bytes, not ${serverKey.length}`);
  const key = Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), `tandem:${purpose}`, SECRET_KEY_BYTES));
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return {
    keyId,
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, keyId, iv.toString('base64url'), Buffer.concat([body, cipher.getAuthTag()]).toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [format, sealedKeyId, ivText, bodyText] = sealed.split('.');
      if (format !== FORMAT || !sealedKeyId || ivText === undefined || bodyText === undefined) throw new SecretUnreadable('the stored secret is not a sealed text');
      if (sealedKeyId !== keyId) {
        throw new SecretUnreadable(`the stored secret was sealed under another server key (${sealedKeyId}; this server's is ${keyId}): was TANDEM_SECRET_KEY changed?`);
      }
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SecretUnreadable('the stored secret is cut short');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadable('the stored secret does not open with this server key (altered, or sealed for another row)');
      }
    },
  };
}
