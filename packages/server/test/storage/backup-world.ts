// A small world with rows in every table, for the backup round trips (D50), holding the values a backup most easily
// gets wrong: a JSON null beside an SQL NULL, arrays with NULL elements, quotes, commas and backslashes, text with
// newlines and emoji (100 KB of them in one value, so they cross the reader's chunks), microseconds, year 1, infinity, a float that has no short decimal, numeric(14,2). Audit entries
// go through appendAudit (keyed hashes under the process's audit key), so the restored chain can be verified.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../../src/domain/audit/audit-chain.ts';
import type { Db } from '../../src/storage/connect.ts';

export const BACKUP_ORG = '00000001-0000-4000-8000-00000000b001';
const id = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const [ADA, BO] = [id(2, 1), id(2, 2)];
const TEAM = id(3, 1);
const [C1, C2, C3] = [id(4, 1), id(4, 2), id(4, 3)];

/** The world's rows, table by table (parents first), in org `o`. */
function statements(o: string): string[] {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    `INSERT INTO orgs (id, name, billing, inbound_secret) VALUES (${q(o)}, 'Acme ''Backup'' Ltd', '{"plan": "team", "seats": 5, "note": null}', 'in-secret')`,
    `INSERT INTO users (org_id, id, name, email, password_hash, role, export_channels, sms_line) VALUES
      (${q(o)}, ${q(ADA)}, 'Ada Lovelace', 'ada@backup.example', 'x', 'admin', '{csv,xlsx}', '+15550100'),
      (${q(o)}, ${q(BO)}, 'Bo "Quote" Li', 'bo@backup.example', 'x', 'member', '{}', NULL)`,
    `INSERT INTO teams (org_id, id, name) VALUES (${q(o)}, ${q(TEAM)}, 'Sales, EMEA')`,
    `INSERT INTO team_members (org_id, team_id, user_id) VALUES (${q(o)}, ${q(TEAM)}, ${q(BO)})`,
    `INSERT INTO contacts (org_id, id, owner_id, name, sort_name, company, emails, phones, tags, address, archived_at, created_at) VALUES
      (${q(o)}, ${q(C1)}, ${q(ADA)}, 'Zoë Ærøskøbing 🚀', 'zoe aeroskobing', 'Back\\slash & Co', '{zoe@a.example,"z,oe@b.example"}', '{+4512345678}', ARRAY['vip', NULL, 'a "quoted" tag', 'comma,tag'], E'line 1\\nline 2\\ttab', NULL, '2026-01-05 09:00:00.123456+00'),
      (${q(o)}, ${q(C2)}, ${q(BO)}, 'Old Record', 'old record', NULL, '{}', '{}', '{}', repeat('Zoë 🚀 Ærø ', 9000), '0001-01-01 00:00:00+00', '0001-01-01 00:00:00+00'),
      (${q(o)}, ${q(C3)}, ${q(ADA)}, 'Dup Email', 'dup email', NULL, '{zoe@a.example}', '{}', '{}', NULL, NULL, '2026-01-04 23:59:59.999999+00')`,
    `INSERT INTO contact_shares (org_id, id, contact_id, grantee_user_id, level, expires_at, created_by) VALUES (${q(o)}, ${q(id(5, 1))}, ${q(C1)}, ${q(BO)}, 3, '2027-01-01 00:00:00.000001+00', ${q(ADA)})`,
    `INSERT INTO user_grants (org_id, id, owner_id, grantee_team_id, scope, level) VALUES (${q(o)}, ${q(id(6, 1))}, ${q(ADA)}, ${q(TEAM)}, 'calendar', 2)`,
    `INSERT INTO buckets (org_id, id, owner_id, name) VALUES (${q(o)}, ${q(id(7, 1))}, ${q(ADA)}, 'Key accounts')`,
    `INSERT INTO bucket_contacts (org_id, bucket_id, contact_id, added_by) VALUES (${q(o)}, ${q(id(7, 1))}, ${q(C1)}, ${q(ADA)}), (${q(o)}, ${q(id(7, 1))}, ${q(C3)}, NULL)`,
    `INSERT INTO bucket_shares (org_id, id, bucket_id, grantee_team_id, level) VALUES (${q(o)}, ${q(id(8, 1))}, ${q(id(7, 1))}, ${q(TEAM)}, 4)`,
    `INSERT INTO sessions (org_id, id, user_id, kind, name, token_hash, scope) VALUES (${q(o)}, ${q(id(10, 1))}, ${q(ADA)}, 'api', 'ci token', 'th1', 'read')`,
    `INSERT INTO calendar_items (org_id, id, assignee_id, kind, title, contact_id, starts_at, ends_at, recurrence, time_zone, reminder_minutes, range_start, range_end, created_by) VALUES
      (${q(o)}, ${q(id(9, 1))}, ${q(ADA)}, 'event', 'Weekly sync', ${q(C1)}, '2026-01-05 10:00:00+00', '2026-01-05 10:30:00+00', 'FREQ=WEEKLY', 'Europe/Berlin', '{10,1440}', '2026-01-05 10:00:00+00', 'infinity', ${q(ADA)})`,
    `INSERT INTO calendar_feeds (org_id, id, holder_id, calendar_user_id, token_hash) VALUES (${q(o)}, ${q(id(11, 1))}, ${q(BO)}, ${q(ADA)}, 'feed-hash')`,
    `INSERT INTO calendar_reminders_sent (org_id, id, item_id, occurrence_at, minutes, assignee_id, status, created_at) VALUES (${q(o)}, ${q(id(12, 1))}, ${q(id(9, 1))}, '2026-01-12 10:00:00+00', 10, ${q(ADA)}, 'sent', '2026-01-12 09:50:00+00')`,
    `INSERT INTO templates (org_id, id, owner_id, name, subject, body) VALUES (${q(o)}, ${q(id(13, 1))}, ${q(ADA)}, 'Hello', 'Hi {{name}}', E'Dear {{name}},\\n\\nwelcome.')`,
    `INSERT INTO template_shares (org_id, id, template_id, grantee_user_id, level) VALUES (${q(o)}, ${q(id(14, 1))}, ${q(id(13, 1))}, ${q(BO)}, 2)`,
    `INSERT INTO pipelines (org_id, id, owner_id, name) VALUES (${q(o)}, ${q(id(15, 1))}, ${q(ADA)}, 'Deals')`,
    `INSERT INTO pipeline_shares (org_id, id, pipeline_id, grantee_team_id, level) VALUES (${q(o)}, ${q(id(16, 1))}, ${q(id(15, 1))}, ${q(TEAM)}, 4)`,
    `INSERT INTO pipeline_stages (org_id, id, pipeline_id, name, position) VALUES (${q(o)}, ${q(id(17, 1))}, ${q(id(15, 1))}, 'Lead', 0)`,
    `INSERT INTO pipeline_cards (org_id, id, pipeline_id, stage_id, contact_id, title, value, expected_close_on, position, created_by) VALUES
      (${q(o)}, ${q(id(18, 1))}, ${q(id(15, 1))}, ${q(id(17, 1))}, ${q(C1)}, 'Big one', 123456789012.34, '0001-01-01', 0.1 + 0.2, ${q(ADA)}),
      (${q(o)}, ${q(id(18, 2))}, ${q(id(15, 1))}, ${q(id(17, 1))}, ${q(C3)}, 'Tiny', -0.01, NULL, 1e-300, ${q(ADA)})`,
    `INSERT INTO programs (org_id, id, owner_id, name) VALUES (${q(o)}, ${q(id(19, 1))}, ${q(ADA)}, 'Onboarding')`,
    `INSERT INTO program_shares (org_id, id, program_id, grantee_user_id, level) VALUES (${q(o)}, ${q(id(20, 1))}, ${q(id(19, 1))}, ${q(BO)}, 2)`,
    `INSERT INTO program_steps (org_id, id, program_id, position, template_id, delay_days, channel) VALUES (${q(o)}, ${q(id(21, 1))}, ${q(id(19, 1))}, 0, ${q(id(13, 1))}, 3, 'email')`,
    `INSERT INTO program_enrollments (org_id, id, program_id, contact_id, enrolled_by, status, next_step_at) VALUES (${q(o)}, ${q(id(22, 1))}, ${q(id(19, 1))}, ${q(C1)}, ${q(ADA)}, 'active', '2026-01-08 09:00:00+00')`,
    `INSERT INTO contact_events (org_id, id, contact_id, kind, body, channel, sent_by, direction, subject, status, created_at, template_id, enrollment_id, program_step) VALUES
      (${q(o)}, ${q(id(23, 1))}, ${q(C1)}, 'message', E'Hello\\r\\nthere 👋', 'email', ${q(ADA)}, 'outbound', 'Hi', 'sent', '2026-01-05 09:30:00.5+00', ${q(id(13, 1))}, ${q(id(22, 1))}, 0),
      (${q(o)}, ${q(id(23, 2))}, ${q(C1)}, 'note', 'A note', NULL, ${q(BO)}, NULL, NULL, NULL, '2026-01-05 09:31:00+00', NULL, NULL, NULL),
      (${q(o)}, ${q(id(23, 3))}, ${q(C3)}, 'message', 'Reply', 'sms', NULL, 'inbound', NULL, NULL, '2026-01-05 09:32:00+00', NULL, NULL, NULL)`,
    `INSERT INTO invitations (org_id, id, email, name, role, token_hash, invited_by, created_at, expires_at) VALUES (${q(o)}, ${q(id(24, 1))}, 'cy@backup.example', 'Cy', 'member', 'inv-hash', ${q(ADA)}, '2026-01-05 09:00:00+00', '2026-01-12 09:00:00+00')`,
    `INSERT INTO password_resets (org_id, id, user_id, token_hash, requested_by, created_at, expires_at) VALUES (${q(o)}, ${q(id(25, 1))}, ${q(BO)}, 'reset-hash', ${q(ADA)}, '2026-01-05 09:00:00+00', '2026-01-05 10:00:00+00')`,
    `INSERT INTO idempotency_keys (org_id, user_id, key, request_hash, status, response, created_at) VALUES
      (${q(o)}, ${q(ADA)}, 'Key-B', 'rh', 201, 'null', '2026-01-05 09:00:00+00'),
      (${q(o)}, ${q(ADA)}, 'key-a', 'rh', NULL, NULL, '2026-01-05 09:00:00+00'),
      (${q(o)}, ${q(ADA)}, 'Äkey', 'rh', 200, '{"ok": true, "list": [1, 2.50, "x"]}', '2026-01-05 09:00:00+00')`,
    `INSERT INTO queue_jobs (org_id, id, queue, payload, available_at, max_attempts, created_at) VALUES (${q(o)}, ${q(id(26, 1))}, 'mail', '{"to": "ada@backup.example"}', '2026-01-05 09:00:00+00', 5, '2026-01-05 09:00:00+00')`,
    `INSERT INTO sms_outbox (org_id, id, message_id, from_line, to_number, body, created_at) VALUES (${q(o)}, ${q(id(27, 1))}, ${q(id(23, 3))}, '+15550100', '+4512345678', 'Hi', '2026-01-05 09:00:00+00')`,
    `INSERT INTO inbound_deliveries (org_id, digest, received_at) VALUES (${q(o)}, 'digest-Z', '2026-01-05 09:00:00+00'), (${q(o)}, 'digest-a', '2026-01-05 09:00:00+00')`,
    `INSERT INTO inbound_unmatched (org_id, id, channel, reason, from_address, to_address, body, received_at) VALUES (${q(o)}, ${q(id(28, 1))}, 'email', 'unknown_sender', 'x@y.example', 'in@backup.example', 'Who?', '2026-01-05 09:00:00+00')`,
    `INSERT INTO integrations (org_id, id, user_id, provider, settings, credentials, created_at, updated_at) VALUES (${q(o)}, ${q(id(29, 1))}, ${q(ADA)}, 'mailchimp', '{"listId": "abc"}', 'v1:sealed-not-a-real-secret', '2026-01-05 09:00:00+00', '2026-01-05 09:00:00+00')`,
    `INSERT INTO sync_runs (org_id, id, integration_id, user_id, provider, status, cursor, created_at) VALUES
      (${q(o)}, ${q(id(30, 1))}, ${q(id(29, 1))}, ${q(ADA)}, 'mailchimp', 'succeeded', 'null', '2026-01-05 09:00:00+00'),
      (${q(o)}, ${q(id(30, 2))}, ${q(id(29, 1))}, ${q(ADA)}, 'mailchimp', 'queued', NULL, '2026-01-05 09:01:00+00')`,
    `INSERT INTO sync_links (org_id, integration_id, contact_id, remote_id, remote_version, content_hash, synced_at) VALUES (${q(o)}, ${q(id(29, 1))}, ${q(C1)}, 'remote-1', NULL, 'ch', '2026-01-05 09:00:00+00')`,
  ];
}

