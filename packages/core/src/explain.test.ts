// "Why can X see this?": every active source with its kind, level, grantor, window and team (spec §10).
import { describe, expect, it } from 'vitest';
import { explain } from './explain.ts';
import type { ActorContext, BucketShareFact, ContactFacts, Grantee, OrgSettings, RecordShareFact, UserGrantFact, Window } from './facts.ts';
import { maxLevel, type GrantLevel, type ShareLevel } from './levels.ts';

const NOW = 1_748_822_400_000;
const HOUR = 3_600_000;
const OFF: OrgSettings = { exportEnabled: false, shareAllContacts: false, membersCanArchiveDeleteShared: false };
const OPEN: Window = { startsAt: null, expiresAt: null };

function ctx(userId: string, o: Partial<Omit<ActorContext, 'actor'>> & { role?: 'admin' | 'member'; teamIds?: string[] } = {}): ActorContext {
  return {
    actor: { userId, orgId: 'org', role: o.role ?? 'member', status: 'active', teamIds: o.teamIds ?? [], exportChannels: [] },
    settings: o.settings ?? OFF, userGrants: o.userGrants ?? [], bucketShares: o.bucketShares ?? [], now: NOW,
  };
}
function contact(o: Partial<ContactFacts> = {}): ContactFacts {
  return { id: 'c1', orgId: 'org', ownerId: 'ann', state: 'active', shares: [], bucketIds: [], ...o };
}
function share(id: string, grantee: Grantee, level: ShareLevel, window: Window = OPEN): RecordShareFact {
  return { id, contactId: 'c1', grantee, level, ...window, grantedBy: 'ann', grantedAt: NOW - 2 * HOUR };
}
function grant(id: string, grantee: Grantee, level: GrantLevel, window: Window = OPEN): UserGrantFact {
  return { id, ownerId: 'ann', grantee, scope: 'contacts', level, ...window, grantedBy: 'ada', grantedAt: NOW - 3 * HOUR };
}
function bucketShare(id: string, bucketId: string, grantee: Grantee, level: ShareLevel): BucketShareFact {
  return { id, bucketId, grantee, level, ...OPEN, grantedBy: 'eve', grantedAt: NOW - 4 * HOUR };
}

describe('explain', () => {
  it('the owner: one owner source, no provenance', () => {
    expect(explain(ctx('ann'), contact())).toEqual({ level: 'owner', sources: [{ kind: 'owner', level: 'owner' }] });
  });

  it('an admin: profile through being admin', () => {
    expect(explain(ctx('ada', { role: 'admin' }), contact())).toEqual({ level: 'profile', sources: [{ kind: 'admin', level: 'profile' }] });
  });

  it('share all: profile through share_all', () => {
    expect(explain(ctx('bob', { settings: { ...OFF, shareAllContacts: true } }), contact()))
      .toEqual({ level: 'profile', sources: [{ kind: 'share_all', level: 'profile' }] });
  });

  it('a user grant: level, id, grantor, time, window and owner; through a team it names the team', () => {
    const window = { startsAt: NOW - HOUR, expiresAt: NOW + HOUR };
    const c = ctx('bob', { teamIds: ['sales'], userGrants: [grant('g1', { teamId: 'sales' }, 'edit', window)] });
    expect(explain(c, contact())).toEqual({ level: 'edit', sources: [{
      kind: 'user_grant', level: 'edit', id: 'g1', grantedBy: 'ada', grantedAt: NOW - 3 * HOUR, startsAt: NOW - HOUR,
      expiresAt: NOW + HOUR, viaTeamId: 'sales', ownerId: 'ann',
    }] });
  });

  it('a bucket share names the bucket', () => {
    const c = ctx('bob', { bucketShares: [bucketShare('bs1', 'b1', { userId: 'bob' }, 'collaborate')] });
    expect(explain(c, contact({ bucketIds: ['b1'] }))).toEqual({ level: 'collaborate', sources: [{
      kind: 'bucket_share', level: 'collaborate', id: 'bs1', grantedBy: 'eve', grantedAt: NOW - 4 * HOUR, startsAt: null,
      expiresAt: null, bucketId: 'b1',
    }] });
  });

  it('record shares are listed one by one, active ones only, highest first', () => {
    const k = contact({ shares: [
      share('s-view', { userId: 'bob' }, 'view'),
      share('s-team', { teamId: 'sales' }, 'edit', { startsAt: null, expiresAt: NOW + HOUR }),
      share('s-expired', { userId: 'bob' }, 'edit', { startsAt: null, expiresAt: NOW }),
      share('s-future', { userId: 'bob' }, 'edit', { startsAt: NOW + 1, expiresAt: null }),
      share('s-other', { userId: 'cid' }, 'edit'),
    ] });
    const answer = explain(ctx('bob', { teamIds: ['sales'] }), k);
    expect(answer.level).toBe('edit');
    expect(answer.sources).toEqual([
      { kind: 'record_share', level: 'edit', id: 's-team', grantedBy: 'ann', grantedAt: NOW - 2 * HOUR, startsAt: null, expiresAt: NOW + HOUR, viaTeamId: 'sales' },
      { kind: 'record_share', level: 'view', id: 's-view', grantedBy: 'ann', grantedAt: NOW - 2 * HOUR, startsAt: null, expiresAt: null },
    ]);
  });

  it('every active source at once; the level is the highest of them', () => {
    const bob = { userId: 'bob' };
    const c = ctx('bob', {
      role: 'admin', settings: { ...OFF, shareAllContacts: true }, userGrants: [grant('g1', bob, 'view')],
      bucketShares: [bucketShare('bs1', 'b1', bob, 'view')],
    });
    const answer = explain(c, contact({ bucketIds: ['b1'], shares: [share('s1', bob, 'collaborate')] }));
    expect(answer.sources.map((s) => [s.kind, s.level])).toEqual([
      ['record_share', 'collaborate'], ['user_grant', 'view'], ['bucket_share', 'view'], ['admin', 'profile'], ['share_all', 'profile'],
    ]);
    expect(answer.level).toBe(maxLevel(answer.sources.map((s) => s.level)));
  });

  it('invisible means no sources', () => {
    expect(explain(ctx('bob'), contact())).toEqual({ level: 'none', sources: [] });
    expect(explain(ctx('bob'), contact({ orgId: 'other', ownerId: 'bob' }))).toEqual({ level: 'none', sources: [] });
  });

  it('on a trashed contact, shares and grants are not sources', () => {
    const bob = { userId: 'bob' };
    const c = ctx('bob', { role: 'admin', userGrants: [grant('g1', bob, 'edit')] });
    expect(explain(c, contact({ state: 'trashed', shares: [share('s1', bob, 'edit')] })))
      .toEqual({ level: 'profile', sources: [{ kind: 'admin', level: 'profile' }] });
  });
});
