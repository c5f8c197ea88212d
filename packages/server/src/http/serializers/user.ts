// The User answer from a row: only the fields of @tandem/api's userSchema ever leave (never the password hash).
import type { UserDto } from '@tandem/api';
import { toIso } from '../../domain/shared/time.ts';
import type { UserRow } from '../../storage/rows.ts';

export function serializeUser(row: UserRow): UserDto {
  return {
    id: row.id, name: row.name, email: row.email, role: row.role, status: row.status,
    exportChannels: row.export_channels as UserDto['exportChannels'], createdAt: toIso(row.created_at) as string,
  };
}
