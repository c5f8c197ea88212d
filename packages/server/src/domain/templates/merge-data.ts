// The merge data of a message written from a template (spec §6.5, §6.6): the contact, its owner at this moment
// (the message goes on the owner's behalf), and the caller as sender.
import type { ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { loadUser } from '../../storage/user-queries.ts';
import type { MergeData } from './render-template.ts';

export async function mergeDataFor(db: Db, ctx: ActorContext, contact: ContactWithFacts): Promise<MergeData> {
  const sender = await loadUser(db, ctx.actor.orgId, ctx.actor.userId);
  return {
    contact: { name: contact.row.name, company: contact.row.company },
    owner: { name: contact.ownerName },
    sender: { name: sender?.name ?? '' },
  };
}
