// The demo org "Acme Care": the cast of spec §11 (admin Ada; members Ben, Cat, Dan; team Sales = {Ben, Cat})
// plus Eve, Finn (team Support) and Gus (deactivated), and 60 contacts. Plain data; demo-data.ts tells it, step by
// step through the domain's use cases, in the order of its times. Times are days before `now` (negative: after), so
// the story reads the same whenever the server first starts. Every step must be one the API would allow at its time.
import { COMPANIES, FIRST_NAMES, LAST_NAMES, TAGS, TITLES, emailOf, phoneOf } from './demo-data-vocabulary.ts';

export const DEMO_PASSWORD = 'tandem-demo';
export const DEMO_ORG_NAME = 'Acme Care';

export type DemoUserKey = 'ada' | 'ben' | 'cat' | 'dan' | 'eve' | 'finn' | 'gus';
/** Ada signs "Acme Care" up and adds everyone else that day; she makes the teams the next day. */
export const ORG_DAYS_AGO = 120;
export const TEAMS_DAYS_AGO = 119;

/** Everyone joins on ORG_DAYS_AGO; someone with `leftDaysAgo` was deactivated by Ada that day. */
export type DemoUser = { key: DemoUserKey; name: string; role: 'admin' | 'member'; leftDaysAgo?: number };

export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'ada', name: 'Ada Lindqvist', role: 'admin' },
  { key: 'ben', name: 'Ben Okafor', role: 'member' },
  { key: 'cat', name: 'Cat Moreau', role: 'member' },
  { key: 'dan', name: 'Dan Whitfield', role: 'member' },
  { key: 'eve', name: 'Eve Santos', role: 'member' },
  { key: 'finn', name: 'Finn Gallagher', role: 'member' },
  { key: 'gus', name: 'Gus Ferreira', role: 'member', leftDaysAgo: 60 },
];

export function demoEmail(key: DemoUserKey): string {
  return `${key}@acme.example`;
}

/** Set by Ada right after signing up (Org settings page): billing details, and her own export channels. */
export const DEMO_BILLING = { contactName: 'Ada Lindqvist', email: demoEmail('ada'), address: '1 Care Street, Springfield' };
export const ADMIN_EXPORT_CHANNELS = ['csv', 'xlsx', 'vcard'] as const;

export const DEMO_TEAMS: readonly { name: string; members: DemoUserKey[] }[] = [
  { name: 'Sales', members: ['ben', 'cat'] },
  { name: 'Support', members: ['eve', 'finn'] },
];

/** Contact indexes by owner: Ben and Cat hold most of the book. */
const OWNERSHIP: readonly [DemoUserKey, number][] = [['ben', 24], ['cat', 20], ['dan', 6], ['eve', 5], ['finn', 3], ['ada', 2]];

/** Named contacts the story (and the tests) refer to, by index into the contact list. */
export const DEMO_CONTACT = {
  zoe: 0, // Ben's; shared with Cat (collaborate, expires in 7 days) and Dan (view): spec §11 examples 1–3
  bensOwn: 1, // Ben's alone: nobody else but admins (profile) sees it
  sharedWithSupport: 7, // Ben's; shared with team Support at view
  catsSharedWithBen: 27, // Cat's; shared with Ben at edit
  catsExpired: 28, // Cat's; was shared with Finn, expired 10 days ago
  evesSharedWithDan: 50, // Eve's; shared with Dan at collaborate
  dansFirst: 44, // Dan's; Eve sees Dan's contacts through a view grant
} as const;

/**
 * Ben's bucket: his best accounts and the one of Cat's he may edit (adding a contact needs `edit` on it, §6.2), which
 * he adds the day after Cat shares it with him (`later`); the others go in when he makes the bucket.
 */
export const KEY_ACCOUNTS = {
  name: 'Key accounts', owner: 'ben' as DemoUserKey, contacts: [2, 3, 4, 5, 6, 27], sharedWithTeam: 'Sales', level: 'collaborate' as const,
  daysAgo: 45, later: { contacts: [27], daysAgo: 24 },
};
export const PRIVATE_BUCKET = { name: 'Conference leads', owner: 'cat' as DemoUserKey, contacts: [30, 31, 32, 33], daysAgo: 30 };
export const ARCHIVED: readonly { contact: number; daysAgo: number }[] = [{ contact: 20, daysAgo: 12 }, { contact: 21, daysAgo: 9 }, { contact: 40, daysAgo: 8 }];
export const TRASHED = { contact: 43, daysAgo: 3 };

export type DemoShare = {
  contact: number; grantee: { user: DemoUserKey } | { team: string }; level: 'view' | 'collaborate' | 'edit';
  daysAgo: number; expiresInDays?: number;
};

