// Programs (spec §6.6, migration 0014, docs/decisions.md D34): their steps, their enrolments, and what the program
// runner claims, sends and records. Which enrolments a caller sees is the compiled `contact.view` policy of
// @tandem/core rendered on the joined contact (`contactBinding`), never a clause written here; the program itself is
// a hand-shared record (hand-shared-queries.ts).
import type { ListPolicy, ShareFact } from '@tandem/core';
import { sql, type SqlBool } from 'kysely';
import type { Db } from './connect.ts';
import { loadHandSharedShares } from './hand-shared-queries.ts';
import { isUuid } from './ids.ts';
import { contactBinding, renderPolicy } from './render-filter.ts';

export type StepChannel = 'email' | 'sms';
export type StepRow = {
  program_id: string; position: number; template_id: string; delay_days: number; channel: StepChannel;
  template_name: string; template_owner_id: string;
};
export type NewStep = { templateId: string; delayDays: number; channel: StepChannel };

/** The steps of some programs, in order, with their template's name and owner: one query for a whole page. */
export async function loadProgramSteps(db: Db, orgId: string, programIds: readonly string[]): Promise<Map<string, StepRow[]>> {
  const out = new Map<string, StepRow[]>(programIds.map((id) => [id, []]));
  if (programIds.length === 0) return out;
  const rows = await db.selectFrom('program_steps as s')
    .innerJoin('templates as t', (j) => j.onRef('t.org_id', '=', 's.org_id').onRef('t.id', '=', 's.template_id'))
    .select(['s.program_id', 's.position', 's.template_id', 's.delay_days', 's.channel', 't.name as template_name', 't.owner_id as template_owner_id'])
    .where('s.org_id', '=', orgId).where('s.program_id', 'in', [...programIds])
    .orderBy('s.program_id').orderBy('s.position').execute();
  for (const row of rows) out.get(row.program_id)?.push(row);
  return out;
}

/** Templates of the org by id with their owner and shares, for the core's `template.view`; absent ids are left out. */
export async function loadTemplateFacts(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, { ownerId: string; shares: ShareFact[] }>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const out = new Map<string, { ownerId: string; shares: ShareFact[] }>();
  if (wanted.length === 0) return out;
  const rows = await db.selectFrom('templates').select(['id', 'owner_id']).where('org_id', '=', orgId).where('id', 'in', wanted).execute();
  const shares = await loadHandSharedShares(db, 'template', orgId, rows.map((r) => r.id));
  for (const row of rows) out.set(row.id, { ownerId: row.owner_id, shares: shares.get(row.id) ?? [] });
  return out;
}

/** Replaces a program's steps with `steps`, in order. */
export async function replaceProgramSteps(trx: Db, orgId: string, programId: string, steps: readonly NewStep[]): Promise<void> {
  await trx.deleteFrom('program_steps').where('org_id', '=', orgId).where('program_id', '=', programId).execute();
  if (steps.length === 0) return;
  await trx.insertInto('program_steps').values(steps.map((s, position) => ({
    org_id: orgId, program_id: programId, position, template_id: s.templateId.toLowerCase(), delay_days: s.delayDays, channel: s.channel,
  }))).execute();
}

export type EnrollmentStatusValue = 'active' | 'paused' | 'stopped' | 'completed';
export type StatusCounts = Record<EnrollmentStatusValue, number>;
const noCounts = (): StatusCounts => ({ active: 0, paused: 0, stopped: 0, completed: 0 });

