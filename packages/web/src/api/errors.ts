// Turns any failure into words a person understands: a short title and, when useful, one sentence of detail.
import { ApiError, NetworkError } from './client.ts';
import { readableIssue } from './field-errors.ts';

export type ReadableError = { title: string; detail: string | null };

const BY_CODE: Record<string, ReadableError> = {
  TANDEM_AUTH_REQUIRED: { title: 'Your session has ended', detail: 'Sign in again to continue.' },
  TANDEM_AUTH_INVALID_CREDENTIALS: { title: 'That e-mail and password do not match', detail: 'Check them and try again.' },
  // 429s: the server's detail says how many minutes to wait (and, when locked, that an admin can unlock), so it is the detail.
  TANDEM_AUTH_LOCKED: { title: 'Signing in is paused for this e-mail after too many wrong passwords', detail: null },
  TANDEM_RATE_LIMITED: { title: 'Too many attempts from here', detail: null },
  TANDEM_AUTH_CSRF: { title: 'Your session needs refreshing', detail: 'Reload the page and try again.' },
  TANDEM_ACCESS_FORBIDDEN: { title: 'You are not allowed to do this', detail: 'Ask the contact owner or an administrator for more access.' },
  TANDEM_ACCESS_ADMIN_ONLY: { title: 'Only administrators can do this', detail: null },
  TANDEM_SHARE_ABOVE_OWN_LEVEL: { title: 'You cannot give more access than you have', detail: 'Pick a lower level.' },
  TANDEM_EXPORT_CHANNEL_FORBIDDEN: { title: 'You may not export this way', detail: 'An administrator decides which export channels you can use.' },
  TANDEM_EXPORT_DISABLED: { title: 'Your admin has turned exports off', detail: 'While contact data export is off, only administrators may export.' },
  TANDEM_EXPORT_CHANNEL_BLOCKED: { title: 'Your account may not export this way', detail: 'An administrator decides which export channels you can use, on the Users page.' },
  TANDEM_CONTACT_NOT_FOUND: { title: 'This contact is not available', detail: 'It may have been deleted, or it is no longer shared with you.' },
  TANDEM_USER_NOT_FOUND: { title: 'That person is not in your organisation', detail: null },
  TANDEM_TEAM_NOT_FOUND: { title: 'That team no longer exists', detail: null },
  TANDEM_GRANT_NOT_FOUND: { title: 'That access was already removed', detail: null },
  TANDEM_SHARE_NOT_FOUND: { title: 'That share was already removed', detail: null },
  TANDEM_USER_EMAIL_TAKEN: { title: 'That e-mail is already in use', detail: 'Use another address, or sign in if it is yours.' },
  TANDEM_ORG_LAST_ADMIN: { title: 'Your organisation needs at least one active administrator', detail: 'Make someone else an administrator first.' },
  TANDEM_CONTACT_NO_ADDRESS: { title: 'This contact has no address for that channel', detail: null },
  TANDEM_CONTACT_WRONG_STATE: { title: 'This contact cannot do that right now', detail: 'It may be archived or in the trash.' },
  TANDEM_ACCOUNT_WRONG_PASSWORD: { title: 'That is not your current password', detail: 'Type the password you sign in with now.' },
  TANDEM_USER_INACTIVE: { title: 'That user is deactivated', detail: 'Reactivate them first.' },
  TANDEM_INVITATION_NOT_FOUND: { title: 'This invitation link cannot be used', detail: 'It may have expired, been used or been withdrawn. Ask an administrator for a new one.' },
  TANDEM_PASSWORD_RESET_NOT_FOUND: { title: 'This link cannot be used', detail: 'Links to set a password work once and expire. Ask for a new one.' },
  TANDEM_IDEMPOTENCY_KEY_IN_USE: { title: 'Still working on your first click', detail: 'Wait a moment: it is being saved.' },
  // The server's detail names the provider and what it answered: it is the useful part, so no detail of our own.
  TANDEM_INTEGRATION_CREDENTIALS_REJECTED: { title: 'The provider refused these credentials', detail: null },
  TANDEM_INTEGRATION_UNREACHABLE: { title: 'Tandem could not reach the provider to check these credentials', detail: null },
  TANDEM_INTEGRATION_NOT_CONNECTED: { title: 'This integration is not connected', detail: 'Connect it first.' },
  TANDEM_SYNC_RUNNING: { title: 'A sync is already running', detail: 'Wait for it to finish, then sync again.' },
  TANDEM_SYNC_RUN_NOT_FOUND: { title: 'That sync run is not available', detail: null },
  TANDEM_INTERNAL: { title: 'Something went wrong on our side', detail: 'Try again in a moment.' },
};

