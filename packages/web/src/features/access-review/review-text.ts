// Words for the access review (D38): a source of access as one short phrase, and a level as the app names it.
import type { ExplanationSource } from '@tandem/api';

const LEVEL_TEXT: Record<string, string> = {
  none: '—', profile: 'Profile', view: 'View', collaborate: 'Collaborate', edit: 'Edit', owner: 'Owner',
};

export function levelText(level: string): string {
  return LEVEL_TEXT[level] ?? level;
}

/** "Record share (edit) via Sales", "Bucket Key accounts (view)", "Owner", "Admin (profile)"... */
export function sourceText(s: Pick<ExplanationSource, 'kind' | 'level' | 'viaTeamName' | 'bucketName' | 'grantedByName'>): string {
  const via = s.viaTeamName ? ` via team ${s.viaTeamName}` : '';
  const level = levelText(s.level).toLowerCase();
  switch (s.kind) {
    case 'owner':
      return 'Owner';
    case 'admin':
      return `Admin (${level})`;
    case 'share_all':
      return `Everyone sees every contact (${level})`;
    case 'user_grant':
      return `Grant on the owner’s contacts (${level})${via}`;
    case 'bucket_share':
      return `Bucket ${s.bucketName ?? '(deleted)'} (${level})${via}`;
    case 'record_share':
      return `Shared with them (${level})${via}`;
    default:
      return s.kind;
  }
}
