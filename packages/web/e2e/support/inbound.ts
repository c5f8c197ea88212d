// A client's reply posted to the org's inbound webhook as a provider posts it: signed with the org's inbound secret
// by the documented scheme (Tandem-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>).
import { createHmac } from 'node:crypto';
import type { Actor } from './api.ts';

export type InboundReply = { from: string; to: string; body: string; subject?: string; messageId?: string };

/** Posts `reply` for the admin's org, signed with `secret` (default: the org's current one); answers status and body. */
export async function postSignedReply(
  baseUrl: string, admin: Actor, channel: 'email' | 'sms', reply: InboundReply, secret?: string,
): Promise<{ status: number; body: { outcome?: string; code?: string } }> {
  const { org } = await admin.api.request<{ org: { id: string } }>('GET', '/me');
  const key = secret ?? (await admin.api.request<{ inboundSecret?: string }>('GET', '/org/settings')).inboundSecret;
  if (!key) throw new Error('an admin reads the inbound secret in GET /org/settings');
  const raw = JSON.stringify(reply);
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac('sha256', key).update(`${t}.${raw}`).digest('hex')}`;
  const res = await fetch(`${baseUrl}/api/v1/inbound/${org.id}/${channel}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'tandem-signature': signature }, body: raw,
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string; code?: string } };
}