function byStatus(status: number): ReadableError {
  if (status === 401) return BY_CODE.TANDEM_AUTH_REQUIRED as ReadableError;
  if (status === 403) return { title: 'You are not allowed to do this', detail: null };
  if (status === 404) return { title: 'We could not find that', detail: 'It may have been removed, or you no longer have access.' };
  if (status === 409) return { title: 'That clashes with something that already exists', detail: null };
  if (status >= 500) return BY_CODE.TANDEM_INTERNAL as ReadableError;
  return { title: 'Please check what you entered', detail: null };
}

const FIELD_LABEL: Record<string, string> = {
  name: 'Name',
  orgName: 'Organisation name',
  email: 'E-mail',
  emails: 'E-mail',
  phones: 'Phone',
  tags: 'Tag',
  password: 'Password',
  accentColor: 'Accent colour',
  'billing.email': 'Invoice e-mail',
  expiresAt: 'End date',
  startsAt: 'Start date',
};

/** "emails.0" → "E-mail 1"; "billing.email" → "Invoice e-mail". */
function fieldLabel(path: string): string {
  if (FIELD_LABEL[path]) return FIELD_LABEL[path] as string;
  const parts = path.split('.');
  const head = parts[0] ?? path;
  const rest = parts.slice(1).map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p));
  return [FIELD_LABEL[head] ?? head, ...rest].join(' ');
}

/** Input errors carry "emails.0: message; name: message"; make them read like sentences. */
function readableDetail(detail: string): string {
  return detail
    .split('; ')
    .map((part) => part.replace(/^body\./, '').replace(/^([\w.]+): /, (_, field: string) => `${fieldLabel(field)}: `))
    .join('. ');
}

/** The problem's detail unless it only repeats its title; "Title: the rest" keeps the rest ("The rest"). */
function ownDetail(error: ApiError): string | null {
  if (!error.detail || error.detail === error.title) return null;
  const prefix = `${error.title}: `;
  if (!error.title || !error.detail.startsWith(prefix)) return error.detail;
  const rest = error.detail.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export function describeError(error: unknown): ReadableError {
  if (error instanceof NetworkError) return { title: 'Cannot reach Tandem', detail: error.message };
  if (error instanceof ApiError) {
    if (error.code === 'TANDEM_INPUT_INVALID') {
      if (error.issues.length > 0) {
        const parts = error.issues.map((i) => `${i.path ? `${fieldLabel(i.path)}: ` : ''}${readableIssue(i.message)}`);
        return { title: 'Please check what you entered', detail: parts.join(' ') };
      }
      return { title: 'Please check what you entered', detail: error.detail ? readableDetail(error.detail) : null };
    }
    const known = BY_CODE[error.code];
    if (known) return { title: known.title, detail: known.detail ?? ownDetail(error) };
    const fallback = byStatus(error.status);
    return { title: fallback.title, detail: ownDetail(error) ?? fallback.detail };
  }
  if (error instanceof Error) return { title: 'Something went wrong', detail: error.message };
  return { title: 'Something went wrong', detail: null };
}

/** One line, for toasts. */
export function errorMessage(error: unknown): string {
  const { title, detail } = describeError(error);
  return detail ? `${title}. ${detail}` : title;
}

export function isStatus(error: unknown, status: number): boolean {
  return error instanceof ApiError && error.status === status;
}

export function hasCode(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}