/** Per program, its enrolments by status, counting only those whose contact `contactView` (compiled `contact.view`) lets through. */
export async function countEnrollments(db: Db, orgId: string, programIds: readonly string[], contactView: ListPolicy): Promise<Map<string, StatusCounts>> {
  const out = new Map<string, StatusCounts>(programIds.map((id) => [id, noCounts()]));
  if (programIds.length === 0 || contactView.kind === 'denied') return out;
  const rows = await db.selectFrom('program_enrollments as e')
    .innerJoin('contacts as ec', (j) => j.onRef('ec.org_id', '=', 'e.org_id').onRef('ec.id', '=', 'e.contact_id'))
    .select(['e.program_id', 'e.status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('e.org_id', '=', orgId).where('e.program_id', 'in', [...programIds])
    .where(renderPolicy(contactView, contactBinding('ec'), orgId))
    .groupBy(['e.program_id', 'e.status']).execute();
  for (const row of rows) {
    const counts = out.get(row.program_id);
    if (counts) counts[row.status] = Number(row.n);
  }
  return out;
}

export type EnrollmentRow = {
  id: string; org_id: string; program_id: string; contact_id: string; contact_name: string; enrolled_by: string; enrolled_by_name: string;
  status: EnrollmentStatusValue; next_step: number; next_step_at: Date | null; stopped_reason: string | null; stopped_at: Date | null;
  created_at: Date; at_key: string;
};

const AT_KEY = sql<string>`to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function enrollmentRows(db: Db, orgId: string) {
  return db.selectFrom('program_enrollments as e')
    .innerJoin('contacts as ec', (j) => j.onRef('ec.org_id', '=', 'e.org_id').onRef('ec.id', '=', 'e.contact_id'))
    .innerJoin('users as eu', (j) => j.onRef('eu.org_id', '=', 'e.org_id').onRef('eu.id', '=', 'e.enrolled_by'))
    .select([
      'e.id', 'e.org_id', 'e.program_id', 'e.contact_id', 'ec.name as contact_name', 'e.enrolled_by', 'eu.name as enrolled_by_name',
      'e.status', 'e.next_step', 'e.next_step_at', 'e.stopped_reason', 'e.stopped_at', 'e.created_at', AT_KEY.as('at_key'),
    ])
    .where('e.org_id', '=', orgId);
}

/** One enrolment of the org, with its contact's and enroller's names; null for a missing or malformed id. */
export async function loadEnrollment(db: Db, orgId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<EnrollmentRow | null> {
  if (!isUuid(id)) return null;
  let query = enrollmentRows(db, orgId).where('e.id', '=', id.toLowerCase());
  if (options.forUpdate) query = query.forUpdate('e');
  return (await query.executeTakeFirst()) ?? null;
}

/** Enrolments by id (just written), in the order asked. */
export async function loadEnrollments(db: Db, orgId: string, ids: readonly string[]): Promise<EnrollmentRow[]> {
  if (ids.length === 0) return [];
  const rows = await enrollmentRows(db, orgId).where('e.id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * One keyset page, oldest first, of a program's enrolments whose contact `contactView` (the compiled `contact.view`)
 * lets through; up to `limit + 1`.
 */
export async function listEnrollments(
  db: Db, orgId: string, programId: string, contactView: ListPolicy, options: { status?: EnrollmentStatusValue | undefined; limit: number; after?: { at: string; id: string } | undefined },
): Promise<EnrollmentRow[]> {
  if (contactView.kind === 'denied') return [];
  let query = enrollmentRows(db, orgId).where('e.program_id', '=', programId).where(renderPolicy(contactView, contactBinding('ec'), orgId));
  if (options.status) query = query.where('e.status', '=', options.status);
  const { after } = options;
  if (after) query = query.where(sql<SqlBool>`(e.created_at, e.id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('e.created_at').orderBy('e.id').limit(options.limit + 1).execute();
}

/**
 * Enrols contacts in a program, active with the first step due at `firstAt`. A contact already active or paused in
 * it is skipped by the unique index (so two racing enrolments make one); the answer names the contacts enrolled now.
 */
export async function insertEnrollments(
  trx: Db, orgId: string, programId: string, contactIds: readonly string[], enrolledBy: string, firstAt: number, now: number,
): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  const rows = await trx.insertInto('program_enrollments').values(contactIds.map((contactId) => ({
    org_id: orgId, program_id: programId, contact_id: contactId, enrolled_by: enrolledBy, status: 'active' as const,
    next_step: 0, next_step_at: new Date(firstAt), created_at: new Date(now), updated_at: new Date(now),
  })))
    .onConflict((oc) => oc.columns(['org_id', 'program_id', 'contact_id']).where('status', 'in', ['active', 'paused']).doNothing())
    .returning(['id', 'contact_id']).execute();
  return new Map(rows.map((r) => [r.contact_id, r.id]));
}

export type EnrollmentChange = {
  status: EnrollmentStatusValue; nextStep?: number; nextStepAt: number | null; stoppedReason?: string | null; stoppedAt?: number | null;
};

export async function updateEnrollment(trx: Db, orgId: string, id: string, change: EnrollmentChange, now: number): Promise<void> {
  await trx.updateTable('program_enrollments').set({
    status: change.status,
    next_step_at: change.nextStepAt === null ? null : new Date(change.nextStepAt),
    ...(change.nextStep !== undefined ? { next_step: change.nextStep } : {}),
    ...(change.stoppedReason !== undefined ? { stopped_reason: change.stoppedReason } : {}),
    ...(change.stoppedAt !== undefined ? { stopped_at: change.stoppedAt === null ? null : new Date(change.stoppedAt) } : {}),
    updated_at: new Date(now),
  }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

// ---- The runner ---------------------------------------------------------------------------------------------------

/** Active enrolments whose next step is due, of every org, earliest first (the due index; no lock: see lockDueEnrollment). */
export async function findDueEnrollments(db: Db, now: number, limit: number): Promise<{ org_id: string; id: string }[]> {
  return db.selectFrom('program_enrollments').select(['org_id', 'id'])
    .where('status', '=', 'active').where('next_step_at', '<=', new Date(now))
    .orderBy('next_step_at').orderBy('id').limit(limit).execute();
}

export type DueEnrollment = {
  org_id: string; id: string; program_id: string; contact_id: string; enrolled_by: string; next_step: number;
};

/**
 * Locks one enrolment for its step while it is still active and due; null when another runner holds it (SKIP LOCKED)
 * or it is no longer due (that runner sent the step and moved it on, or a user paused or stopped it).
 */
export async function lockDueEnrollment(trx: Db, orgId: string, id: string, now: number): Promise<DueEnrollment | null> {
  const row = await trx.selectFrom('program_enrollments')
    .select(['org_id', 'id', 'program_id', 'contact_id', 'enrolled_by', 'next_step'])
    .where('org_id', '=', orgId).where('id', '=', id).where('status', '=', 'active').where('next_step_at', '<=', new Date(now))
    .forUpdate().skipLocked().executeTakeFirst();
  return row ?? null;
}

/** A step with its template's text (null when the template is gone). */
export type StepToSend = { position: number; delay_days: number; channel: StepChannel; template_id: string; subject: string | null; body: string | null; template_exists: boolean };

export async function loadStepsToSend(db: Db, orgId: string, programId: string): Promise<StepToSend[]> {
  const rows = await db.selectFrom('program_steps as s')
    .leftJoin('templates as t', (j) => j.onRef('t.org_id', '=', 's.org_id').onRef('t.id', '=', 's.template_id'))
    .select(['s.position', 's.delay_days', 's.channel', 's.template_id', 't.subject', 't.body', 't.id as found_id'])
    .where('s.org_id', '=', orgId).where('s.program_id', '=', programId).orderBy('s.position').execute();
  return rows.map(({ found_id, ...row }) => ({ ...row, template_exists: found_id !== null }));
}

export async function loadUserName(db: Db, orgId: string, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('name').where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
  return row?.name ?? null;
}

export type ProgramMessage = {
  orgId: string; contactId: string; channel: StepChannel; subject: string | null; body: string; fromAddress: string | null; toAddress: string;
  sentBy: string; onBehalfOf: string; templateId: string; enrollmentId: string; programStep: number;
};

/**
 * Stores a program step's message `queued`, as a person's send stores it (history-queries.ts `insertEvent`), with the
 * template, enrolment and step. A step already stored (the unique (enrollment_id, program_step) index) stores
 * nothing and answers null: a step goes out once.
 */
export async function insertProgramMessage(trx: Db, message: ProgramMessage, now: number): Promise<string | null> {
  const row = await trx.insertInto('contact_events').values({
    org_id: message.orgId, contact_id: message.contactId, kind: 'message', body: message.body, channel: message.channel, direction: 'outbound',
    sent_by: message.sentBy, on_behalf_of: message.onBehalfOf, created_at: new Date(now),
    subject: message.subject, status: 'queued', from_address: message.fromAddress, to_address: message.toAddress, sent_at: null,
    template_id: message.templateId, enrollment_id: message.enrollmentId, program_step: message.programStep,
  })
    .onConflict((oc) => oc.columns(['org_id', 'enrollment_id', 'program_step']).where('enrollment_id', 'is not', null).doNothing())
    .returning('id').executeTakeFirst();
  return row?.id ?? null;
}
