// A mixed load against a running server whose PostgreSQL is stopped and started under it (issue 14 item 3, D47):
// several clients create contacts (with an e-mail each), change them, share them and send messages (each one
// enqueues a delivery job), and read lists, while the caller moves the phase between 'up', 'down' and 'back'. Every
// answer is kept: 2xx, the 503 TANDEM_DATABASE_UNAVAILABLE problem (with Retry-After), anything else, or no answer
// at all. Afterwards `checkLedger` compares what was acknowledged with what the database holds, and looks for a
// write that was half applied. Used by test/process/database-restart.test.ts and `npm run probe:restart`.
import pg from 'pg';

export type Phase = 'up' | 'down' | 'back';

type Answer = { status: number; body: unknown; retryAfter: string | null; contentType: string | null };

type CreateAttempt = { client: number; name: string; email: string; acked: boolean; id?: string };
type UpdateAttempt = { company: string; acked: boolean };
type OwnContact = { id: string; updates: UpdateAttempt[]; shareTried: boolean };

export type Tally = {
  requests: number;
  acknowledgedWrites: number;
  ok: number;
  unavailable: number;
  /** 503 answers while PostgreSQL was down (the rest came just before the stop or just after the start). */
  unavailableWhileDown: number;
  /** 2xx answers while PostgreSQL was down: reads or writes that cannot have reached it would be a lie. */
  okWhileDown: number;
  /** Any other answer (a 500, a 401 for a good token, ...) or a 503 without the problem body: each one a failure. */
  wrong: { phase: Phase; what: string; status: number; body: unknown }[];
  /** Requests with no answer at all (connection refused or reset: the server died). */
  noAnswer: { phase: Phase; what: string; error: string }[];
};

export type Ledger = {
  creates: CreateAttempt[];
  contacts: OwnContact[];
  shares: { contactId: string; id: string }[];
  messages: { contactId: string; id: string }[];
  tally: Tally;
};

export type Org = { base: string; token: string; adminId: string; colleagueId: string; orgId: string };

async function call(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // kept as text: a wrong answer is reported as it came
  }
  return { status: response.status, body: parsed, retryAfter: response.headers.get('retry-after'), contentType: response.headers.get('content-type') };
}

