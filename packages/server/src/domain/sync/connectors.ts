// The connectors of a running server, built from its configuration (config.ts `sync`, D39): each provider's base
// URLs come from TANDEM_MAILCHIMP_BASE_URL, TANDEM_GOOGLE_PEOPLE_BASE_URL and TANDEM_GOOGLE_TOKEN_URL, so a proxy or a
// test's loopback stand-in takes the providers' place. `syncPorts` adds the box that seals credentials.
import { randomBytes } from 'node:crypto';
import { secretBox, SECRET_KEY_BYTES } from '../shared/secret-box.ts';
import { googleContactsConnector } from './google-contacts-connector.ts';
import { mailchimpConnector } from './mailchimp-connector.ts';
import type { RetryPolicy } from './provider-http.ts';
import { CREDENTIALS_PURPOSE, type SyncConnectors, type SyncPorts } from './sync-deps.ts';

/** Where the providers are. The defaults are the real APIs. */
export type SyncEndpoints = { mailchimpBaseUrl: string; googlePeopleBaseUrl: string; googleTokenUrl: string };

export const DEFAULT_SYNC_ENDPOINTS: SyncEndpoints = {
  mailchimpBaseUrl: 'https://{dc}.api.mailchimp.com/3.0',
  googlePeopleBaseUrl: 'https://people.googleapis.com/v1',
  googleTokenUrl: 'https://oauth2.googleapis.com/token',
};

export function connectorsFromConfig(endpoints: SyncEndpoints, options: { retry?: RetryPolicy } = {}): SyncConnectors {
  const retry = options.retry ? { retry: options.retry } : {};
  return {
    mailchimp: mailchimpConnector({ baseUrl: endpoints.mailchimpBaseUrl, ...retry }),
    google_contacts: googleContactsConnector({ peopleBaseUrl: endpoints.googlePeopleBaseUrl, tokenUrl: endpoints.googleTokenUrl, ...retry }),
  };
}

export type SyncSettings = Partial<SyncEndpoints> & { sliceMs?: number; chunkSize?: number; retry?: RetryPolicy };

/**
 * The ports of the sync use cases: connectors for `settings`' endpoints and a box under `serverKey` (server-secret.ts).
 * Without a key, a random one held in memory only: credentials sealed under it do not survive a restart (tests).
 */
export function syncPorts(settings: SyncSettings = {}, serverKey: Buffer = randomBytes(SECRET_KEY_BYTES)): SyncPorts {
  const { sliceMs, chunkSize, retry, ...urls } = settings;
  return {
    connectors: connectorsFromConfig({ ...DEFAULT_SYNC_ENDPOINTS, ...urls }, retry ? { retry } : {}),
    box: secretBox(serverKey, CREDENTIALS_PURPOSE),
    sliceMs: sliceMs ?? 10_000,
    ...(chunkSize !== undefined ? { chunkSize } : {}),
  };
}
