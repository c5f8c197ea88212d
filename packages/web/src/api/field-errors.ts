// A 400 TANDEM_INPUT_INVALID names each invalid field (`issues: [{path, message}]`). These helpers put each message
// under its own field, in words a person reads ("Use at most 200 characters."), instead of one line of schema text.
import { ApiError, type FieldIssue } from './client.ts';

/** The server's schema messages, said plainly. Unknown ones keep their words, capitalised. */
export function readableIssue(message: string): string {
  const text = message.trim();
  let m = /^Too big: expected string to have <=\s*(\d+) characters?/i.exec(text);
  if (m) return `Use at most ${m[1]} characters.`;
  m = /^Too small: expected string to have >=\s*(\d+) characters?/i.exec(text);
  if (m) return m[1] === '1' ? 'This cannot be empty.' : `Use at least ${m[1]} characters.`;
  m = /^Too big: expected array to have <=\s*(\d+) items?/i.exec(text);
  if (m) return `Give at most ${m[1]}.`;
  if (/^Invalid email/i.test(text)) return 'Enter an e-mail address like name@example.com.';
  if (/^Invalid input: expected string, received undefined/i.test(text) || /^Required$/i.test(text)) return 'This is required.';
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** "emails.2" → the field "emails", and "(3rd) " to say which entry. */
function splitPath(path: string): { field: string; entry: number | null } {
  const [field = '', index] = path.replace(/^body\./, '').split('.');
  return { field, entry: index !== undefined && /^\d+$/.test(index) ? Number(index) + 1 : null };
}

export type FieldErrors = {
  /** One message per field the form shows, keyed by the body's field name. */
  byField: Record<string, string>;
  /** Issues about fields the form does not show (or about the whole body), already readable. */
  other: string[];
};

/** Splits an error's field issues between the fields a form has and the rest. Not a validation error: nothing. */
export function fieldErrorsOf(error: unknown, fields: readonly string[]): FieldErrors {
  const out: FieldErrors = { byField: {}, other: [] };
  if (!(error instanceof ApiError) || error.code !== 'TANDEM_INPUT_INVALID') return out;
  for (const issue of error.issues as FieldIssue[]) {
    const { field, entry } = splitPath(issue.path);
    const text = `${entry !== null ? `Entry ${entry}: ` : ''}${readableIssue(issue.message)}`;
    if (field && fields.includes(field)) {
      out.byField[field] ??= text;
    } else {
      out.other.push(field ? `${field}: ${text}` : text);
    }
  }
  return out;
}

/** Whether the error is a validation error whose every issue has a field of its own in the form. */
export function allOnFields(error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.code !== 'TANDEM_INPUT_INVALID' || error.issues.length === 0) return false;
  return fieldErrorsOf(error, fields).other.length === 0;
}

/**
 * The API's limits on text a person types (the server's zod schemas), for `maxLength` on inputs so the browser stops
 * at the limit instead of the server refusing it.
 */
export const LIMITS = {
  personName: 100,
  email: 254,
  password: 256,
  passwordMin: 8,
  contactName: 200,
  company: 200,
  jobTitle: 200,
  phone: 50,
  tag: 50,
  address: 1000,
  historyBody: 10_000,
  orgName: 100,
  teamName: 100,
  billingContact: 200,
  billingAddress: 1000,
  vatId: 50,
} as const;
