// The SMS sender the configuration names (config.ts `sms`): the outbox unless TANDEM_SMS_PROVIDER=twilio.
import type { Clock } from '../clock.ts';
import type { SmsConfig } from '../config.ts';
import type { SmsSender } from '../domain/history/delivery-ports.ts';
import { outboxSms } from './outbox-sms.ts';
import { twilioSms } from './twilio-sms.ts';

export function smsSenderFrom(config: SmsConfig, clock: Clock): SmsSender {
  if (config.provider === 'twilio') {
    return twilioSms({ accountSid: config.accountSid, authToken: config.authToken, baseUrl: config.baseUrl });
  }
  return outboxSms(() => clock.now());
}
