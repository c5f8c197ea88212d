// What a caller may not see, decided by @tandem/core on facts the storage layer loads (as the server decides, but
// from the outside): contacts by `decide(ctx, 'contact.view', facts)`, buckets by computeBucketAccess, templates,
// pipelines and programs by computeHandSharedAccess, calendar items by computeCalendarLevel on their calendar, a
// card or enrolment with its contact and its pipeline or program, and everything of the other org. Each hidden
// record gives "secret" words (its id, name, title, e-mails) that no answer to that caller may contain.
import { computeBucketAccess, computeCalendarLevel, computeHandSharedAccess, decide, type ActorContext, type HandShared } from '@tandem/core';
import type { Db } from '../../../server/src/storage/connect.ts';
import { loadBucket } from '../../../server/src/storage/bucket-queries.ts';
import { loadContacts } from '../../../server/src/storage/contact-queries.ts';
import { loadHandShared } from '../../../server/src/storage/hand-shared-queries.ts';
import { loadActorContext } from '../../../server/src/storage/load-actor-context.ts';
import type { Caller, IsolationWorld, Named } from './isolation-world.ts';

export type Secret = { word: string; record: Named };
export type CallerView = { caller: Caller; ctx: ActorContext | null; hidden: Set<string>; secrets: Secret[]; visibleContacts: Set<string> };

const HAND: Record<string, HandShared> = { template: 'template', pipeline: 'pipeline', program: 'program' };

async function isHidden(db: Db, ctx: ActorContext, r: Named, hiddenIds: Set<string>, contacts: Map<string, boolean>): Promise<boolean> {
  if (r.orgId !== ctx.actor.orgId) return true;
  switch (r.kind) {
    case 'contact': return !contacts.get(r.id);
    case 'bucket': {
      const row = await loadBucket(db, r.orgId, r.id);
      return !row || computeBucketAccess(ctx, { id: r.id, orgId: r.orgId, ownerId: row.owner_id }).level === 'none';
    }
    case 'template':
    case 'pipeline':
    case 'program': {
      const record = await loadHandShared(db, HAND[r.kind] as HandShared, r.orgId, r.id);
      return !record || computeHandSharedAccess(ctx, HAND[r.kind] as HandShared, record.facts).level === 'none';
    }
    case 'calendarItem': return computeCalendarLevel(ctx, r.ref as string) === 'none';
    default: return false;
  }
}

export async function viewOf(db: Db, world: IsolationWorld, caller: Caller, now: number): Promise<CallerView> {
  const ctx = await loadActorContext(db, caller.orgId, caller.userId, now);
  const active = ctx !== null && ctx.actor.status === 'active';
  const hidden = new Set<string>();
  const visibleContacts = new Set<string>();
  if (active) {
    const facts = await loadContacts(db, ctx, world.records.filter((r) => r.kind === 'contact').map((r) => r.id));
    const contacts = new Map([...facts].map(([id, f]) => [id, decide(ctx, 'contact.view', f.facts).allowed]));
    for (const [id, ok] of contacts) if (ok) visibleContacts.add(id);
    for (const r of world.records) if (await isHidden(db, ctx, r, hidden, contacts)) hidden.add(r.id);
    // A card or an enrolment is hidden with its contact or with its pipeline or program.
    for (const r of world.records) {
      const contact = world.contactOf.get(r.id);
      if ((contact && hidden.has(contact)) || (r.ref && (r.kind === 'card' || r.kind === 'enrollment') && hidden.has(r.ref))) hidden.add(r.id);
    }
  } else {
    for (const r of world.records) hidden.add(r.id); // deactivated: nothing at all
  }
  const secrets = world.records.filter((r) => hidden.has(r.id)).flatMap((r) => [r.id, r.name, ...(r.extra ?? [])].map((word) => ({ word, record: r })));
  return { caller, ctx: active ? ctx : null, hidden, secrets, visibleContacts };
}

/** The secret words an answer contains, once what the request itself said (ids, search words) is taken out. */
export function leakedWords(view: CallerView, text: string, echoes: readonly string[]): Secret[] {
  let body = text;
  for (const e of echoes) if (e.length >= 6) body = body.split(e).join('');
  return view.secrets.filter((s) => body.includes(s.word));
}

/** An answer reduced to what must match between an invisible id and a missing one: status and body, ids masked. */
export function normalized(status: number, text: string, ids: readonly string[]): string {
  let body = text;
  for (const id of ids) body = body.split(id).join('<id>');
  return `${status} ${body}`;
}
