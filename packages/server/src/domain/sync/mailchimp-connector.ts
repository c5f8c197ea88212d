// Mailchimp (Marketing API v3): one audience, one member per e-mail address. Docs: docs/decisions.md D40.
//
// Requests (shapes from the Marketing API v3 reference, mailchimp.com/developer/marketing/api/):
//   GET  /ping                                  "Ping": checks the key.
//   GET  /lists/{list_id}?fields=id,name        "Get list info": the audience exists (404: no such audience).
//   POST /lists/{list_id}                       "Batch subscribe or unsubscribe": {members ≤ 500, update_existing};
//                                               answers new_members, updated_members, errors[{email_address, error,
//                                               error_code}], total_created, total_updated, error_count.
//   PATCH /lists/{list_id}/members/{hash}       "Update list member": only the fields sent change.
// Auth: HTTP Basic, any user name, the API key as password; the key's suffix after the last '-' is the data centre.
//
// The subscription-status choice. The reference says of `update_existing` that it decides "whether this batch
// operation will change existing members' subscription status", and every batch member must carry a `status`: with
// update_existing: true, a person who unsubscribed would be set back to `subscribed` (or asked again with `pending`)
// by a CRM edit. So a chunk goes out as ONE batch with update_existing: false (new addresses join with the
// connection's newMemberStatus; existing members answer error_code ERROR_CONTACT_EXISTS and are left as they are),
// then each existing member whose profile changed gets one PATCH carrying merge_fields only — never `status`.
// A re-run sends nothing for an unchanged contact (the content hash), so the PATCHes are as many as the edits.
import { createHash } from 'node:crypto';
import { CredentialsRejected, type ChunkResult, type Connection, type SyncConnector, type SyncContact, type SyncLink } from './connector.ts';
import { providerHttp, unexpectedAnswer, type RetryPolicy } from './provider-http.ts';

export type MailchimpConnectorOptions = {
  /** "https://{dc}.api.mailchimp.com/3.0" in production; a stand-in's "http://127.0.0.1:<port>/3.0" in tests. */
  baseUrl: string;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
};

/** Mailchimp's batch limit (the reference: up to 500 members per call). */
export const MAILCHIMP_BATCH_LIMIT = 500;

/** The subscriber hash: md5 of the lower-cased address (how Marketing API v3 names a member). */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

/** "Ada King Lovelace" -> FNAME "Ada", LNAME "King Lovelace": the first word is the given name, the rest the family name. */
export function splitName(name: string): { FNAME: string; LNAME: string } {
  const words = name.trim().split(/\s+/u).filter((word) => word !== '');
  return { FNAME: words[0] ?? '', LNAME: words.slice(1).join(' ') };
}

type MergeFields = { FNAME: string; LNAME: string; PHONE?: string };
type Member = { email_address: string; merge_fields: MergeFields };

/** What is pushed for a contact. Only an audience's default merge fields (FNAME, LNAME, PHONE): COMPANY or ADDRESS may not exist in it. */
function memberOf(contact: SyncContact): Member | null {
  const email = contact.emails[0]?.trim();
  if (email === undefined || email === '') return null;
  const merge: MergeFields = splitName(contact.name);
  const phone = contact.phones[0]?.trim();
  if (phone !== undefined && phone !== '') merge.PHONE = phone;
  return { email_address: email, merge_fields: merge };
}

function hashOf(member: Member): string {
  return createHash('sha256').update(JSON.stringify(['mailchimp/1', member.email_address.toLowerCase(), member.merge_fields])).digest('hex');
}

type BatchAnswer = {
  new_members?: { id?: string; email_address?: string }[];
  updated_members?: { id?: string; email_address?: string }[];
  errors?: { email_address?: string; error?: string; error_code?: string }[];
};

function setting(connection: Connection, key: string): string {
  const value = connection.settings[key];
  if (value === undefined) throw new Error(`the Mailchimp connection has no ${key}`);
  return value;
}