/** A new org with its admin (who runs the load) and a colleague to share with. */
export async function setUpOrg(base: string, tag: string): Promise<Org> {
  const password = 'a long enough password 1';
  const signUp = await call(base, null, 'POST', '/signup', { orgName: `Restart ${tag}`, name: 'Ada Admin', email: `ada-${tag}@restart.test`, password });
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${JSON.stringify(signUp.body)}`);
  const { token, user, org } = signUp.body as { token: string; user: { id: string }; org: { id: string } };
  const colleague = await call(base, token, 'POST', '/users', { name: 'Cy Colleague', email: `cy-${tag}@restart.test`, password, role: 'member' });
  if (colleague.status !== 201) throw new Error(`adding a user answered ${colleague.status}: ${JSON.stringify(colleague.body)}`);
  return { base, token, adminId: user.id, orgId: org.id, colleagueId: (colleague.body as { user: { id: string } }).user.id };
}

export function newLedger(): Ledger {
  return {
    creates: [], contacts: [], shares: [], messages: [],
    tally: { requests: 0, acknowledgedWrites: 0, ok: 0, unavailable: 0, unavailableWhileDown: 0, okWhileDown: 0, wrong: [], noAnswer: [] },
  };
}

function isUnavailableProblem(answer: Answer): boolean {
  const body = answer.body as { code?: unknown; status?: unknown } | null;
  return answer.status === 503 && answer.contentType?.startsWith('application/problem+json') === true
    && body?.code === 'TANDEM_DATABASE_UNAVAILABLE' && body.status === 503 && answer.retryAfter !== null && /^\d+$/.test(answer.retryAfter);
}

/**
 * Runs one client until `running()` is false. Each request's answer is judged: 2xx = acknowledged, the 503 problem =
 * refused while the database is away; everything else is recorded as wrong.
 */
export async function runClient(org: Org, client: number, ledger: Ledger, phase: () => Phase, running: () => boolean): Promise<void> {
  const own: OwnContact[] = [];
  let n = 0;
  const random = (k: number) => Math.floor(Math.random() * k);

  async function attempt(what: string, method: string, path: string, body?: unknown): Promise<Answer | null> {
    const at = phase();
    ledger.tally.requests++;
    let answer: Answer;
    try {
      answer = await call(org.base, org.token, method, path, body);
    } catch (error) {
      ledger.tally.noAnswer.push({ phase: at, what, error: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error) });
      return null;
    }
    // The phase when the answer came: a request sent just before the stop may be answered during it, and the reverse.
    const now = phase();
    if (answer.status >= 200 && answer.status < 300) {
      ledger.tally.ok++;
      if (at === 'down' && now === 'down') ledger.tally.okWhileDown++;
      if (method !== 'GET') ledger.tally.acknowledgedWrites++;
      return answer;
    }
    if (isUnavailableProblem(answer)) {
      ledger.tally.unavailable++;
      if (at === 'down' || now === 'down') ledger.tally.unavailableWhileDown++;
      return null;
    }
    ledger.tally.wrong.push({ phase: now, what, status: answer.status, body: answer.body });
    return null;
  }

  while (running()) {
    n++;
    const roll = own.length === 0 ? 0 : random(100);
    if (roll < 30) {
      const name = `Load ${client}-${n}`;
      const email = `load-${client}-${n}@restart.test`;
      const record: CreateAttempt = { client, name, email, acked: false };
      ledger.creates.push(record);
      const answer = await attempt('create contact', 'POST', '/contacts', { name, emails: [email] });
      if (answer) {
        record.acked = true;
        record.id = (answer.body as { contact: { id: string } }).contact.id;
        const made: OwnContact = { id: record.id, updates: [], shareTried: false };
        own.push(made);
        ledger.contacts.push(made);
      }
    } else if (roll < 50) {
      const contact = own[random(own.length)] as OwnContact;
      const update: UpdateAttempt = { company: `Company ${client}-${n}`, acked: false };
      contact.updates.push(update);
      if (await attempt('update contact', 'PATCH', `/contacts/${contact.id}`, { company: update.company })) update.acked = true;
    } else if (roll < 65) {
      const contact = own.find((c) => !c.shareTried);
      if (!contact) continue;
      contact.shareTried = true; // once per contact: a second share to the same colleague is another question
      const answer = await attempt('share contact', 'POST', `/contacts/${contact.id}/shares`, { grantee: { userId: org.colleagueId }, level: 'view' });
      if (answer) ledger.shares.push({ contactId: contact.id, id: (answer.body as { share: { id: string } }).share.id });
    } else if (roll < 80) {
      const contact = own[random(own.length)] as OwnContact;
      const answer = await attempt('send message', 'POST', `/contacts/${contact.id}/messages`, { body: `Hello ${n}` });
      if (answer) ledger.messages.push({ contactId: contact.id, id: (answer.body as { message: { id: string } }).message.id });
    } else if (roll < 90) {
      await attempt('list contacts', 'GET', '/contacts?limit=20');
    } else {
      await attempt('read contact', 'GET', `/contacts/${(own[random(own.length)] as OwnContact).id}`);
    }
  }
}

/** Polls a read until it answers 2xx; resolves with the milliseconds it took. */
export async function timeToRecover(org: Org, limitMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    try {
      const answer = await call(org.base, org.token, 'GET', '/contacts?limit=1');
      if (answer.status === 200) return performance.now() - started;
    } catch {
      // no answer: keep asking until the limit
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the server did not answer a read within ${limitMs} ms of PostgreSQL being back`);
}

export type Verdict = {
  acknowledged: { contacts: number; updates: number; shares: number; messages: number };
  /** Acknowledged writes the database does not hold. */
  lost: string[];
  /** Writes found in part: a contact without its e-mail row or its audit entry, a share or message without its audit entry. */
  halfApplied: string[];
  /** Creates answered 503 or not at all whose contact exists anyway (the connection broke during their commit). */
  unacknowledgedButCommitted: number;
  /** Messages still queued (their delivery job not run) when the check ran. */
  stillQueued: number;
  /** Their jobs: when each is due again, its attempts and last error (why a message waits). */
  queuedJobs: { available_in_ms: number; attempts: number; leased: boolean; last_error: string | null }[];
};

