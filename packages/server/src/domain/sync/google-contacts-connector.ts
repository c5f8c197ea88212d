// Google Contacts (People API v1): one person per contact, found again by its resourceName and etag. Docs:
// docs/decisions.md D40. Shapes from the People API reference (developers.google.com/people/api/rest/v1/people):
//   POST {tokenUrl}                        OAuth 2.0 refresh (RFC 6749 §6): form grant_type=refresh_token,
//                                          refresh_token, client_id, client_secret -> {access_token, expires_in}.
//   GET  /people/me?personFields=…         people.get: the account's label.
//   POST /people:batchCreateContacts       {contacts: [{contactPerson: Person}] ≤ 200, readMask} -> {createdPeople:
//                                          [PersonResponse {person: {resourceName, etag}}]}; all or nothing.
//   POST /people:batchUpdateContacts       {contacts: {resourceName: Person with etag} ≤ 200, updateMask, readMask}
//                                          -> {updateResult: {resourceName: PersonResponse}}; all or nothing: one
//                                          stale etag (400 FAILED_PRECONDITION) or one gone person fails the batch.
//   GET  /people:batchGet?resourceNames=…  ≤ 200: responses[{requestedResourceName, httpStatusCode, person}].
//   GET  /people/me/connections            paged (pageSize ≤ 1000, pageToken/nextPageToken): the recovery index.
// Person fields written: names[{givenName, familyName}] (a singleton), emailAddresses[{value}], phoneNumbers[{value}],
// organizations[{name, title}], addresses[{formattedValue}], and on creation clientData[{key: 'tandemContactId',
// value}], which marks a person as ours. An update replaces exactly UPDATE_MASK (an emptied field is cleared).
//
// Recovery. A person deleted at Google, or edited there (new etag), makes the batch update fail: the connector then
// reads the chunk's people with batchGet, recreates the ones that are gone and updates the others with their fresh
// etag (Tandem's fields win), once; a batch still refused is halved until the one bad contact is found.
// Idempotency. A run that dies after Google created people but before their links were stored would create them
// again. So before creating, the connector looks the contacts up in an index of the account's people carrying our
// clientData (the connections list, read once per connection and run and kept 15 minutes while the run goes on, then
// kept up to date by the connector's own creations) and updates those instead. A retried slice reads it afresh: the
// attempt before may have run on another node, whose creations this process's index cannot know (D48). A batch create is never replayed blindly: a 5xx
// or a lost answer re-reads the index and creates only what is still missing. Limit: Google's lists may lag a
// fresh write; a crash and a retry within that lag could still duplicate (docs/decisions.md D40).
import { createHash } from 'node:crypto';
import { CredentialsRejected, type ChunkPass, type ChunkResult, type Connection, type SyncConnector, type SyncContact, type SyncLink } from './connector.ts';
import { splitName } from './mailchimp-connector.ts';
import { AmbiguousFailure, DEFAULT_RETRY_POLICY, providerHttp, unexpectedAnswer, type ProviderRequest, type ProviderResponse, type RetryPolicy } from './provider-http.ts';

export type GoogleContactsConnectorOptions = {
  /** "https://people.googleapis.com/v1" in production; a stand-in's ".../v1" in tests. */
  peopleBaseUrl: string;
  /** "https://oauth2.googleapis.com/token" in production. */
  tokenUrl: string;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
  /** How long the recovery index is trusted (default 15 minutes). */
  indexTtlMs?: number;
};

/** The People API's batch limit (batchCreateContacts, batchUpdateContacts, batchGet: 200). */
export const GOOGLE_BATCH_LIMIT = 200;
export const CLIENT_DATA_KEY = 'tandemContactId';
const UPDATE_MASK = 'names,emailAddresses,phoneNumbers,organizations,addresses';

type Person = {
  names: { givenName: string; familyName?: string }[];
  emailAddresses: { value: string }[];
  phoneNumbers: { value: string }[];
  organizations: { name?: string; title?: string }[];
  addresses: { formattedValue: string }[];
};
type Remote = { resourceName: string; etag: string };
type Entry = { contact: SyncContact; person: Person; hash: string };

