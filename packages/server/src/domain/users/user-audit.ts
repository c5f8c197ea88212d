// Audit snapshots of users (spec §10): the user as the log records their creation. The same JSON the log has
// always held (the API's User object of that time), written here so that the API's shape may change without
// changing what new entries say.
import { toIso } from '../shared/time.ts';
import type { UserRow } from '../../storage/rows.ts';

export type UserSnapshot = {
  id: string; name: string; email: string; role: 'admin' | 'member'; status: 'active' | 'deactivated';
  exportChannels: string[]; createdAt: string;
};

export function userSnapshot(row: UserRow): UserSnapshot {
  return {
    id: row.id, name: row.name, email: row.email, role: row.role, status: row.status,
    exportChannels: [...row.export_channels], createdAt: toIso(row.created_at) as string,
  };
}