export const DEMO_SHARES: readonly DemoShare[] = [
  { contact: DEMO_CONTACT.catsExpired, grantee: { user: 'finn' }, level: 'view', daysAgo: 40, expiresInDays: -10 },
  { contact: DEMO_CONTACT.zoe, grantee: { user: 'dan' }, level: 'view', daysAgo: 30 },
  { contact: DEMO_CONTACT.catsSharedWithBen, grantee: { user: 'ben' }, level: 'edit', daysAgo: 25 },
  { contact: DEMO_CONTACT.sharedWithSupport, grantee: { team: 'Support' }, level: 'view', daysAgo: 20 },
  { contact: DEMO_CONTACT.evesSharedWithDan, grantee: { user: 'dan' }, level: 'collaborate', daysAgo: 15 },
  { contact: DEMO_CONTACT.zoe, grantee: { user: 'cat' }, level: 'collaborate', daysAgo: 5, expiresInDays: 7 },
];

export type DemoGrant = { owner: DemoUserKey; grantee: DemoUserKey; scope: 'contacts' | 'calendar'; level: 'view' | 'edit'; daysAgo: number };

/** Set by Ada on the Users page. */
export const DEMO_GRANTS: readonly DemoGrant[] = [
  { owner: 'dan', grantee: 'eve', scope: 'contacts', level: 'view', daysAgo: 35 },
  { owner: 'cat', grantee: 'ben', scope: 'calendar', level: 'edit', daysAgo: 35 },
  // Vacation cover (spec §7): Cat schedules on Ben's calendar while he is away; Dan only looks at it.
  { owner: 'ben', grantee: 'cat', scope: 'calendar', level: 'edit', daysAgo: 6 },
  { owner: 'ben', grantee: 'dan', scope: 'calendar', level: 'view', daysAgo: 6 },
];

export type DemoEvent = {
  contact: number; kind: 'message' | 'note' | 'call'; by: DemoUserKey; body: string; daysAgo: number; channel?: 'email' | 'sms';
};

export const DEMO_EVENTS: readonly DemoEvent[] = [
  { contact: DEMO_CONTACT.zoe, kind: 'note', by: 'ben', body: 'Met Zoe at the regional care conference; interested in the team plan.', daysAgo: 40 },
  { contact: DEMO_CONTACT.zoe, kind: 'message', by: 'ben', channel: 'email', body: 'Great to meet you, Zoe. Attached is the overview we discussed.', daysAgo: 38 },
  { contact: DEMO_CONTACT.zoe, kind: 'call', by: 'ben', body: 'Call: walked through pricing; she will bring in their operations lead.', daysAgo: 21 },
  { contact: DEMO_CONTACT.zoe, kind: 'message', by: 'cat', channel: 'email', body: 'Hi Zoe, covering for Ben this week: the revised quote is attached.', daysAgo: 2 },
  { contact: DEMO_CONTACT.catsSharedWithBen, kind: 'message', by: 'ben', channel: 'email', body: 'Following up on the onboarding schedule Cat sent last week.', daysAgo: 6 },
  { contact: DEMO_CONTACT.catsSharedWithBen, kind: 'note', by: 'cat', body: 'Renewal due next quarter; Ben is handling the contract details.', daysAgo: 24 },
  { contact: 2, kind: 'call', by: 'ben', body: 'Quarterly check-in: happy with the service, asked about extra seats.', daysAgo: 18 },
  { contact: 24, kind: 'message', by: 'cat', channel: 'sms', body: 'Reminder: our review meeting is tomorrow at 10am.', daysAgo: 11 },
  { contact: 25, kind: 'note', by: 'cat', body: 'Decision maker is the CFO; send the case study before the next call.', daysAgo: 16 },
  { contact: DEMO_CONTACT.evesSharedWithDan, kind: 'message', by: 'dan', channel: 'email', body: 'Hello, Eve asked me to send over the support hours for your clinics.', daysAgo: 7 },
  { contact: DEMO_CONTACT.dansFirst, kind: 'call', by: 'dan', body: 'Call: set up a demo for their front-desk staff next Tuesday.', daysAgo: 9 },
  { contact: 52, kind: 'note', by: 'eve', body: 'Prefers phone over email; best reached in the mornings.', daysAgo: 14 },
];

export type DemoContact = {
  index: number; owner: DemoUserKey; name: string; company: string; title: string; emails: string[];
  phones: string[]; tags: string[]; address: string; daysAgo: number;
};

