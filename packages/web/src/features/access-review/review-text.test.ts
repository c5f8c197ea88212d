import { describe, expect, it } from 'vitest';
import { levelText, sourceText } from './review-text.ts';

describe('access review words', () => {
  it('names each kind of source with its level and team or bucket', () => {
    expect(sourceText({ kind: 'owner', level: 'owner' })).toBe('Owner');
    expect(sourceText({ kind: 'admin', level: 'profile' })).toBe('Admin (profile)');
    expect(sourceText({ kind: 'user_grant', level: 'view', viaTeamName: 'Sales' })).toBe('Grant on the owner’s contacts (view) via team Sales');
    expect(sourceText({ kind: 'bucket_share', level: 'collaborate', bucketName: 'Key accounts' })).toBe('Bucket Key accounts (collaborate)');
    expect(sourceText({ kind: 'bucket_share', level: 'view', bucketName: null })).toBe('Bucket (deleted) (view)');
    expect(sourceText({ kind: 'record_share', level: 'edit' })).toBe('Shared with them (edit)');
    expect(sourceText({ kind: 'share_all', level: 'profile' })).toBe('Everyone sees every contact (profile)');
  });

  it('shows no level as a dash', () => {
    expect(levelText('none')).toBe('—');
    expect(levelText('collaborate')).toBe('Collaborate');
  });
});
