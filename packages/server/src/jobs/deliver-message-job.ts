// The queue handler that delivers messages (spec §6.5): one job per message, enqueued with the message by
// domain/history/send-message.ts. `startMessageQueue` is what main.ts (and the tests, the benchmark) start beside
// the scheduler: the worker with this handler and the delivery ports.
import type { Clock } from '../clock.ts';
import { deliverMessage } from '../domain/history/deliver-message.ts';
import type { DeliveryDeps } from '../domain/history/delivery-ports.ts';
import { DELIVER_MESSAGE_QUEUE } from '../domain/history/send-message.ts';
import type { Mailer } from '../domain/shared/mailer.ts';
import { replyAddressFor } from '../mail/reply-address.ts';
import type { Db } from '../storage/connect.ts';
import { startQueue, type QueueHandler, type QueueOptions, type QueueWorker } from './queue.ts';
import type { JobLog } from './scheduler.ts';

export function deliverMessageHandler(deps: DeliveryDeps): QueueHandler {
  return {
    queue: DELIVER_MESSAGE_QUEUE,
    run: async (job, now) => {
      const { messageId } = job.payload as { messageId: string };
      return deliverMessage(deps, { orgId: job.org_id, messageId, attempt: job.attempts, lastAttempt: job.attempts >= job.max_attempts, now });
    },
  };
}

export type MessageQueueSettings = Omit<DeliveryDeps, 'db' | 'replyAddressFor'> & { db: Db; mailer: Mailer };

/** The one queue worker: message delivery, and `more` handlers on the same table (calendar reminders, D30). */
export function startMessageQueue(settings: MessageQueueSettings, clock: Clock, log: JobLog, options: QueueOptions = {}, more: readonly QueueHandler[] = []): QueueWorker {
  const deps: DeliveryDeps = { ...settings, replyAddressFor: (ownerId) => replyAddressFor(ownerId, settings.inboundDomain) };
  return startQueue(settings.db, [deliverMessageHandler(deps), ...more], clock, log, options);
}
