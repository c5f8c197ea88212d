// Whether an API token may be used right now: its user must be allowed the `api` export channel (spec §9), decided
// by @tandem/core `canUseExportChannel` from the facts the auth plugin already loads with the token.
import { canUseExportChannel, type ExportChannel } from '@tandem/core';

export type TokenOwnerFacts = {
  orgId: string; userId: string; role: 'admin' | 'member'; status: 'active' | 'deactivated';
  exportChannels: readonly string[]; exportEnabled: boolean;
};

export function canUseApiToken(facts: TokenOwnerFacts, now: number): boolean {
  return canUseExportChannel({
    actor: {
      userId: facts.userId, orgId: facts.orgId, role: facts.role, status: facts.status, teamIds: [],
      exportChannels: facts.exportChannels as ExportChannel[],
    },
    // Only `exportEnabled` bears on export channels; the other switches are irrelevant here.
    settings: { exportEnabled: facts.exportEnabled, shareAllContacts: false, membersCanArchiveDeleteShared: false },
    userGrants: [], bucketShares: [], now,
  }, 'api');
}
