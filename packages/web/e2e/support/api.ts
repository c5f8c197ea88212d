// API shortcuts for setting up worlds: plain fetch with bearer tokens against the server under test. The shapes are
// @tandem/api's types, under the web client's names (src/api/models.ts).
import type { Contact, ContactInput, Grant, GrantLevel, GrantScope, Grantee, HistoryItem, OrgSettings, Share, ShareLevel, Team, User } from '../../src/api/models.ts';

export const PASSWORD = 'correct-horse-42';

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: string, what: string) {
    super(`${what} answered ${status}: ${body}`);
  }
}

export class Api {
  constructor(readonly baseUrl: string, readonly token: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, text, `${method} ${path}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  createContact(input: ContactInput): Promise<Contact> {
    return this.request<{ contact: Contact }>('POST', '/contacts', input).then((r) => r.contact);
  }
  share(contactId: string, grantee: Grantee, level: ShareLevel, window: { startsAt?: string; expiresAt?: string } = {}): Promise<Share> {
    return this.request<{ share: Share }>('POST', `/contacts/${contactId}/shares`, { grantee, level, ...window }).then((r) => r.share);
  }
  sendMessage(contactId: string, body: string): Promise<HistoryItem> {
    return this.request<{ message: HistoryItem }>('POST', `/contacts/${contactId}/messages`, { body }).then((r) => r.message);
  }
  addNote(contactId: string, body: string): Promise<HistoryItem> {
    return this.request<{ note: HistoryItem }>('POST', `/contacts/${contactId}/notes`, { body }).then((r) => r.note);
  }
  createUser(input: { name: string; email: string; role?: 'admin' | 'member' }): Promise<User> {
    return this.request<{ user: User }>('POST', '/users', { role: 'member', password: PASSWORD, ...input }).then((r) => r.user);
  }
  createTeam(name: string, memberIds: string[]): Promise<Team> {
    return this.request<{ team: Team }>('POST', '/teams', { name, memberIds }).then((r) => r.team);
  }
  grant(ownerId: string, grantee: Grantee, scope: GrantScope, level: GrantLevel): Promise<Grant> {
    return this.request<{ grant: Grant }>('POST', `/users/${ownerId}/grants`, { grantee, scope, level }).then((r) => r.grant);
  }
  settings(patch: Partial<OrgSettings>): Promise<OrgSettings> {
    return this.request<OrgSettings>('PATCH', '/org/settings', patch);
  }
}

export type Actor = { user: User; email: string; password: string; token: string; api: Api };

export async function signIn(baseUrl: string, email: string, password: string = PASSWORD): Promise<Actor> {
  const res = await fetch(`${baseUrl}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, text, `sign in ${email}`);
  const { token, user } = JSON.parse(text) as { token: string; user: User };
  return { user, email, password, token, api: new Api(baseUrl, token) };
}

export async function signUp(baseUrl: string, input: { orgName: string; name: string; email: string }): Promise<Actor> {
  const res = await fetch(`${baseUrl}/api/v1/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...input, password: PASSWORD }) });
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, text, 'signup');
  const { token, user } = JSON.parse(text) as { token: string; user: User };
  return { user, email: input.email, password: PASSWORD, token, api: new Api(baseUrl, token) };
}

/** An org with an admin and named members, each signed in through the API. */
export type Org = { admin: Actor; tag: string; member: (firstName: string) => Actor };

export async function buildOrg(baseUrl: string, orgName: string, admin: string, members: string[]): Promise<Org> {
  // Each spec file names its own organisation, so its domain keeps addresses unique within a run (and readable
  // in screenshots).
  const tag = orgName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const emailOf = (name: string) => `${name.split(' ')[0]?.toLowerCase()}@${tag}.example`;
  const adminActor = await signUp(baseUrl, { orgName, name: admin, email: emailOf(admin) });
  const out = new Map<string, Actor>();
  for (const name of members) {
    await adminActor.api.createUser({ name, email: emailOf(name) });
    out.set(name.split(' ')[0] ?? name, await signIn(baseUrl, emailOf(name)));
  }
  const member = (firstName: string): Actor => {
    const actor = out.get(firstName);
    if (!actor) throw new Error(`No member called ${firstName} in ${orgName}`);
    return actor;
  };
  return { admin: adminActor, member, tag };
}