export function mailchimpConnector(options: MailchimpConnectorOptions): SyncConnector {
  const http = providerHttp({ provider: 'Mailchimp', retry: options.retry, fetch: options.fetch });

  function base(dc: string): string {
    return options.baseUrl.replace('{dc}', encodeURIComponent(dc)).replace(/\/+$/u, '');
  }
  function auth(apiKey: string): Record<string, string> {
    return { authorization: `Basic ${Buffer.from(`tandem:${apiKey}`, 'utf8').toString('base64')}` };
  }

  async function connect(input: Record<string, string>) {
    const apiKey = (input.apiKey ?? '').trim();
    const audienceId = (input.audienceId ?? '').trim();
    const newMemberStatus = input.newMemberStatus ?? 'pending';
    const dash = apiKey.lastIndexOf('-');
    const dc = dash > 0 ? apiKey.slice(dash + 1) : '';
    if (!/^[a-z]+\d+$/u.test(dc)) throw new CredentialsRejected('the Mailchimp API key does not end in a data centre (like "-us21")');
    const root = base(dc);
    const ping = await http.send({ method: 'GET', url: `${root}/ping`, headers: auth(apiKey) });
    if (ping.status !== 200) throw unexpectedAnswer('Mailchimp', 'GET /ping', ping);
    const list = await http.send({ method: 'GET', url: `${root}/lists/${encodeURIComponent(audienceId)}?fields=id,name`, headers: auth(apiKey) });
    if (list.status === 404) throw new CredentialsRejected('Mailchimp has no such audience for this API key');
    if (list.status !== 200) throw unexpectedAnswer('Mailchimp', 'GET /lists/{list_id}', list);
    const audienceName = String((list.body as { name?: unknown } | null)?.name ?? audienceId);
    return {
      connection: { credentials: { apiKey }, settings: { audienceId, dc, newMemberStatus, audienceName } },
      account: `Audience "${audienceName}" (${dc})`,
    };
  }

  async function pushChunk(connection: Connection, contacts: SyncContact[], links: ReadonlyMap<string, SyncLink>): Promise<ChunkResult> {
    const result: ChunkResult = { created: [], updated: [], unchanged: [], skipped: [], failed: [] };
    const apiKey = connection.credentials.apiKey ?? '';
    const root = base(setting(connection, 'dc'));
    const listUrl = `${root}/lists/${encodeURIComponent(setting(connection, 'audienceId'))}`;
    const status = setting(connection, 'newMemberStatus');

    // Contacts to send, by lower-cased address (one member per address: a second contact with the same address in
    // this chunk is skipped, as Mailchimp would refuse the duplicate).
    const toSend = new Map<string, { contact: SyncContact; member: Member; hash: string }>();
    for (const contact of contacts) {
      const member = memberOf(contact);
      if (member === null) { result.skipped.push({ contactId: contact.id, reason: 'no e-mail address' }); continue; }
      const hash = hashOf(member);
      if (links.get(contact.id)?.contentHash === hash) { result.unchanged.push(contact.id); continue; }
      const key = member.email_address.toLowerCase();
      if (toSend.has(key)) { result.skipped.push({ contactId: contact.id, reason: 'same e-mail address as another contact' }); continue; }
      toSend.set(key, { contact, member, hash });
    }
    if (toSend.size === 0) return result;

    // One batch per 500 addresses (a run hands in chunkSize contacts, so one batch; more is split, never refused).
    const answer: Required<BatchAnswer> = { new_members: [], updated_members: [], errors: [] };
    const entries = [...toSend.values()];
    for (let start = 0; start < entries.length; start += MAILCHIMP_BATCH_LIMIT) {
      const batch = await http.send({
        method: 'POST', url: listUrl, headers: auth(apiKey),
        json: { members: entries.slice(start, start + MAILCHIMP_BATCH_LIMIT).map(({ member }) => ({ ...member, status })), update_existing: false },
      });
      if (batch.status !== 200) throw unexpectedAnswer('Mailchimp', 'POST /lists/{list_id}', batch);
      const part = (batch.body ?? {}) as BatchAnswer;
      answer.new_members.push(...(part.new_members ?? []));
      answer.updated_members.push(...(part.updated_members ?? []));
      answer.errors.push(...(part.errors ?? []));
    }
    const linkOf = (entry: { contact: SyncContact; member: Member; hash: string }): SyncLink => ({
      contactId: entry.contact.id, remoteId: subscriberHash(entry.member.email_address), remoteVersion: null, contentHash: entry.hash,
    });

    const existing: { contact: SyncContact; member: Member; hash: string }[] = [];
    const answered = new Set<string>();
    // updated_members stays empty with update_existing: false; read anyway, it would mean "updated".
    for (const [members, into] of [[answer.new_members, result.created], [answer.updated_members, result.updated]] as const) {
      for (const member of members) {
        const key = member.email_address?.toLowerCase() ?? '';
        const entry = toSend.get(key);
        if (entry === undefined || answered.has(key)) continue;
        answered.add(key);
        into.push(linkOf(entry));
      }
    }
    for (const error of answer.errors) {
      const key = error.email_address?.toLowerCase() ?? '';
      const entry = toSend.get(key);
      if (entry === undefined || answered.has(key)) continue;
      answered.add(key);
      if (error.error_code === 'ERROR_CONTACT_EXISTS') existing.push(entry);
      else result.failed.push({ contactId: entry.contact.id, reason: (error.error ?? error.error_code ?? 'refused').slice(0, 300) });
    }
    for (const [key, entry] of toSend) {
      if (!answered.has(key)) result.failed.push({ contactId: entry.contact.id, reason: 'Mailchimp did not answer for this address' });
    }

    // Existing members: the profile only (merge_fields), never the subscription status.
    for (const entry of existing) {
      const patch = await http.send({
        method: 'PATCH', url: `${listUrl}/members/${subscriberHash(entry.member.email_address)}`, headers: auth(apiKey),
        json: { merge_fields: entry.member.merge_fields },
      });
      if (patch.status === 200) result.updated.push(linkOf(entry));
      else if (patch.status === 400 || patch.status === 404) {
        const detail = (patch.body as { detail?: unknown } | null)?.detail;
        result.failed.push({ contactId: entry.contact.id, reason: typeof detail === 'string' ? detail.slice(0, 300) : `HTTP ${patch.status}` });
      } else throw unexpectedAnswer('Mailchimp', 'PATCH /lists/{list_id}/members/{subscriber_hash}', patch);
    }
    return result;
  }

  return { provider: 'mailchimp', chunkSize: MAILCHIMP_BATCH_LIMIT, connect, pushChunk };
}
