import { describe, expect, it } from 'vitest';
import type { Explanation, User } from '../../api/models.ts';
import { sortPeople, teamsOf } from './who-has-access.ts';

const user = (id: string, name: string): User => ({ id, name, email: `${id}@x.example`, role: 'member', status: 'active', exportChannels: [], createdAt: '' });
const person = (id: string, name: string, explanation: Omit<Explanation, 'userId'>) => ({ user: user(id, name), explanation: { userId: id, ...explanation } });

describe('who has access', () => {
  const ben = person('ben', 'Ben', { level: 'owner', sources: [{ kind: 'owner', level: 'owner' }] });
  const cat = person('cat', 'Cat', { level: 'view', sources: [{ kind: 'record_share', level: 'view', id: 's1', viaTeamId: 't1', viaTeamName: 'Sales' }] });
  const eve = person('eve', 'Eve', {
    level: 'edit',
    sources: [
      { kind: 'record_share', level: 'view', id: 's1', viaTeamId: 't1', viaTeamName: 'Sales' },
      { kind: 'user_grant', level: 'edit', id: 'g1' },
    ],
  });
  const ada = person('ada', 'Ada', { level: 'profile', sources: [{ kind: 'admin', level: 'profile' }] });

  it('lists the highest levels first, then by name', () => {
    expect(sortPeople([ada, cat, eve, ben], 'zzz').map((p) => p.user.name)).toEqual(['Ben', 'Eve', 'Cat', 'Ada']);
  });

  it('names each team once with the members it reaches', () => {
    expect(teamsOf([ben, cat, eve, ada])).toEqual([{ teamId: 't1', name: 'Sales', sources: [cat.explanation.sources[0]], memberNames: ['Cat', 'Eve'] }]);
  });
});
