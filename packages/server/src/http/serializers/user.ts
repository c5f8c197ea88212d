// The User object of docs/api-shapes.md. Only these fields ever leave the server (never the password hash).
import { EXPORT_CHANNELS } from '@tandem/core';
import { z } from 'zod';
import { toIso } from '../../domain/shared/time.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/accounts/passwords.ts';
import type { UserRow } from '../../storage/rows.ts';

/** Inputs shared by sign-up and user creation. */
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

export function serializeUser(row: UserRow): UserDto {
  return {
    id: row.id, name: row.name, email: row.email, role: row.role, status: row.status,
    exportChannels: row.export_channels as UserDto['exportChannels'], createdAt: toIso(row.created_at) as string,
  };
}