function ownerOf(index: number): DemoUserKey {
  let start = 0;
  for (const [owner, count] of OWNERSHIP) {
    if (index < start + count) return owner;
    start += count;
  }
  throw new RangeError(`no owner for demo contact ${index}`);
}

/** 60 contacts, each built from the vocabulary by its index (no randomness: the demo is the same everywhere). */
export function demoContacts(): DemoContact[] {
  const total = OWNERSHIP.reduce((sum, [, n]) => sum + n, 0);
  return Array.from({ length: total }, (_, i): DemoContact => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(i * 7) % LAST_NAMES.length] as string;
    const company = COMPANIES[i % COMPANIES.length] as (typeof COMPANIES)[number];
    const tags = [TAGS[i % TAGS.length] as string];
    if (KEY_ACCOUNTS.contacts.includes(i)) tags.push('vip');
    const phones = [phoneOf(company, 10 + i)];
    if (i % 3 === 0) phones.push(`+1 202 555 01${String(50 + (i % 50)).padStart(2, '0')}`);
    return {
      index: i, owner: ownerOf(i), name: `${first} ${last}`, company: company.name,
      title: TITLES[(i * 5) % TITLES.length] as string, emails: [emailOf(first, last, company.domain)], phones, tags,
      address: company.address, daysAgo: 110 - i,
    };
  });
}

/**
 * A task or event, made by `by` `daysAgo` days before now on `calendar`'s calendar. Its times are whole days from
 * today (UTC midnight) plus hours: `due` for a task, `start` and `hours` for an event (`allDay` spans whole days).
 */
export type DemoCalendarItem = {
  by: DemoUserKey; calendar: DemoUserKey; kind: 'task' | 'event'; title: string; daysAgo: number;
  due?: { day: number; hour: number }; start?: { day: number; hour: number }; hours?: number; allDay?: boolean;
  contact?: number; notes?: string; weekly?: string; done?: boolean;
};

export const DEMO_CALENDAR_ITEMS: readonly DemoCalendarItem[] = [
  { by: 'ben', calendar: 'ben', kind: 'event', title: 'Vacation', daysAgo: 20, start: { day: -2, hour: 0 }, hours: 7 * 24, allDay: true, notes: 'Cat covers my clients.' },
  { by: 'ben', calendar: 'ben', kind: 'task', title: 'Send Zoe the revised quote', daysAgo: 8, due: { day: -3, hour: 16 }, contact: DEMO_CONTACT.zoe },
  { by: 'ben', calendar: 'ben', kind: 'task', title: 'Prepare the quarterly review deck', daysAgo: 8 },
  { by: 'ben', calendar: 'ben', kind: 'task', title: 'Check extra seats for the key account', daysAgo: 17, due: { day: -10, hour: 12 }, contact: 2, done: true },
  { by: 'cat', calendar: 'ben', kind: 'task', title: 'Follow up with Zoe on the revised quote', daysAgo: 2, due: { day: 0, hour: 15 }, contact: DEMO_CONTACT.zoe, notes: 'Covering for Ben: she has the quote since Tuesday.' },
  { by: 'cat', calendar: 'ben', kind: 'event', title: 'Call with Zoe and her operations lead', daysAgo: 1, start: { day: 2, hour: 14 }, hours: 1, contact: DEMO_CONTACT.zoe },
  { by: 'cat', calendar: 'cat', kind: 'event', title: 'Sales pipeline review', daysAgo: 30, start: { day: -28, hour: 9 }, hours: 0.5, weekly: 'FREQ=WEEKLY' },
  { by: 'cat', calendar: 'cat', kind: 'task', title: 'Send the case study before the next call', daysAgo: 16, due: { day: 1, hour: 10 }, contact: 25 },
  { by: 'ben', calendar: 'cat', kind: 'task', title: 'Review the onboarding contract', daysAgo: 6, due: { day: 3, hour: 12 }, contact: DEMO_CONTACT.catsSharedWithBen },
  { by: 'dan', calendar: 'dan', kind: 'event', title: 'Front-desk demo', daysAgo: 9, start: { day: 1, hour: 13 }, hours: 1.5, contact: DEMO_CONTACT.dansFirst },
  { by: 'dan', calendar: 'dan', kind: 'task', title: 'Send the support hours summary', daysAgo: 7, due: { day: -1, hour: 17 }, contact: DEMO_CONTACT.evesSharedWithDan },
  { by: 'eve', calendar: 'eve', kind: 'task', title: 'Call back in the morning', daysAgo: 14, due: { day: 0, hour: 9 }, contact: 52 },
  { by: 'ada', calendar: 'ada', kind: 'event', title: 'Board meeting', daysAgo: 10, start: { day: 3, hour: 10 }, hours: 2 },
];
