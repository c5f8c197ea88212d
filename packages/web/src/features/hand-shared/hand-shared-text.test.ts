import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../lib/format.ts';
import { accessBadgeLabel, accessSourcesSentence, handSharedLevelLabel, sourcePhrase, type HandSharedAccess } from './hand-shared-text.ts';

type Source = HandSharedAccess['sources'][number];
const owner: Source = { kind: 'owner', level: 'owner' };
const admin: Source = { kind: 'admin', level: 'view' };
const direct = (level: 'view' | 'edit', extra: Partial<Source> = {}): Source => ({ kind: 'record_share', level, id: `s-${level}`, grantedByName: 'Ben', ...extra });

describe('why the caller has access to a template, pipeline or program', () => {
  it('names the owner, a direct share with its level and sharer, a team, and the admin role', () => {
    expect(accessSourcesSentence({ sources: [owner] })).toBe('You own it.');
    expect(accessSourcesSentence({ sources: [direct('edit')] })).toBe('Shared with you at Can change by Ben.');
    expect(accessSourcesSentence({ sources: [direct('view', { viaTeamId: 't1', viaTeamName: 'Sales', grantedByName: null })] })).toBe('Through team Sales at Can use.');
    expect(accessSourcesSentence({ sources: [admin] })).toBe('You are an admin.');
  });

  it('puts the owner first, then shares (highest first), then the admin role, in one sentence', () => {
    const sentence = accessSourcesSentence({ sources: [admin, direct('view', { viaTeamId: 't', viaTeamName: 'Sales' }), direct('edit')] });
    expect(sentence).toBe('Shared with you at Can change by Ben; through team Sales at Can use by Ben; you are an admin.');
  });

  it('says when a share ends', () => {
    const expiresAt = '2030-01-02T10:00:00.000Z';
    expect(sourcePhrase(direct('view', { expiresAt }))).toBe(`Shared with you at Can use by Ben until ${formatDateTime(expiresAt)}`);
  });

  it('says a removed team is gone rather than printing nothing', () => {
    expect(sourcePhrase(direct('edit', { viaTeamId: 't', viaTeamName: null, grantedByName: null }))).toBe('Through team (removed team) at Can change');
  });

  it('has a sentence for no sources at all', () => {
    expect(accessSourcesSentence({ sources: [] })).toMatch(/no access/);
  });

  it('labels view as Can use and anything higher as Can change', () => {
    expect(handSharedLevelLabel('view')).toBe('Can use');
    expect(handSharedLevelLabel('edit')).toBe('Can change');
    expect(handSharedLevelLabel('owner')).toBe('Can change');
  });
});

describe('the access badge', () => {
  it('says Owner, Can change, Can use, or Admin when the role is the only source', () => {
    expect(accessBadgeLabel({ level: 'owner', actions: ['view', 'edit', 'manage'], sources: [owner] })).toBe('Owner');
    expect(accessBadgeLabel({ level: 'edit', actions: ['view', 'edit'], sources: [direct('edit')] })).toBe('Can change');
    expect(accessBadgeLabel({ level: 'view', actions: ['view'], sources: [direct('view')] })).toBe('Can use');
    expect(accessBadgeLabel({ level: 'view', actions: ['view', 'manage'], sources: [admin] })).toBe('Admin');
    expect(accessBadgeLabel({ level: 'edit', actions: ['view', 'edit', 'manage'], sources: [admin, direct('edit')] })).toBe('Can change');
  });
});
