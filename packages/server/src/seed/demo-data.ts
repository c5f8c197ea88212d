// Demo data on first start: the org "Acme Care" of demo-data-cast.ts, which shows every kind of sharing (record
// shares with and without expiry, a team share, user grants, a shared bucket, archive and trash, messages sent on
// someone's behalf, shared templates, a shared pipeline and program: demo-data-playbooks.ts). Told through the domain's use cases, as the API would have written it: Ada signs up, adds her
// colleagues and teams, people add their contacts, share, grant, fill buckets, write to clients... Each step runs
// as its actor at its own time (`ctx.now` moves with the story), so rows, permission checks and audit entries are
// the API's own and cannot drift from it. All steps run in one transaction (one-transaction.ts): a failure leaves
// the database empty. Prints nothing.
import type { ActorContext } from '@tandem/core';
import { sql } from 'kysely';
import { signUp } from '../domain/accounts/sign-up.ts';
import { createCalendarItem } from '../domain/calendars/create-calendar-item.ts';
import { updateCalendarItemAs } from '../domain/calendars/update-calendar-item.ts';
import { addContactsToBucket } from '../domain/buckets/change-bucket-contacts.ts';
import { createBucket } from '../domain/buckets/create-bucket.ts';
import { shareBucket } from '../domain/buckets/share-bucket.ts';
import { archiveContact } from '../domain/contacts/archive-contact.ts';
import { createContact } from '../domain/contacts/create-contact.ts';
import { trashContact } from '../domain/contacts/trash-contact.ts';
import { createGrant } from '../domain/grants/create-grant.ts';
import { logHistoryEntry } from '../domain/history/log-entry.ts';
import { sendMessage } from '../domain/history/send-message.ts';
import { updateOrgBranding } from '../domain/org/update-branding.ts';
import type { Deps } from '../domain/shared/deps.ts';
import { createShare } from '../domain/shares/create-share.ts';
import { createTeam } from '../domain/teams/create-team.ts';
import { createUser } from '../domain/users/create-user.ts';
import { updateUser } from '../domain/users/update-user.ts';
import type { Db } from '../storage/connect.ts';
import { loadActorContext } from '../storage/load-actor-context.ts';
import {
  ADMIN_EXPORT_CHANNELS, ARCHIVED, DEMO_BILLING, DEMO_CALENDAR_ITEMS, DEMO_EVENTS, DEMO_GRANTS, DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_SHARES,
  DEMO_TEAMS, DEMO_USERS, KEY_ACCOUNTS, ORG_DAYS_AGO, PRIVATE_BUCKET, TEAMS_DAYS_AGO, TRASHED, demoContacts, demoEmail,
  type DemoUserKey,
} from './demo-data-cast.ts';
import { playbookSteps } from './demo-data-playbooks.ts';
import { joinOuterTransaction } from './one-transaction.ts';

export type DemoInfo = { adminEmail: string; password: string };

const DAY = 86_400_000;
/** Serialises two app nodes starting on one empty PostgreSQL at once. */
const DEMO_LOCK = 727_201;

export async function loadDemoDataIfEmpty(db: Db, now: number): Promise<DemoInfo | null> {
  if (await hasAnyOrg(db)) return null;
  const loaded = await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`.execute(trx);
    if (await hasAnyOrg(trx)) return false;
    await tellStory({ db: joinOuterTransaction(trx) }, now);
    return true;
  });
  return loaded ? { adminEmail: demoEmail('ada'), password: DEMO_PASSWORD } : null;
}

async function hasAnyOrg(db: Db): Promise<boolean> {
  return (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** What the story has made so far, by the cast's names. */
class Story {
  readonly users = new Map<DemoUserKey, string>();
  readonly teams = new Map<string, string>();
  readonly buckets = new Map<string, string>();
  contacts: string[] = [];

  constructor(readonly deps: Deps, readonly orgId: string, private readonly now: number) {}

  at(daysAgo: number): number {
    return this.now - daysAgo * DAY;
  }

  user(key: DemoUserKey): string {
    return found(this.users.get(key), `demo user ${key}`);
  }

  team(name: string): string {
    return found(this.teams.get(name), `demo team ${name}`);
  }

  bucket(name: string): string {
    return found(this.buckets.get(name), `demo bucket ${name}`);
  }

  contact(index: number): string {
    return found(this.contacts[index], `demo contact ${index}`);
  }

  /** `key` acting `daysAgo` days before now: loaded fresh for every step, so it sees every earlier step's effect. */
  async as(key: DemoUserKey, daysAgo: number): Promise<ActorContext> {
    const ctx = await loadActorContext(this.deps.db, this.orgId, this.user(key), this.at(daysAgo));
    return found(ctx ?? undefined, `demo actor ${key}`);
  }
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} missing`);
  return value;
}

