// Sync channels in API tests (D39): the typed calls of /integrations, the ports that point the connectors at the
// loopback stand-ins (test/support/*-stand-in.ts) under a fixed test key, and a queue worker running sync jobs.
import type { IntegrationDto, SyncProvider, SyncRunDto } from '@tandem/api';
import type { Clock } from '../../../src/clock.ts';
import type { JobLog } from '../../../src/jobs/scheduler.ts';
import { startQueue, type QueueWorker } from '../../../src/jobs/queue.ts';
import { syncRunHandler } from '../../../src/jobs/sync-job.ts';
import { syncPorts, type SyncSettings } from '../../../src/domain/sync/connectors.ts';
import type { SyncConnector } from '../../../src/domain/sync/connector.ts';
import type { SyncPorts } from '../../../src/domain/sync/sync-deps.ts';
import type { RetryPolicy } from '../../../src/domain/sync/provider-http.ts';
import type { Db } from '../../../src/storage/connect.ts';
import type { As } from './api-client.ts';
import type { TestHandle } from './test-app.ts';

/** The key tests seal credentials under (any 32 bytes). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);
/** One try per request: a fault reaches the run, which retries it as a queue job (the connector's own retries are H2's tests). */
export const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 60_000, timeoutMs: 5_000 };

/**
 * Ports whose connectors talk to the stand-ins. `wrap` may replace a connector (e.g. to act between chunks);
 * `sliceMs: 0` and a small `chunkSize` make every job push one small chunk.
 */
export function testSyncPorts(settings: SyncSettings, wrap: (c: SyncConnector) => SyncConnector = (c) => c): SyncPorts {
  const ports = syncPorts({ retry: NO_RETRY, ...settings }, TEST_SECRET_KEY);
  return { ...ports, connectors: { mailchimp: wrap(ports.connectors.mailchimp), google_contacts: wrap(ports.connectors.google_contacts) } };
}

type Ok<T> = { 200: T };
const V1 = '/api/v1/integrations';

export function syncClient(t: TestHandle) {
  const call = t.api.call;
  return {
    list: (as: As) => call<Ok<{ integrations: IntegrationDto[] }>>('GET', V1, { as }),
    connect: (provider: string, body: object, as: As) => call<Ok<{ integration: IntegrationDto }>>('PUT', `${V1}/${provider}`, { as, body }),
    disconnect: (provider: string, as: As) => call<{ 204: null }>('DELETE', `${V1}/${provider}`, { as }),
    start: (provider: string, as: As) => call<{ 202: { run: SyncRunDto } }>('POST', `${V1}/${provider}/runs`, { as, body: {} }),
    runs: (provider: string, as: As, limit?: number) => call<Ok<{ runs: SyncRunDto[] }>>('GET', `${V1}/${provider}/runs`, { as, query: { limit } }),
    run: (provider: SyncProvider | string, runId: string, as: As) => call<Ok<{ run: SyncRunDto }>>('GET', `${V1}/${provider}/runs/${runId}`, { as }),
  };
}

const quiet: JobLog = { info: () => {}, error: () => {} };

/** A queue worker with only the sync handler, run by `drain()`, on the test's clock. */
export function syncWorker(db: Db, ports: SyncPorts, clock: Clock): QueueWorker {
  return startQueue(db, [syncRunHandler({ db, sync: ports })], clock, quiet, { poll: false });
}
