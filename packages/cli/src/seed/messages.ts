// Communication history of CRM-N: `perContact` events per contact (70 % messages, 20 % notes, 10 % calls). The
// owner writes most; a user with a permanent collaborate share writes some, and their messages are recorded as
// sent on the owner's behalf (spec §6.5).
import { contactId, ownerIdOf, type ContactSpace } from './contacts.ts';
import type { Rng } from './prng.ts';
import type { ContactEventRow, UserRow } from './types.ts';

const DAY = 86_400_000;
const MESSAGES = [
  'Thanks for your time today; the summary of what we agreed is below.',
  'Following up on the quote we sent last week. Any questions so far?',
  'Reminder: our call is scheduled for tomorrow morning.',
  'Attached is the onboarding checklist for your team.',
  'Happy to set up a demo for your colleagues whenever suits.',
  'Your renewal is coming up next month; shall we review the plan?',
];
const NOTES = [
  'Prefers e-mail; decision maker is the operations lead.',
  'Budget approved for next quarter; follow up in three weeks.',
  'Asked about data export and single sign-on.',
  'Met at the trade fair; interested in the team plan.',
];
const CALLS = [
  'Call: walked through pricing, sending a revised quote.',
  'Call: no answer, left a voicemail.',
  'Call: agreed on a pilot with two locations.',
];

export type MessageSource = { space: ContactSpace; collaborators: ReadonlyMap<number, number>; perContact: number; now: number };

export function* contactEventRows(rng: Rng, src: MessageSource): Generator<ContactEventRow> {
  const { space, collaborators, perContact, now } = src;
  for (let i = 0; i < space.count; i++) {
    const owner = ownerIdOf(space, i);
    const collaborator = collaborators.get(i);
    const helper = collaborator === undefined ? null : (space.users[collaborator] as UserRow).id;
    const contact = contactId(space, i);
    for (let k = 0; k < perContact; k++) {
      const r = rng.next();
      const kind = r < 0.7 ? 'message' : r < 0.9 ? 'note' : 'call';
      const sender = helper !== null && rng.chance(0.3) ? helper : owner;
      yield {
        id: rng.uuid(), contact_id: contact, kind,
        body: rng.pick(kind === 'message' ? MESSAGES : kind === 'note' ? NOTES : CALLS),
        channel: kind === 'message' ? (rng.chance(0.8) ? 'email' : 'sms') : null,
        direction: kind === 'message' ? 'outbound' : null,
        sent_by: sender, on_behalf_of: kind === 'message' ? owner : null,
        created_at: new Date(now - rng.int(0, 365 * DAY)).toISOString(),
      };
    }
  }
}