/** One thing that happens in the story, `daysAgo` days before now. */
type Step = { daysAgo: number; run: (story: Story) => Promise<void> };

async function tellStory(deps: Deps, now: number): Promise<void> {
  const founded = now - ORG_DAYS_AGO * DAY;
  const ada = found(DEMO_USERS.find((u) => u.key === 'ada'), 'demo user ada');
  const { org, user } = await signUp(deps, { now: founded }, {
    orgName: DEMO_ORG_NAME, name: ada.name, email: demoEmail('ada'), password: DEMO_PASSWORD,
  });
  const story = new Story(deps, org.id, now);
  story.users.set('ada', user.id);
  // Steps run in the order of their times; steps at the same time in the order listed (the sort is stable).
  const steps = [...people(), ...contacts(), ...buckets(), ...shares(), ...grants(), ...archiveAndTrash(), ...history(), ...calendarItems(), ...playbookSteps()];
  steps.sort((a, b) => b.daysAgo - a.daysAgo);
  for (const step of steps) await step.run(story);
}

function people(): Step[] {
  const steps: Step[] = [{
    daysAgo: ORG_DAYS_AGO,
    run: async (s) => {
      const ada = await s.as('ada', ORG_DAYS_AGO);
      await updateOrgBranding(s.deps, ada, { billing: DEMO_BILLING });
      await updateUser(s.deps, ada, s.user('ada'), { exportChannels: [...ADMIN_EXPORT_CHANNELS] });
    },
  }, {
    daysAgo: ORG_DAYS_AGO,
    run: async (s) => {
      const ada = await s.as('ada', ORG_DAYS_AGO); // with the export channels she has just given herself
      for (const person of DEMO_USERS.filter((u) => u.key !== 'ada')) {
        const row = await createUser(s.deps, ada, { name: person.name, email: demoEmail(person.key), password: DEMO_PASSWORD, role: person.role });
        s.users.set(person.key, row.id);
      }
    },
  }, {
    daysAgo: TEAMS_DAYS_AGO,
    run: async (s) => {
      const ada = await s.as('ada', TEAMS_DAYS_AGO);
      for (const team of DEMO_TEAMS) {
        const row = await createTeam(s.deps, ada, { name: team.name, memberIds: team.members.map((key) => s.user(key)) });
        s.teams.set(team.name, row.id);
      }
    },
  }];
  for (const person of DEMO_USERS) {
    const daysAgo = person.leftDaysAgo;
    if (daysAgo === undefined) continue;
    steps.push({ daysAgo, run: async (s) => void (await updateUser(s.deps, await s.as('ada', daysAgo), s.user(person.key), { status: 'deactivated' })) });
  }
  return steps;
}

function contacts(): Step[] {
  return demoContacts().map((c) => ({
    daysAgo: c.daysAgo,
    run: async (s) => {
      const view = await createContact(s.deps, await s.as(c.owner, c.daysAgo), {
        name: c.name, company: c.company, title: c.title, emails: c.emails, phones: c.phones, tags: c.tags, address: c.address,
      });
      s.contacts[c.index] = view.row.id;
    },
  }));
}

/** A bucket made by its owner, who puts `contacts` in at once. */
async function makeBucket(s: Story, owner: ActorContext, name: string, contacts: readonly number[]): Promise<string> {
  const id = (await createBucket(s.deps, owner, name)).row.id;
  s.buckets.set(name, id);
  await addContactsToBucket(s.deps, owner, id, contacts.map((i) => s.contact(i)));
  return id;
}

function buckets(): Step[] {
  const key = KEY_ACCOUNTS;
  const first = key.contacts.filter((i) => !key.later.contacts.includes(i));
  return [{
    daysAgo: key.daysAgo,
    run: async (s) => {
      const owner = await s.as(key.owner, key.daysAgo);
      const id = await makeBucket(s, owner, key.name, first);
      await shareBucket(s.deps, owner, id, { grantee: { teamId: s.team(key.sharedWithTeam) }, level: key.level });
    },
  }, {
    daysAgo: key.later.daysAgo,
    run: async (s) => {
      const owner = await s.as(key.owner, key.later.daysAgo);
      await addContactsToBucket(s.deps, owner, s.bucket(key.name), key.later.contacts.map((i) => s.contact(i)));
    },
  }, {
    daysAgo: PRIVATE_BUCKET.daysAgo,
    run: async (s) => void (await makeBucket(s, await s.as(PRIVATE_BUCKET.owner, PRIVATE_BUCKET.daysAgo), PRIVATE_BUCKET.name, PRIVATE_BUCKET.contacts)),
  }];
}

