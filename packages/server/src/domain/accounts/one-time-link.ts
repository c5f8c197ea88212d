// One-time links (invitations, password resets): a 32-byte random token, shown only in the e-mailed link; the
// server keeps its SHA-256. The token travels in the URL's fragment (`#token=`), which browsers never send to a
// server, so it stays out of access logs, proxies and Referer headers; the web page reads it and posts it.
import { hashToken, newToken } from './session-token.ts';

const HOUR = 60 * 60 * 1000;

/** An invitation link works for 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * HOUR;
/** A reset link the user asked for ("forgot password") works for 1 hour. */
export const SELF_RESET_TTL_MS = HOUR;
/** A reset link an admin sent works for 24 hours (the user may read it later in the day). */
export const ADMIN_RESET_TTL_MS = 24 * HOUR;

/** The web app's pages that take a link's token. */
export type LinkPage = 'accept-invitation' | 'reset-password';

export function newLinkToken(): { token: string; hash: string } {
  return newToken();
}

export function linkTokenHash(token: string): string {
  return hashToken(token);
}

/** The link to e-mail: the public base URL, the page, and the token in the fragment. */
export function linkUrl(publicUrl: string, page: LinkPage, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${page}#token=${token}`;
}