const nonEmpty = (values: string[]) => values.map((value) => value.trim()).filter((value) => value !== '');

export function personOf(contact: SyncContact): Person {
  const { FNAME, LNAME } = splitName(contact.name);
  const company = contact.company?.trim();
  const title = contact.title?.trim();
  const address = contact.address?.trim();
  const organization = { ...(company ? { name: company } : {}), ...(title ? { title } : {}) };
  return {
    names: FNAME === '' ? [] : [LNAME === '' ? { givenName: FNAME } : { givenName: FNAME, familyName: LNAME }],
    emailAddresses: nonEmpty(contact.emails).map((value) => ({ value })),
    phoneNumbers: nonEmpty(contact.phones).map((value) => ({ value })),
    organizations: Object.keys(organization).length > 0 ? [organization] : [],
    addresses: address ? [{ formattedValue: address }] : [],
  };
}

function hashOf(person: Person): string {
  return createHash('sha256').update(JSON.stringify(['google/1', person])).digest('hex');
}

/** The create body's person: empty lists left out. */
function forCreate(entry: Entry): Record<string, unknown> {
  const person: Record<string, unknown> = Object.fromEntries(Object.entries(entry.person).filter(([, value]) => (value as unknown[]).length > 0));
  return { ...person, clientData: [{ key: CLIENT_DATA_KEY, value: entry.contact.id }] };
}

type GooglePerson = { resourceName?: string; etag?: string; metadata?: { deleted?: boolean }; clientData?: { key?: string; value?: string }[] };
/** The account's people carrying our clientData, as read during `pass` (undefined: a caller that names none). */
type Index = { byContact: Map<string, Remote>; loadedAt: number; stale: boolean; pass: ChunkPass | undefined };

function remoteOf(person: GooglePerson | undefined): Remote | null {
  return person?.resourceName && person.etag ? { resourceName: person.resourceName, etag: person.etag } : null;
}

function googleStatus(response: ProviderResponse): string {
  const status = (response.body as { error?: { status?: unknown } } | null)?.error?.status;
  return typeof status === 'string' ? status : `HTTP ${response.status}`;
}

