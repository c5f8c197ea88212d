// POST /password-resets (anyone): "forgot password". Answers the same, at once, whether or not the e-mail belongs to
// an active user; when it does, a one-time link (1 hour) is e-mailed in the background. At most one link per user
// per minute: a repeat within the minute sends nothing (and answers the same). The request is not audited (anyone
// may make it); using the link is. IP rate limiting is not here: the app has no @fastify/rate-limit yet
// (docs/decisions.md D20).
import { lastPasswordResetAt } from '../../storage/password-reset-queries.ts';
import { loadUserByEmail } from '../../storage/user-queries.ts';
import type { MailDeps, Moment } from '../shared/deps.ts';
import { deliver, type Delivery, type MailerMode } from '../shared/mailer.ts';
import { normalizeEmail } from '../users/user-guard.ts';
import { passwordResetMail } from './account-mail.ts';
import { issueResetLink } from './issue-reset-link.ts';
import { linkUrl, SELF_RESET_TTL_MS } from './one-time-link.ts';

/** A second "forgot password" for the same user within this time sends nothing. */
export const SELF_RESET_INTERVAL_MS = 60_000;

export type ResetRequestAnswer = {
  /** The mailer's mode, whatever happened: the answer never tells whether the e-mail is known. */
  delivery: MailerMode;
  /** The background send, for the caller to log a failure of; null when nothing is sent. */
  sending: Promise<{ delivery: Delivery; failure?: unknown }> | null;
};

export async function requestPasswordReset(deps: MailDeps, ctx: Moment, input: { email: string }): Promise<ResetRequestAnswer> {
  const nothing: ResetRequestAnswer = { delivery: deps.mailer.mode, sending: null };
  const user = await loadUserByEmail(deps.db, normalizeEmail(input.email));
  if (!user || user.status !== 'active') return nothing;
  const last = await lastPasswordResetAt(deps.db, user.org_id, user.id);
  if (last !== null && ctx.now - last.getTime() < SELF_RESET_INTERVAL_MS) return nothing;
  const link = await deps.db.transaction().execute((trx) => issueResetLink(trx, { orgId: user.org_id, userId: user.id }, null, ctx.now, SELF_RESET_TTL_MS));
  const mail = passwordResetMail({
    name: user.name, email: user.email, link: linkUrl(deps.publicUrl, 'reset-password', link.token), expiresAt: link.expiresAt, sentByAdmin: null,
  });
  return { delivery: deps.mailer.mode, sending: deliver(deps.mailer, mail) };
}
