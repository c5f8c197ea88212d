// The seam between a sync run (domain/sync/run-sync.ts: the gate, the visible contacts, progress, the audit) and a
// provider (mailchimp-connector.ts, google-contacts-connector.ts: request shapes, batching limits, retries). A
// connector knows nothing about permissions: it is handed contacts the run already decided the user may push, and
// answers what became of each. Docs: docs/decisions.md D39.
import type { SyncProvider } from '@tandem/api';

/** One contact as a sync pushes it: profile fields only (what an export writes), nothing about who else sees it. */
export type SyncContact = {
  id: string;
  name: string;
  company: string | null;
  title: string | null;
  emails: string[];
  phones: string[];
  tags: string[];
  address: string | null;
};

/** What a contact became at the provider, kept in sync_links: the remote id, its version (Google's etag), the hash. */
export type SyncLink = { contactId: string; remoteId: string; remoteVersion: string | null; contentHash: string };

/** What the provider did with one chunk. Every contact handed in is in exactly one of the lists. */
export type ChunkResult = {
  created: SyncLink[];
  updated: SyncLink[];
  /** Same content hash as the link: nothing was sent for it. */
  unchanged: string[];
  /** The provider cannot take it (Mailchimp: no e-mail address). */
  skipped: { contactId: string; reason: string }[];
  /** The provider refused it (a per-member error in a 200 answer). */
  failed: { contactId: string; reason: string }[];
};

/** A connection's secrets (sealed at rest) and its settings (stored in clear; shown as `account`). */
export type Connection = { credentials: Record<string, string>; settings: Record<string, string> };

/** The provider answered "these credentials are wrong" (401/403): the run fails at once, no retry helps. */
export class CredentialsRejected extends Error {}
/** The provider stayed unavailable (429 or 5xx after the connector's own retries, or no connection): try later. */
export class ProviderUnavailable extends Error {
  constructor(message: string, readonly retryAfterMs?: number) { super(message); }
}

/**
 * The run a chunk belongs to, and on a retried slice a tag of that attempt (null on a first attempt). Another node
 * may have pushed the attempt before (and died before storing its links), so what a connector remembers of the
 * provider's side from before a retry is not evidence of what the provider holds (docs/decisions.md D48).
 */
export type ChunkPass = { runId: string; retry: string | null };

export interface SyncConnector {
  readonly provider: SyncProvider;
  /** Contacts per chunk: the provider's batch limit (Mailchimp 500, Google 200). */
  readonly chunkSize: number;
  /**
   * Checks credentials with one cheap call (Mailchimp GET /ping and the audience; Google a token exchange) and
   * returns the settings to store and the account label. Throws CredentialsRejected or ProviderUnavailable.
   */
  connect(input: Record<string, string>): Promise<{ connection: Connection; account: string }>;
  /**
   * Pushes one chunk. `links` holds the contacts' existing links (absent: never pushed). `pass` names the run and the
   * attempt the chunk belongs to; what a connector remembers of the provider's side serves only the same pass.
   * Throws as `connect`.
   */
  pushChunk(connection: Connection, contacts: SyncContact[], links: ReadonlyMap<string, SyncLink>, pass?: ChunkPass): Promise<ChunkResult>;
}
