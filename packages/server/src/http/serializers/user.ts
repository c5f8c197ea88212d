// The User answer from a row: only the fields of @tandem/api's userSchema ever leave (never the password hash).
import type { UserDto } from '@tandem/api';
import type { Actor } from '@tandem/core';
import { toIso } from '../../domain/shared/time.ts';
import type { UserRow } from '../../storage/rows.ts';

/** The user as they themself see it (sign-in, invitations, resets: the caller is this user), SMS line included. */
export function serializeUser(row: UserRow): UserDto {
  return {
    id: row.id, name: row.name, email: row.email, role: row.role, status: row.status,
    exportChannels: row.export_channels as UserDto['exportChannels'], smsLine: row.sms_line, createdAt: toIso(row.created_at) as string,
  };
}

/**
 * The user as `viewer` sees them: a colleague's SMS line and export channels are shown only to admins (who set them)
 * and to the user themself; a member reading the list gets names and roles, and both fields are left out
 * (docs/permissions.md, D44).
 */
export function serializeUserFor(viewer: Pick<Actor, 'userId' | 'role'>, row: UserRow): UserDto {
  const dto = serializeUser(row);
  if (viewer.role === 'admin' || viewer.userId === row.id) return dto;
  const { smsLine: _line, exportChannels: _channels, ...rest } = dto;
  return rest;
}
