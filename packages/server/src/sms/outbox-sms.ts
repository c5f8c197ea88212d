// The built-in SMS "provider" (TANDEM_SMS_PROVIDER=outbox, the default): nothing leaves the machine; the text is
// stored in `sms_outbox` exactly as it would have gone out, one row per message, so the product works with no
// provider and an operator can see what would have been sent. The message shows in the history as sent, its
// externalId naming the outbox row. A retry after a crash finds the row already there and writes nothing twice.
import type { OutgoingSms, SmsSender } from '../domain/history/delivery-ports.ts';
import { storeInOutbox } from '../storage/message-queries.ts';

export function outboxSms(now: () => number): SmsSender {
  return {
    name: 'outbox',
    send: async (db, sms: OutgoingSms) => ({ externalId: `outbox:${await storeInOutbox(db, sms, now())}` }),
  };
}
