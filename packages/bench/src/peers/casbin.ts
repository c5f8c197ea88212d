// The casbin peer (npm casbin, in process): the same sources as an RBAC model with two role hierarchies,
//   g:  user -> team, user -> role:admin, user -> org (for share-all);
//   g2: contact -> owned:<owner> (every state), book:<owner> and live (not trashed), bucket:<id>, all;
// and one policy line per source and action (owner, admin, share-all, active user grants, bucket shares and record
// shares on live contacts). Checks are `enforceSync`; lists ask casbin for the user's implicit permissions and
// expand each object through g2 (casbin has no filtered listing), then page in name order. Windows are read at load.
import { newEnforcer, newModelFromString, StringAdapter, type Enforcer } from 'casbin';
import type { TestUser } from '../users.ts';
import { isActive, pageBy, type PageSpec, type Who, type World } from '../world.ts';
import type { Peer } from './peer.ts';

const MODEL = `
[request_definition]
r = sub, obj, act
[policy_definition]
p = sub, obj, act
[role_definition]
g = _, _
g2 = _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g(r.sub, p.sub) && (r.obj == p.obj || g2(r.obj, p.obj)) && r.act == p.act
`;

const BOTH = ['view', 'readHistory'];

function lines(world: World, now: number): string {
  const out: string[] = [];
  const who = (w: Who) => (w.userId ? `user:${w.userId}` : `team:${w.teamId}`);
  const pol = (sub: string, obj: string, acts: string[]) => acts.forEach((a) => out.push(`p, ${sub}, ${obj}, ${a}`));
  for (const u of world.users) {
    if (u.status !== 'active') continue;
    out.push(`g, user:${u.id}, org:${world.orgId}`);
    if (u.role === 'admin') out.push(`g, user:${u.id}, role:admin`);
    for (const t of world.teamsOf.get(u.id) ?? []) out.push(`g, user:${u.id}, team:${t}`);
    pol(`user:${u.id}`, `owned:${u.id}`, ['view']);
    pol(`user:${u.id}`, `book:${u.id}`, ['readHistory']);
  }
  pol('role:admin', 'all', ['view']);
  for (const c of world.contacts) {
    out.push(`g2, contact:${c.id}, owned:${c.ownerId}`, `g2, contact:${c.id}, all`);
    if (c.state === 'trashed') continue;
    out.push(`g2, contact:${c.id}, book:${c.ownerId}`, `g2, contact:${c.id}, live`);
    for (const b of world.bucketsOf.get(c.id) ?? []) out.push(`g2, contact:${c.id}, bucket:${b}`);
    for (const s of world.sharesOf.get(c.id) ?? []) if (isActive(s, now)) pol(who(s), `contact:${c.id}`, BOTH);
  }
  for (const g of world.grants) if (g.scope === 'contacts' && isActive(g, now)) pol(who(g), `book:${g.ownerId}`, BOTH);
  for (const s of world.bucketShares) if (isActive(s, now)) pol(who(s), `bucket:${s.bucketId}`, BOTH);
  return out.join('\n');
}

/**
 * The contact ids an object name stands for, through g2. The role manager's getUsers rebuilds its whole role graph
 * on every call (seconds with 400 K links), so the g2 lines are filtered instead: one pass over them per object.
 */
async function expand(e: Enforcer, obj: string): Promise<string[]> {
  if (obj.startsWith('contact:')) return [obj];
  return (await e.getFilteredNamedGroupingPolicy('g2', 1, obj)).map((line) => line[0] as string);
}

export async function casbinPeer(world: World, now: number): Promise<Peer> {
  const started = performance.now();
  const text = lines(world, now);
  const e = await newEnforcer(newModelFromString(MODEL), new StringAdapter(text));
  const policies = (await e.getPolicy()).length;
  const shareAllLine = [`org:${world.orgId}`, 'live', 'view'];
  const byId = new Set(world.contacts.map((c) => c.id));
  return {
    name: 'casbin',
    floor: 'map',
    notes: [`casbin ${policies.toLocaleString('en-US')} policy lines, ${(text.split('\n').length - policies).toLocaleString('en-US')} role links; windows read at load`],
    setupMs: performance.now() - started,
    check: async (user, contactId, historyOnly) => {
      if (!byId.has(contactId)) return { view: false, history: false };
      const sub = `user:${user.id}`;
      const obj = `contact:${contactId}`;
      return { view: historyOnly ? false : e.enforceSync(sub, obj, 'view'), history: e.enforceSync(sub, obj, 'readHistory') };
    },
    page: async (user: TestUser, spec: PageSpec) => {
      const allowed = new Set<string>();
      for (const [, obj, act] of await e.getImplicitPermissionsForUser(`user:${user.id}`)) {
        if (act !== 'view' && act !== 'readHistory') continue;
        for (const c of await expand(e, obj as string)) allowed.add(c.slice('contact:'.length));
      }
      return pageBy(world, spec, 50, (c) => allowed.has(c.id));
    },
    setShareAll: async (on) => {
      if (on) await e.addPolicy(...shareAllLine);
      else await e.removePolicy(...shareAllLine);
    },
    close: async () => {},
  };
}
