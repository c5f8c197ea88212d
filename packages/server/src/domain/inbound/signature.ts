// The signature of an inbound delivery (docs/decisions.md D28), Stripe's scheme with our header name:
//   Tandem-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// The HMAC key is the org's inbound secret as UTF-8 text (the whole `whsec_…` string); the message is the decimal
// timestamp, a full stop, and the request body exactly as its bytes arrived. Several v1 entries may be given (a
// sender mid-rotation signs with both secrets); one that matches is enough. A timestamp more than 5 minutes from the
// server's clock is refused, so a captured delivery cannot be replayed later; within those minutes the replay store
// (inbound_deliveries) refuses it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { INBOUND_SIGNATURE_TOLERANCE_SECONDS } from '@tandem/api';

/** A new inbound secret: 32 random bytes, base64url, behind a prefix that says what it is. */
export function newInboundSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The v1 signature of `rawBody` at `timestamp` (unix seconds), hex. */
export function signatureOf(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The whole header value a sender puts on a delivery. */
export function signatureHeader(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, rawBody)}`;
}

type ParsedHeader = { timestamp: number; signatures: string[] };

function parseHeader(header: string | undefined): ParsedHeader | null {
  if (!header || header.length > 2000) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (/^[0-9a-fA-F]{64}$/.test(value)) signatures.push(value.toLowerCase());
    }
    // Other schemes (v0, a future v2) are ignored, as Stripe's are.
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks `header` against `secret` (null: an unknown org or one without a secret; the HMAC is still computed, with a
 * throwaway key, so the answer takes as long as for a real org). Answers the accepted signature's digest (what the
 * replay store keeps), or null.
 */
export function verifySignature(secret: string | null, header: string | undefined, rawBody: Buffer, nowMs: number): string | null {
  const parsed = parseHeader(header);
  const key = secret ?? randomBytes(32).toString('base64url');
  if (!parsed) return null;
  const expected = Buffer.from(signatureOf(key, parsed.timestamp, rawBody), 'hex');
  let matched: string | null = null;
  for (const given of parsed.signatures) {
    if (timingSafeEqual(expected, Buffer.from(given, 'hex')) && matched === null) matched = given;
  }
  if (secret === null || matched === null) return null;
  if (Math.abs(nowMs / 1000 - parsed.timestamp) > INBOUND_SIGNATURE_TOLERANCE_SECONDS) return null;
  return createHash('sha256').update(`${parsed.timestamp}.${matched}`).digest('hex');
}