export function googleContactsConnector(options: GoogleContactsConnectorOptions): SyncConnector {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const http = providerHttp({ provider: 'Google', retry: policy, fetch: options.fetch });
  const people = options.peopleBaseUrl.replace(/\/+$/u, '');
  const indexTtlMs = options.indexTtlMs ?? 15 * 60_000;
  // Both kept in memory by a key derived from the credentials (never the credentials themselves as a key in clear).
  const tokens = new Map<string, { accessToken: string; expiresAt: number }>();
  const indexes = new Map<string, Index>();

  const keyOf = (credentials: Record<string, string>) =>
    createHash('sha256').update(`${credentials.clientId ?? ''}\n${credentials.refreshToken ?? ''}`).digest('hex');

  async function exchange(credentials: Record<string, string>): Promise<{ accessToken: string; expiresAt: number }> {
    const response = await http.send({
      method: 'POST', url: options.tokenUrl,
      form: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken ?? '', client_id: credentials.clientId ?? '', client_secret: credentials.clientSecret ?? '' },
    });
    const body = response.body as { access_token?: unknown; expires_in?: unknown; error?: unknown } | null;
    if (response.status === 400 && ['invalid_grant', 'invalid_client', 'unauthorized_client'].includes(String(body?.error))) {
      throw new CredentialsRejected(`Google refused the credentials (${String(body?.error)})`);
    }
    if (response.status !== 200 || typeof body?.access_token !== 'string') throw unexpectedAnswer('Google', 'token refresh', response);
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    // A minute's margin: a token about to expire is refreshed before it is used.
    return { accessToken: body.access_token, expiresAt: Date.now() + Math.max(0, lifetime - 60) * 1000 };
  }

  async function accessToken(credentials: Record<string, string>): Promise<string> {
    const key = keyOf(credentials);
    const cached = tokens.get(key);
    if (cached !== undefined && cached.expiresAt > Date.now()) return cached.accessToken;
    const fresh = await exchange(credentials);
    tokens.set(key, fresh);
    return fresh.accessToken;
  }

  /** A People API request with the bearer token; a 401 on a cached token refreshes it once. */
  async function call(credentials: Record<string, string>, request: ProviderRequest): Promise<ProviderResponse> {
    const send = async () => http.send({ ...request, headers: { ...request.headers, authorization: `Bearer ${await accessToken(credentials)}` } });
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof CredentialsRejected) || !tokens.has(keyOf(credentials))) throw error;
      tokens.delete(keyOf(credentials));
      return send();
    }
  }

  async function connect(input: Record<string, string>) {
    const credentials = { clientId: (input.clientId ?? '').trim(), clientSecret: (input.clientSecret ?? '').trim(), refreshToken: (input.refreshToken ?? '').trim() };
    const me = await call(credentials, { method: 'GET', url: `${people}/people/me?personFields=emailAddresses,names` });
    if (me.status !== 200) throw unexpectedAnswer('Google', 'GET /people/me', me);
    const body = me.body as { emailAddresses?: { value?: string }[]; names?: { displayName?: string }[] } | null;
    const account = body?.emailAddresses?.[0]?.value ?? body?.names?.[0]?.displayName ?? 'Google account';
    return { connection: { credentials, settings: { account } }, account };
  }

  /** Forgets indexes and tokens no run uses any more, so a long-running server does not keep every account's. */
  function sweep(): void {
    const now = Date.now();
    for (const [key, index] of indexes) if (now - index.loadedAt >= indexTtlMs) indexes.delete(key);
    for (const [key, token] of tokens) if (token.expiresAt <= now) tokens.delete(key);
  }

  /**
   * An index read during one run serves that run's first attempts (their contacts without a link were never pushed:
   * an unrecorded push is retried, never skipped); a retry needs one read during itself. A caller naming no pass (a
   * test pushing chunks by hand) keeps the index for the TTL.
   */
  function servesPass(read: ChunkPass | undefined, wanted: ChunkPass | undefined): boolean {
    if (read === undefined || wanted === undefined) return read === wanted;
    return read.runId === wanted.runId && (wanted.retry === null || wanted.retry === read.retry);
  }

  async function loadIndex(credentials: Record<string, string>, force: boolean, pass?: ChunkPass): Promise<Index> {
    sweep();
    const key = keyOf(credentials);
    const known = indexes.get(key);
    if (!force && known !== undefined && !known.stale && servesPass(known.pass, pass) && Date.now() - known.loadedAt < indexTtlMs) return known;
    const byContact = new Map<string, Remote>();
    let pageToken: string | undefined;
    do {
      const query = new URLSearchParams({ personFields: 'clientData,metadata', pageSize: '1000', ...(pageToken ? { pageToken } : {}) });
      const page = await call(credentials, { method: 'GET', url: `${people}/people/me/connections?${query}` });
      if (page.status !== 200) throw unexpectedAnswer('Google', 'GET /people/me/connections', page);
      const body = page.body as { connections?: GooglePerson[]; nextPageToken?: string } | null;
      for (const person of body?.connections ?? []) {
        const ours = person.clientData?.find((item) => item.key === CLIENT_DATA_KEY)?.value;
        const remote = remoteOf(person);
        if (ours !== undefined && remote !== null && !person.metadata?.deleted && !byContact.has(ours)) byContact.set(ours, remote);
      }
      pageToken = body?.nextPageToken || undefined;
    } while (pageToken !== undefined);
    const index: Index = { byContact, loadedAt: Date.now(), stale: false, pass };
    indexes.set(key, index);
    return index;
  }

  /** batchGet: each resourceName's current etag, or null when the person is gone. */
  async function current(credentials: Record<string, string>, names: string[]): Promise<Map<string, Remote | null>> {
    const found = new Map<string, Remote | null>();
    for (let start = 0; start < names.length; start += GOOGLE_BATCH_LIMIT) {
      const pairs: [string, string][] = [['personFields', 'metadata'], ...names.slice(start, start + GOOGLE_BATCH_LIMIT).map((name): [string, string] => ['resourceNames', name])];
      const query = new URLSearchParams(pairs);
      const response = await call(credentials, { method: 'GET', url: `${people}/people:batchGet?${query}` });
      if (response.status !== 200) throw unexpectedAnswer('Google', 'GET /people:batchGet', response);
      for (const item of (response.body as { responses?: { requestedResourceName?: string; httpStatusCode?: number; person?: GooglePerson }[] } | null)?.responses ?? []) {
        if (item.requestedResourceName === undefined) continue;
        const remote = item.httpStatusCode === 200 && !item.person?.metadata?.deleted ? remoteOf(item.person) : null;
        found.set(item.requestedResourceName, remote);
      }
    }
    return found;
  }

  async function pushChunk(connection: Connection, contacts: SyncContact[], links: ReadonlyMap<string, SyncLink>, pass?: ChunkPass): Promise<ChunkResult> {
    const { credentials } = connection;
    const result: ChunkResult = { created: [], updated: [], unchanged: [], skipped: [], failed: [] };
    const toUpdate: (Entry & Remote)[] = [];
    let toCreate: Entry[] = [];
    for (const contact of contacts) {
      const person = personOf(contact);
      const hash = hashOf(person);
      const link = links.get(contact.id);
      if (link?.contentHash === hash) result.unchanged.push(contact.id);
      else if (link !== undefined) toUpdate.push({ contact, person, hash, resourceName: link.remoteId, etag: link.remoteVersion ?? '' });
      else toCreate.push({ contact, person, hash });
    }
    const linkOf = (entry: Entry, remote: Remote): SyncLink =>
      ({ contactId: entry.contact.id, remoteId: remote.resourceName, remoteVersion: remote.etag, contentHash: entry.hash });

    // Never pushed as far as the run knows: maybe created by a run that died before storing the links.
    if (toCreate.length > 0) {
      const index = await loadIndex(credentials, false, pass);
      const missing: Entry[] = [];
      for (const entry of toCreate) {
        const remote = index.byContact.get(entry.contact.id);
        if (remote === undefined) missing.push(entry);
        else toUpdate.push({ ...entry, ...remote });
      }
      toCreate = missing;
    }

    for (let start = 0; start < toUpdate.length; start += GOOGLE_BATCH_LIMIT) {
      const gone = await update(credentials, toUpdate.slice(start, start + GOOGLE_BATCH_LIMIT), false, result, linkOf);
      toCreate.push(...gone);
    }
    for (let start = 0; start < toCreate.length; start += GOOGLE_BATCH_LIMIT) {
      await create(credentials, toCreate.slice(start, start + GOOGLE_BATCH_LIMIT), result, linkOf, pass);
    }
    return result;
  }

  /** Updates a batch; answers the entries whose person is gone (to be created again). */
  async function update(credentials: Record<string, string>, batch: (Entry & Remote)[], refreshed: boolean, result: ChunkResult,
    linkOf: (entry: Entry, remote: Remote) => SyncLink): Promise<Entry[]> {
    if (batch.length === 0) return [];
    // A link without an etag (never expected, but a batch without one is refused whole): read the etags first.
    const response: ProviderResponse = !refreshed && batch.some((entry) => entry.etag === '')
      ? { status: 400, body: null, headers: new Headers() }
      : await call(credentials, {
      method: 'POST', url: `${people}/people:batchUpdateContacts`,
      json: {
        contacts: Object.fromEntries(batch.map((entry) => [entry.resourceName, { ...entry.person, etag: entry.etag }])),
        updateMask: UPDATE_MASK, readMask: 'metadata',
      },
    });
    if (response.status === 200) {
      const answers = (response.body as { updateResult?: Record<string, { person?: GooglePerson }> } | null)?.updateResult ?? {};
      for (const entry of batch) {
        const remote = remoteOf(answers[entry.resourceName]?.person);
        if (remote === null) result.failed.push({ contactId: entry.contact.id, reason: 'Google did not answer for this contact' });
        else result.updated.push(linkOf(entry, remote));
      }
      return [];
    }
    if (response.status !== 400 && response.status !== 404) throw unexpectedAnswer('Google', 'POST /people:batchUpdateContacts', response);
    if (!refreshed) {
      // A stale etag (edited at Google) or a person deleted there: read what is there now, once.
      const now = await current(credentials, batch.map((entry) => entry.resourceName));
      const gone: Entry[] = [];
      const retry: (Entry & Remote)[] = [];
      for (const entry of batch) {
        const remote = now.get(entry.resourceName);
        if (remote === null || remote === undefined) gone.push({ contact: entry.contact, person: entry.person, hash: entry.hash });
        else retry.push({ ...entry, ...remote });
      }
      return [...gone, ...(await update(credentials, retry, true, result, linkOf))];
    }
    if (batch.length === 1) {
      result.failed.push({ contactId: batch[0]!.contact.id, reason: `Google refused the update (${googleStatus(response)})` });
      return [];
    }
    const half = Math.ceil(batch.length / 2);
    return [...(await update(credentials, batch.slice(0, half), true, result, linkOf)), ...(await update(credentials, batch.slice(half), true, result, linkOf))];
  }

  /** Creates a batch, never twice: after an ambiguous failure the index is read again and only what is missing is sent. */
  async function create(credentials: Record<string, string>, batch: Entry[], result: ChunkResult, linkOf: (entry: Entry, remote: Remote) => SyncLink, pass?: ChunkPass): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      let response: ProviderResponse;
      try {
        response = await call(credentials, {
          method: 'POST', url: `${people}/people:batchCreateContacts`, replayable: false,
          json: { contacts: pending.map((entry) => ({ contactPerson: forCreate(entry) })), readMask: 'metadata,clientData' },
        });
      } catch (error) {
        if (!(error instanceof AmbiguousFailure)) throw error;
        const index = indexes.get(keyOf(credentials));
        if (index !== undefined) index.stale = true;
        if (attempt + 1 >= policy.attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)));
        const fresh = await loadIndex(credentials, true, pass);
        const still: Entry[] = [];
        for (const entry of pending) {
          const remote = fresh.byContact.get(entry.contact.id);
          if (remote === undefined) still.push(entry);
          else result.created.push(linkOf(entry, remote)); // created by the attempt whose answer was lost
        }
        pending = still;
        continue;
      }
      if (response.status === 200) {
        const created = (response.body as { createdPeople?: { person?: GooglePerson }[] } | null)?.createdPeople ?? [];
        const byContact = new Map<string, Remote>();
        for (const item of created) {
          const ours = item.person?.clientData?.find((data) => data.key === CLIENT_DATA_KEY)?.value;
          const remote = remoteOf(item.person);
          if (ours !== undefined && remote !== null) byContact.set(ours, remote);
        }
        const index = indexes.get(keyOf(credentials));
        for (const entry of pending) {
          const remote = byContact.get(entry.contact.id);
          if (remote === undefined) { result.failed.push({ contactId: entry.contact.id, reason: 'Google did not answer for this contact' }); continue; }
          index?.byContact.set(entry.contact.id, remote);
          result.created.push(linkOf(entry, remote));
        }
        return;
      }
      if (response.status !== 400) throw unexpectedAnswer('Google', 'POST /people:batchCreateContacts', response);
      // All or nothing, so nothing was created: halve until the contact Google refuses is alone.
      if (pending.length === 1) {
        result.failed.push({ contactId: pending[0]!.contact.id, reason: `Google refused the contact (${googleStatus(response)})` });
        return;
      }
      const half = Math.ceil(pending.length / 2);
      await create(credentials, pending.slice(0, half), result, linkOf);
      await create(credentials, pending.slice(half), result, linkOf);
      return;
    }
  }

  return { provider: 'google_contacts', chunkSize: GOOGLE_BATCH_LIMIT, connect, pushChunk };
}
