// Issue 14 item 1, D44: members see their colleagues' names and roles, not their export settings (nor SMS lines);
// admins and the user themself see both.
import { describe, expect, it } from 'vitest';
import { expectStatus } from './support/api-client.ts';
import { useTestApp } from './support/test-app.ts';

describe('GET /users: what a member sees of colleagues', () => {
  const t = useTestApp();
  const world = () => t.world({
    users: { ada: { role: 'admin' }, ben: { exportChannels: ['csv'] }, cat: { exportChannels: ['xlsx', 'api'] } },
  });

  it('a member gets names and roles of colleagues without exportChannels or smsLine, and their own channels', async () => {
    const w = await world();
    const items = expectStatus(await t.api.users.list({ as: w.users.ben }), 200).items;
    const cat = items.find((u) => u.id === w.users.cat.id);
    const ada = items.find((u) => u.id === w.users.ada.id);
    expect(cat).toMatchObject({ name: expect.any(String), role: 'member' });
    expect(ada).toMatchObject({ role: 'admin' });
    expect(cat).not.toHaveProperty('exportChannels');
    expect(cat).not.toHaveProperty('smsLine');
    expect(ada).not.toHaveProperty('exportChannels');
    expect(items.find((u) => u.id === w.users.ben.id)?.exportChannels).toEqual(['csv']);
  });

  it('an admin gets every user\'s export channels', async () => {
    const w = await world();
    const items = expectStatus(await t.api.users.list({ as: w.users.ada }), 200).items;
    expect(items.find((u) => u.id === w.users.cat.id)?.exportChannels).toEqual(['xlsx', 'api']);
    expect(items.find((u) => u.id === w.users.ben.id)?.exportChannels).toEqual(['csv']);
  });
});
