// An SMS provider with Twilio's REST shape (TANDEM_SMS_PROVIDER=twilio): `POST {base}/2010-04-01/Accounts/{sid}/
// Messages.json`, a form-encoded To, From and Body, HTTP basic auth with the account sid and auth token; the answer's
// `sid` is the provider's id of the message. 429 and 5xx answers and network failures are transient (the queue
// retries them with backoff); any other refusal is permanent. Tandem's message id goes along as `Idempotency-Key`
// for providers that honour one (Twilio itself does not: docs/decisions.md D27 says what that means for a crash).
import { DeliveryError, type OutgoingSms, type SmsSender } from '../domain/history/delivery-ports.ts';

export type TwilioSettings = { accountSid: string; authToken: string; baseUrl: string; timeoutMs?: number };

export function twilioSms(settings: TwilioSettings): SmsSender {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    name: 'twilio',
    send: async (_db, sms: OutgoingSms) => {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': sms.messageId },
          body: new URLSearchParams({ To: sms.to, From: sms.from, Body: sms.body }).toString(),
          signal: AbortSignal.timeout(settings.timeoutMs ?? 30_000),
        });
      } catch (error) {
        throw new DeliveryError(`SMS provider unreachable: ${error instanceof Error ? error.message : String(error)}`, true);
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) {
        const transient = response.status === 429 || response.status >= 500;
        throw new DeliveryError(`SMS provider answered ${response.status}: ${detailOf(text)}`, transient);
      }
      const sid = sidOf(text);
      if (!sid) throw new DeliveryError(`SMS provider answered ${response.status} without a message sid`, false);
      return { externalId: sid };
    },
  };
}

function parsed(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function sidOf(text: string): string | null {
  const sid = parsed(text)?.sid;
  return typeof sid === 'string' && sid ? sid : null;
}

function detailOf(text: string): string {
  const message = parsed(text)?.message;
  const detail = typeof message === 'string' ? message : text;
  return detail.slice(0, 300) || '(no detail)';
}
