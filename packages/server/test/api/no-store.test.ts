// API answers are never stored by a cache in front of the nodes (docs/decisions.md D48, http/plugins/no-store.ts):
// `Cache-Control: no-store` on successes, refusals, and answers Fastify gives itself; a route's own header is kept.
import { describe, expect, it } from 'vitest';
import { useTestApp } from './support/test-app.ts';

describe('Cache-Control on API answers', () => {
  const t = useTestApp({ db: 'pglite' });

  it('is no-store on a contact, a list, a refusal, an unknown route and health; export keeps its own', async () => {
    const w = await t.world({ users: { ada: { role: 'admin' }, ben: {} }, contacts: { zoe: { owner: 'ada' } } });
    const answers = [
      await t.api.contacts.get(w.contacts.zoe, { as: w.users.ada.token }),
      await t.api.contacts.list({ as: w.users.ada.token }),
      await t.api.contacts.get(w.contacts.zoe, { as: w.users.ben.token }),
      await t.api.contacts.get(w.contacts.zoe),
      await t.api.health(),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 401, 200]);
    for (const a of answers) expect(a.headers['cache-control']).toBe('no-store');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['cache-control']).toBe('no-store');
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export?format=csv', headers: { authorization: `Bearer ${w.users.ada.token}` } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['cache-control']).toBe('private, no-store');
  });
});
