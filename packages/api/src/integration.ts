// Sync channels (spec §9: `mailchimp_sync`, `google_contacts_sync`; issue 13 item 2; docs/decisions.md D39): the
// caller's own connection to each provider, its runs and their progress. Credentials go in and never come out: an
// integration answers only what is not secret (the audience, the account label).
import { z } from 'zod';

export const SYNC_PROVIDERS = ['mailchimp', 'google_contacts'] as const;
export const syncProviderSchema = z.enum(SYNC_PROVIDERS);
export type SyncProvider = z.infer<typeof syncProviderSchema>;

/** The export channel each provider is gated by (spec §9). */
export const SYNC_CHANNEL = { mailchimp: 'mailchimp_sync', google_contacts: 'google_contacts_sync' } as const satisfies Record<SyncProvider, string>;

/** What Mailchimp gives a contact that is new to the audience: `pending` (default) asks them to confirm by e-mail. */
export const MAILCHIMP_NEW_MEMBER_STATUSES = ['pending', 'subscribed', 'transactional'] as const;

/** PUT /integrations/mailchimp: an API key ("…-us21": the suffix is the data centre) and the audience (list) id. */
export const mailchimpConnectSchema = z.object({
  apiKey: z.string().trim().min(1).max(200),
  audienceId: z.string().trim().min(1).max(100),
  newMemberStatus: z.enum(MAILCHIMP_NEW_MEMBER_STATUSES).default('pending'),
}).strict();

/** PUT /integrations/google_contacts: an OAuth client and a refresh token with the `contacts` scope. */
export const googleContactsConnectSchema = z.object({
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().trim().min(1).max(500),
  refreshToken: z.string().trim().min(1).max(2000),
}).strict();

export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'stopped'] as const;
/** Why a run stopped before the end: the gate closed mid-run (spec §9), or the user lost their account. */
export const SYNC_STOP_REASONS = ['export_disabled', 'channel_blocked', 'user_deactivated', 'disconnected'] as const;

export const syncRunSchema = z.object({
  id: z.string(),
  provider: syncProviderSchema,
  status: z.enum(SYNC_RUN_STATUSES),
  stopReason: z.enum(SYNC_STOP_REASONS).nullable(),
  error: z.string().nullable().describe('why a failed run failed, in words (never a credential)'),
  total: z.number().int().nullable().describe('contacts to push, counted when the run started'),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int().describe('contacts the provider cannot take (Mailchimp: no e-mail address)'),
  failed: z.number().int().describe('contacts the provider refused'),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type SyncRunDto = z.infer<typeof syncRunSchema>;

export const integrationSchema = z.object({
  provider: syncProviderSchema,
  channel: z.enum(['mailchimp_sync', 'google_contacts_sync']),
  allowed: z.boolean().describe('the caller may use this channel now (spec §9 gate)'),
  refusal: z.enum(['TANDEM_EXPORT_DISABLED', 'TANDEM_EXPORT_CHANNEL_BLOCKED']).nullable().describe('which half of the gate is missing'),
  connected: z.boolean(),
  account: z.string().nullable().describe('what the connection names, never a secret: "Audience abc123 (us21)"'),
  connectedAt: z.string().nullable(),
  lastRun: syncRunSchema.nullable(),
});
export type IntegrationDto = z.infer<typeof integrationSchema>;