/** Each record share is made by the contact's owner; an expiry is counted from now, so it may already have passed. */
function shares(): Step[] {
  const owners = demoContacts().map((c) => c.owner);
  return DEMO_SHARES.map((share) => ({
    daysAgo: share.daysAgo,
    run: async (s) => {
      const owner = await s.as(found(owners[share.contact], `owner of demo contact ${share.contact}`), share.daysAgo);
      const grantee = 'user' in share.grantee ? { userId: s.user(share.grantee.user) } : { teamId: s.team(share.grantee.team) };
      const expiresAt = share.expiresInDays === undefined ? null : new Date(s.at(-share.expiresInDays)).toISOString();
      await createShare(s.deps, owner, s.contact(share.contact), { grantee, level: share.level, expiresAt });
    },
  }));
}

/** Set by Ada on the Users page. */
function grants(): Step[] {
  return DEMO_GRANTS.map((grant) => ({
    daysAgo: grant.daysAgo,
    run: async (s) => {
      await createGrant(s.deps, await s.as('ada', grant.daysAgo), s.user(grant.owner), {
        grantee: { userId: s.user(grant.grantee) }, scope: grant.scope, level: grant.level,
      });
    },
  }));
}

/** By each contact's owner. */
function archiveAndTrash(): Step[] {
  const owners = demoContacts().map((c) => c.owner);
  const ownerOf = (index: number) => found(owners[index], `owner of demo contact ${index}`);
  return [
    ...ARCHIVED.map((a): Step => ({
      daysAgo: a.daysAgo,
      run: async (s) => void (await archiveContact(s.deps, await s.as(ownerOf(a.contact), a.daysAgo), s.contact(a.contact))),
    })),
    {
      daysAgo: TRASHED.daysAgo,
      run: async (s) => trashContact(s.deps, await s.as(ownerOf(TRASHED.contact), TRASHED.daysAgo), s.contact(TRASHED.contact)),
    },
  ];
}

/**
 * Notes and calls are the writer's own record; messages are sent on the owner's behalf (§6.5) and audited, stored as
 * already sent at their time: the story's history, never handed to the queue.
 */
function history(): Step[] {
  return DEMO_EVENTS.map((event) => ({
    daysAgo: event.daysAgo,
    run: async (s) => {
      const ctx = await s.as(event.by, event.daysAgo);
      const contactId = s.contact(event.contact);
      if (event.kind === 'message') await sendMessage(s.deps, ctx, contactId, { body: event.body, channel: event.channel }, { seeded: true });
      else await logHistoryEntry(s.deps, ctx, contactId, event.kind, event.body);
    },
  }));
}

/** Tasks and events, each made by its author on a calendar they may write on (their own, or an `edit` grant). */
function calendarItems(): Step[] {
  return DEMO_CALENDAR_ITEMS.map((item) => ({
    daysAgo: item.daysAgo,
    run: async (s) => {
      const ctx = await s.as(item.by, item.daysAgo);
      const today = Math.floor(s.at(0) / DAY) * DAY;
      const at = (t: { day: number; hour: number }) => new Date(today + t.day * DAY + t.hour * 3_600_000).toISOString();
      const times = item.kind === 'task'
        ? { dueAt: item.due ? at(item.due) : null }
        : { startsAt: at(item.start ?? { day: 0, hour: 9 }), endsAt: new Date(Date.parse(at(item.start ?? { day: 0, hour: 9 })) + (item.hours ?? 1) * 3_600_000).toISOString() };
      const view = await createCalendarItem(s.deps, ctx, {
        kind: item.kind, title: item.title, userId: s.user(item.calendar), ...times, allDay: item.allDay ?? false,
        notes: item.notes ?? null, contactId: item.contact === undefined ? null : s.contact(item.contact),
        ...(item.weekly ? { recurrence: { rule: item.weekly, timeZone: 'UTC' } } : {}),
      });
      if (item.done) await updateCalendarItemAs(s.deps, ctx, view.row.id, { done: true });
    },
  }));
}
