// The User object of docs/api-shapes.md (never the password hash) and the inputs shared by sign-up, invitations,
// user creation and the profile.
import { EXPORT_CHANNELS } from '@tandem/core';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 8;
/** Bounded so that a huge body cannot make hashing expensive. */
export const PASSWORD_MAX_LENGTH = 256;

export const nameSchema = z.string().trim().min(1).max(100);
export const emailSchema = z.email().max(254);
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

/** Characters a person may type around an SMS line's digits: "+1 (555) 123-4567" is +15551234567. */
const SMS_LINE_FORMATTING = /[\s().-]/g;

/**
 * A user's SMS line in E.164 ("+" and 7 to 15 digits, the first not 0), or null when the text is not one. Spaces,
 * brackets, dots and hyphens are dropped; anything else (letters, a missing "+") makes it no line, since a national
 * number without its country code would match the wrong replies.
 */
export function normaliseSmsLine(text: string): string | null {
  const compact = text.trim().replace(SMS_LINE_FORMATTING, '');
  return /^\+[1-9][0-9]{6,14}$/.test(compact) ? compact : null;
}

/** `smsLine` in PATCH /users/:id: E.164 with optional formatting, or null to clear. Stored normalised. */
export const smsLineSchema = z.string().max(40)
  .refine((text) => normaliseSmsLine(text) !== null, { message: 'an SMS line is a phone number in E.164: "+", the country code and the number, e.g. +15551234567' })
  .nullable()
  .describe('E.164, e.g. +15551234567 (spaces, brackets and hyphens are dropped); null: no SMS line');

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'member']),
  status: z.enum(['active', 'deactivated']),
  exportChannels: z.array(z.enum(EXPORT_CHANNELS)).optional()
    .describe('the formats this user may export through; shown to admins and the user themself, left out for anyone else'),
  smsLine: z.string().nullable().optional()
    .describe('the number clients text and replies arrive on (E.164); null: none. Shown to admins and the user themself; left out for anyone else'),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

/** A user as GET /users lists them: admins also get `lockedUntil` (D46). */
export const listedUserSchema = userSchema.extend({
  lockedUntil: z.string().nullable().optional()
    .describe('when sign-in for this user\'s e-mail resumes after too many wrong passwords (D46); null: not locked. For admins only'),
});
export type ListedUserDto = z.infer<typeof listedUserSchema>;
