// What the sync use cases receive beyond the database (docs/decisions.md D39): a connector per provider (built from
// the configuration by connectors.ts, or pointed at loopback stand-ins by tests), the box that seals credentials, and
// how a run is cut into queue jobs.
import type { SyncProvider } from '@tandem/api';
import type { Deps } from '../shared/deps.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { SyncConnector } from './connector.ts';

export type SyncConnectors = Readonly<Record<SyncProvider, SyncConnector>>;

export type SyncPorts = {
  connectors: SyncConnectors;
  /** Seals and opens `integrations.credentials` (purpose 'integration-credentials'). */
  box: SecretBox;
  /** How long one queue job pushes chunks before it enqueues the next job of the run (0: one chunk per job). */
  sliceMs: number;
  /** Contacts per chunk when smaller than the connector's own batch limit (tests walk small chunks). */
  chunkSize?: number;
  /** A monotonic clock in ms for the slice (default performance.now); the run's times come from `now`. */
  elapsed?: () => number;
};

export type SyncDeps = Deps & { sync: SyncPorts };

/** The purpose the credentials' key is derived for (domain/shared/secret-box.ts). */
export const CREDENTIALS_PURPOSE = 'integration-credentials';

/** What a sealed credential is bound to: its row's org, user and provider (so it opens nowhere else). */
export function credentialsContext(orgId: string, userId: string, provider: SyncProvider): string {
  return `${orgId}/${userId}/${provider}`;
}
