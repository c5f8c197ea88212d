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

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'member']),
  status: z.enum(['active', 'deactivated']),
  exportChannels: z.array(z.enum(EXPORT_CHANNELS)),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;