/** Compares the ledger with the database, read directly (not through the server under test). */
export async function checkLedger(databaseUrl: string, org: Org, ledger: Ledger): Promise<Verdict> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = async <T>(text: string): Promise<T[]> => (await client.query(text, [org.orgId])).rows as T[];
    const contacts = await rows<{ id: string; name: string; company: string | null; emails: string[]; email_rows: number; creates: number }>(`
      SELECT c.id, c.name, c.company, c.emails,
        (SELECT count(*)::int FROM contact_emails e WHERE e.org_id = c.org_id AND e.contact_id = c.id) AS email_rows,
        (SELECT count(*)::int FROM audit_log a WHERE a.org_id = c.org_id AND a.target_id = c.id::text AND a.action = 'contact.create') AS creates
      FROM contacts c WHERE c.org_id = $1`);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const byName = new Map(contacts.map((c) => [c.name, c]));
    const shares = await rows<{ id: string; contact_id: string }>('SELECT id, contact_id FROM contact_shares WHERE org_id = $1');
    const messages = await rows<{ id: string; contact_id: string; status: string | null }>(`SELECT id, contact_id, status FROM contact_events WHERE org_id = $1 AND kind = 'message'`);
    const audits = await rows<{ action: string; target_id: string; n: number }>(`
      SELECT action, target_id, count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action IN ('contact.share.create', 'contact.message') GROUP BY action, target_id`);
    const auditCount = (action: string, id: string) => audits.find((a) => a.action === action && a.target_id === id)?.n ?? 0;

    const lost: string[] = [];
    const halfApplied: string[] = [];
    for (const create of ledger.creates.filter((c) => c.acked)) if (!byId.has(create.id as string)) lost.push(`contact ${create.name} (${create.id})`);
    for (const contact of ledger.contacts) {
      const row = byId.get(contact.id);
      if (!row) continue;
      // The company now is that of the last acknowledged update, or of an update tried after it and not acknowledged.
      // (Everything after the last acknowledged one is unacknowledged by definition.)
      const lastAcked = contact.updates.map((u) => u.acked).lastIndexOf(true);
      const possible = lastAcked < 0 ? ['', ...contact.updates.map((u) => u.company)] : contact.updates.slice(lastAcked).map((u) => u.company);
      if (!possible.includes(row.company ?? '')) lost.push(`update of ${row.name}: company is ${JSON.stringify(row.company)}, expected one of ${JSON.stringify(possible)}`);
    }
    const shareIds = new Set(shares.map((s) => s.id));
    for (const share of ledger.shares) if (!shareIds.has(share.id)) lost.push(`share ${share.id}`);
    const messageIds = new Set(messages.map((m) => m.id));
    for (const message of ledger.messages) if (!messageIds.has(message.id)) lost.push(`message ${message.id}`);

    const attemptedNames = new Set(ledger.creates.map((c) => c.name));
    for (const row of contacts) {
      if (!attemptedNames.has(row.name)) halfApplied.push(`contact ${row.name} that no client created`);
      if (row.email_rows !== row.emails.length || row.emails.length !== 1) halfApplied.push(`contact ${row.name}: ${row.emails.length} e-mails, ${row.email_rows} e-mail rows`);
      if (row.creates !== 1) halfApplied.push(`contact ${row.name}: ${row.creates} contact.create audit entries`);
      const sharesOf = shares.filter((s) => s.contact_id === row.id).length;
      if (auditCount('contact.share.create', row.id) !== sharesOf) halfApplied.push(`contact ${row.name}: ${sharesOf} shares, ${auditCount('contact.share.create', row.id)} share audit entries`);
      const messagesOf = messages.filter((m) => m.contact_id === row.id).length;
      if (auditCount('contact.message', row.id) !== messagesOf) halfApplied.push(`contact ${row.name}: ${messagesOf} messages, ${auditCount('contact.message', row.id)} message audit entries`);
    }
    const queuedJobs = await rows<Verdict['queuedJobs'][number]>(`
      SELECT (extract(epoch FROM available_at - now()) * 1000)::int AS available_in_ms, attempts, lease IS NOT NULL AS leased, last_error
      FROM queue_jobs WHERE org_id = $1 ORDER BY available_at`);
    const unacknowledgedButCommitted = ledger.creates.filter((c) => !c.acked && byName.has(c.name)).length;
    return {
      acknowledged: {
        contacts: ledger.creates.filter((c) => c.acked).length,
        updates: ledger.contacts.reduce((sum, c) => sum + c.updates.filter((u) => u.acked).length, 0),
        shares: ledger.shares.length,
        messages: ledger.messages.length,
      },
      lost, halfApplied, unacknowledgedButCommitted,
      stillQueued: messages.filter((m) => m.status === 'queued').length,
      queuedJobs,
    };
  } finally {
    await client.end();
  }
}
