// The Invitation object: who is invited to the org, as what, by whom, until when, and its state at the request's
// moment. Never the token or its hash. `InvitationLink` is what the accept page shows to whoever holds the link.
import { z } from 'zod';

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'member']),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'expired', 'accepted', 'revoked']),
});
export type InvitationDto = z.infer<typeof invitationSchema>;

export const invitationLinkSchema = z.object({
  orgName: z.string(), name: z.string(), email: z.string(), role: z.enum(['admin', 'member']), expiresAt: z.string(),
});
export type InvitationLinkDto = z.infer<typeof invitationLinkSchema>;

/** A one-time link's token as a request carries it (read from the link's `#token=` by the web page). */
export const linkTokenSchema = z.string().min(1).max(200);
