// GET /templates: the templates the caller may see (owner, admin, active shares), by name, keyset paged; the list is
// the hand-shared one (domain/hand-shared/list-hand-shared.ts) with each template's subject and body.
import type { ActorContext } from '@tandem/core';
import type { Page } from '../contacts/list-contacts.ts';
import { withSourceNames } from '../hand-shared/hand-shared-guard.ts';
import { listVisible } from '../hand-shared/list-hand-shared.ts';
import type { Deps } from '../shared/deps.ts';
import { withContents, type NamedTemplateView } from './template-guard.ts';

export async function listTemplates(deps: Deps, ctx: ActorContext, limit: number, cursor?: string): Promise<Page<NamedTemplateView>> {
  const page = await listVisible(deps, ctx, 'template', limit, cursor);
  const named = await withSourceNames(deps.db, ctx.actor.orgId, page.items);
  return { items: await withContents(deps.db, ctx.actor.orgId, named), nextCursor: page.nextCursor };
}