/** Tables that hold no org's rows (sign-in throttling, D46) get one row each too, when the schema has them. */
async function unscopedRows(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'`.execute(db);
  const has = new Set(rows.map((r) => r.name));
  if (has.has('rate_limit_counters')) await sql`INSERT INTO rate_limit_counters (key, hits, window_ends_at) VALUES ('sign-in:127.0.0.1', 3, '2026-01-05 09:15:00+00')`.execute(db);
  if (has.has('sign_in_failures')) await sql`INSERT INTO sign_in_failures (email, failures, window_ends_at, locked_until) VALUES ('bo@backup.example', 2, '2026-01-05 09:15:00+00', NULL)`.execute(db);
}

/** Writes the world into a migrated, empty database. */
export async function seedBackupWorld(db: Db, now = Date.parse('2026-01-05T09:00:00Z')): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of statements(BACKUP_ORG)) await sql.raw(statement).execute(trx);
    await unscopedRows(trx);
  });
  // The audit chain, entry by entry as the app writes it (keyed hashes, D45).
  for (let i = 0; i < 4; i++) {
    await db.transaction().execute((trx) => appendAudit(trx, {
      orgId: BACKUP_ORG, actorId: i === 0 ? null : ADA, action: `contact.update`, targetType: 'contact', targetId: C1,
      before: i === 1 ? null : { name: 'Zoë', n: i }, after: { name: `Zoë ${i} 🚀`, tags: ['a', null] }, at: now + i * 1000 + 0.5,
    }));
  }
  // An org whose chain began before keyed hashes (migration 0017 recorded its last plain entry); not this world's org.
  await sql`INSERT INTO audit_unkeyed_heads (org_id, seq, hash) VALUES (${id(1, 0xdead)}, 7, ${createHash('sha256').update('legacy').digest('hex')})`.execute(db);
}

export const BACKUP_ADMIN = { id: ADA, email: 'ada@backup.example' };
