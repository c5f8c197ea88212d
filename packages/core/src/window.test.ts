import { describe, expect, it } from 'vitest';
import type { Actor } from './facts.ts';
import { isWithinWindow, namesActor } from './window.ts';

const NOW = 1_748_822_400_000;

describe('windows: startsAt <= now < expiresAt, either bound optional (spec §4)', () => {
  it.each([
    { startsAt: null, expiresAt: null, active: true, why: 'no bounds: from creation until revoked' },
    { startsAt: NOW, expiresAt: null, active: true, why: 'exactly at start is active' },
    { startsAt: NOW + 1, expiresAt: null, active: false, why: 'one millisecond before start' },
    { startsAt: NOW - 1, expiresAt: null, active: true, why: 'started a millisecond ago' },
    { startsAt: null, expiresAt: NOW, active: false, why: 'exactly at expiry is expired' },
    { startsAt: null, expiresAt: NOW + 1, active: true, why: 'one millisecond before expiry' },
    { startsAt: null, expiresAt: NOW - 1, active: false, why: 'expired a millisecond ago' },
    { startsAt: NOW - 10, expiresAt: NOW + 10, active: true, why: 'inside both bounds' },
    { startsAt: NOW, expiresAt: NOW, active: false, why: 'an empty window is never active' },
    { startsAt: NOW + 10, expiresAt: NOW - 10, active: false, why: 'a reversed window is never active' },
  ])('$why', ({ startsAt, expiresAt, active }) => {
    expect(isWithinWindow({ startsAt, expiresAt }, NOW)).toBe(active);
  });
});

describe('namesActor', () => {
  const actor: Actor = { userId: 'u1', orgId: 'o', role: 'member', status: 'active', teamIds: ['t1', 't2'], exportChannels: [] };
  it.each([
    { grantee: { userId: 'u1' }, names: true },
    { grantee: { userId: 'u2' }, names: false },
    { grantee: { teamId: 't2' }, names: true },
    { grantee: { teamId: 't3' }, names: false },
    { grantee: { teamId: 'u1' }, names: false },
    { grantee: { userId: 't1' }, names: false },
  ])('$grantee → $names', ({ grantee, names }) => {
    expect(namesActor(grantee, actor)).toBe(names);
  });
});
