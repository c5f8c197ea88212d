// One catalog of error codes: each code's category and title, and the one exhaustive switch from category to HTTP
// status. The server throws them (its AppError, src/errors.ts) and the web client reads them (`ErrorCode` is the
// union it matches on). docs/errors.md lists every code; the server's test/api/errors-doc.test.ts fails when the two
// disagree. No zod here: the web imports this file alone as '@tandem/api/errors'.
import { assertNever } from '@tandem/core';

export type ErrorCategory =
  | 'bad_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'method_not_allowed' | 'request_timeout' | 'conflict'
  | 'body_too_large' | 'url_too_long' | 'unsupported_media_type' | 'headers_too_large' | 'internal'
  | 'unavailable' | 'rate_limited';

export const ERROR_CATALOG = {
  TANDEM_INPUT_INVALID: { category: 'bad_input', title: 'The request is not valid' },
  TANDEM_TEMPLATE_INVALID: { category: 'bad_input', title: 'The template uses something other than the known merge fields' },
  TANDEM_LIST_CURSOR_MISMATCH: { category: 'bad_input', title: 'This cursor belongs to the list in another order' },
  TANDEM_SHARE_GRANTEE_IS_OWNER: { category: 'bad_input', title: 'The owner already has full access; share with someone else' },
  TANDEM_GRANT_GRANTEE_IS_OWNER: { category: 'bad_input', title: 'A grant cannot name its owner as grantee' },
  TANDEM_IMPORT_FILE_INVALID: { category: 'bad_input', title: 'The import file cannot be read as CSV or vCard' },
  TANDEM_INTEGRATION_CREDENTIALS_REJECTED: { category: 'bad_input', title: 'The provider refused these credentials' },
  TANDEM_INTEGRATION_UNREACHABLE: { category: 'bad_input', title: 'The provider could not be reached to check these credentials' },
  TANDEM_AUTH_REQUIRED: { category: 'unauthenticated', title: 'Sign in first' },
  TANDEM_AUTH_INVALID_CREDENTIALS: { category: 'unauthenticated', title: 'E-mail or password is wrong' },
  TANDEM_INBOUND_SIGNATURE_INVALID: { category: 'unauthenticated', title: 'The delivery is not signed with this organisation\'s inbound secret' },
  TANDEM_AUTH_CSRF: { category: 'forbidden', title: 'Missing or wrong CSRF token' },
  TANDEM_ACCESS_FORBIDDEN: { category: 'forbidden', title: 'You may not do this' },
  TANDEM_ACCESS_ADMIN_ONLY: { category: 'forbidden', title: 'Only administrators may do this' },
  TANDEM_SHARE_ABOVE_OWN_LEVEL: { category: 'forbidden', title: 'You cannot give more access than you have' },
  TANDEM_EXPORT_DISABLED: { category: 'forbidden', title: 'Contact export is turned off for members of this team' },
  TANDEM_EXPORT_CHANNEL_BLOCKED: { category: 'forbidden', title: 'This export format is not among your export channels' },
  TANDEM_EXPORT_CHANNEL_FORBIDDEN: { category: 'forbidden', title: 'You may not export through this channel' },
  TANDEM_TOKEN_READ_ONLY: { category: 'forbidden', title: 'This API token is read-only: it may only make GET and HEAD requests' },
  TANDEM_ACCOUNT_WRONG_PASSWORD: { category: 'forbidden', title: 'The current password is wrong' },
  TANDEM_NOT_FOUND: { category: 'not_found', title: 'Not found' },
  TANDEM_CONTACT_NOT_FOUND: { category: 'not_found', title: 'Contact not found' },
  TANDEM_USER_NOT_FOUND: { category: 'not_found', title: 'User not found' },
  TANDEM_TEAM_NOT_FOUND: { category: 'not_found', title: 'Team not found' },
  TANDEM_GRANT_NOT_FOUND: { category: 'not_found', title: 'Grant not found' },
  TANDEM_SHARE_NOT_FOUND: { category: 'not_found', title: 'Share not found' },
  TANDEM_BUCKET_NOT_FOUND: { category: 'not_found', title: 'Bucket not found' },
  TANDEM_TEMPLATE_NOT_FOUND: { category: 'not_found', title: 'Template not found' },
  TANDEM_PIPELINE_NOT_FOUND: { category: 'not_found', title: 'Pipeline not found' },
  TANDEM_PIPELINE_CARD_NOT_FOUND: { category: 'not_found', title: 'Card not found' },
  TANDEM_PROGRAM_NOT_FOUND: { category: 'not_found', title: 'Program not found' },
  TANDEM_ENROLLMENT_NOT_FOUND: { category: 'not_found', title: 'Enrolment not found' },
  TANDEM_TOKEN_NOT_FOUND: { category: 'not_found', title: 'API token not found' },
  TANDEM_INVITATION_NOT_FOUND: { category: 'not_found', title: 'Invitation not found' },
  TANDEM_PASSWORD_RESET_NOT_FOUND: { category: 'not_found', title: 'Password reset link not found' },
  TANDEM_CALENDAR_NOT_FOUND: { category: 'not_found', title: 'Calendar not found' },
  TANDEM_CALENDAR_ITEM_NOT_FOUND: { category: 'not_found', title: 'Task or event not found' },
  TANDEM_CALENDAR_FEED_NOT_FOUND: { category: 'not_found', title: 'Calendar feed not found' },
  TANDEM_INTEGRATION_NOT_CONNECTED: { category: 'not_found', title: 'You have not connected this integration' },
  TANDEM_SYNC_RUN_NOT_FOUND: { category: 'not_found', title: 'Sync run not found' },
  TANDEM_USER_EMAIL_TAKEN: { category: 'conflict', title: 'That e-mail is already in use' },
  TANDEM_TEAM_NAME_TAKEN: { category: 'conflict', title: 'A team with that name already exists' },
  TANDEM_ORG_LAST_ADMIN: { category: 'conflict', title: 'An organisation keeps at least one active admin' },
  TANDEM_USER_SMS_LINE_TAKEN: { category: 'conflict', title: 'Another user of the organisation has that SMS line' },
  TANDEM_TEMPLATE_IN_USE: { category: 'conflict', title: 'A program step uses this template; change the program first' },
  TANDEM_PIPELINE_STAGE_NOT_EMPTY: { category: 'conflict', title: 'Move the cards off this stage before removing it' },
  TANDEM_ENROLLMENT_EXISTS: { category: 'conflict', title: 'This contact is already in the program' },
  TANDEM_ENROLLMENT_FINISHED: { category: 'conflict', title: 'This enrolment has stopped or completed; enrol the contact again instead' },
  TANDEM_CONTACT_WRONG_STATE: { category: 'conflict', title: 'The contact is not in a state that allows this' },
  TANDEM_USER_INACTIVE: { category: 'conflict', title: 'That user is deactivated' },
  TANDEM_CONTACT_NO_ADDRESS: { category: 'conflict', title: 'The contact has no address for this channel' },
  TANDEM_IDEMPOTENCY_KEY_REUSED: { category: 'conflict', title: 'This Idempotency-Key was used for a different request' },
  TANDEM_AUDIT_CHECKPOINT_OTHER_ORG: { category: 'bad_input', title: 'This checkpoint is of another organisation\'s audit log' },
  TANDEM_AUDIT_CHAIN_BROKEN: { category: 'conflict', title: 'The audit chain does not verify, so no checkpoint is signed for it' },
  TANDEM_SYNC_RUNNING: { category: 'conflict', title: 'A sync of this integration is already queued or running' },
  TANDEM_INBOUND_REPLAYED: { category: 'conflict', title: 'This signed delivery was received before' },
  TANDEM_IDEMPOTENCY_KEY_IN_USE: { category: 'conflict', title: 'A request with this Idempotency-Key is still running' },
  // The HTTP request itself, refused before it reaches an endpoint (http/error-answers.ts).
  TANDEM_REQUEST_MALFORMED: { category: 'bad_input', title: 'The HTTP request could not be read' },
  TANDEM_REQUEST_MALFORMED_URL: { category: 'bad_input', title: 'The URL is not valid' },
  TANDEM_REQUEST_MALFORMED_BODY: { category: 'bad_input', title: 'The request body could not be read' },
  TANDEM_REQUEST_METHOD_NOT_ALLOWED: { category: 'method_not_allowed', title: 'This path does not answer that method' },
  TANDEM_REQUEST_TIMEOUT: { category: 'request_timeout', title: 'The request took too long to arrive' },
  TANDEM_REQUEST_BODY_TOO_LARGE: { category: 'body_too_large', title: 'The request body is too large' },
  TANDEM_IMPORT_FILE_TOO_LARGE: { category: 'body_too_large', title: 'The import file is larger than 20 MiB' },
  TANDEM_REQUEST_URL_TOO_LONG: { category: 'url_too_long', title: 'A part of the URL is too long' },
  TANDEM_REQUEST_UNSUPPORTED_MEDIA_TYPE: { category: 'unsupported_media_type', title: 'Send the body as application/json' },
  TANDEM_REQUEST_HEADERS_TOO_LARGE: { category: 'headers_too_large', title: 'The request headers are too large' },
  TANDEM_INTERNAL: { category: 'internal', title: 'Something went wrong on our side' },
  TANDEM_DATABASE_UNAVAILABLE: { category: 'unavailable', title: 'The database cannot be reached just now; try again shortly' },
  TANDEM_RATE_LIMITED: { category: 'rate_limited', title: 'Too many attempts; wait before trying again' },
  TANDEM_AUTH_LOCKED: { category: 'rate_limited', title: 'Too many wrong passwords for this e-mail; sign-in is paused for a while' },
} as const satisfies Record<string, { category: ErrorCategory; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function statusOf(category: ErrorCategory): number {
  switch (category) {
    case 'bad_input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'request_timeout':
      return 408;
    case 'conflict':
      return 409;
    case 'body_too_large':
      return 413;
    case 'url_too_long':
      return 414;
    case 'unsupported_media_type':
      return 415;
    case 'headers_too_large':
      return 431;
    case 'internal':
      return 500;
    case 'unavailable':
      return 503;
    case 'rate_limited':
      return 429;
    default:
      return assertNever(category);
  }
}

/** The RFC 9457 problem details every refusal carries (application/problem+json). */
export type ProblemDetails = { type: string; title: string; status: number; detail: string; code: ErrorCode } & Record<string, unknown>;

