// A template the caller may `view | edit | manage` (404 when invisible, as missing; 403 when visible and refused),
// with its subject and body: the hand-shared guard (domain/hand-shared/) plus the template's own columns.
import type { ActorContext, HandSharedVerb } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import { loadTemplateContents, type TemplateContent } from '../../storage/template-queries.ts';
import { loadHandSharedOrThrow, withSourceNames, type HandSharedView, type NamedHandSharedView } from '../hand-shared/hand-shared-guard.ts';

export type TemplateView = HandSharedView & { content: TemplateContent };
export type NamedTemplateView = NamedHandSharedView & { content: TemplateContent };

export async function loadTemplateOrThrow(
  db: Db, ctx: ActorContext, id: string, verb: HandSharedVerb, options: { forUpdate?: boolean } = {},
): Promise<TemplateView> {
  const view = await loadHandSharedOrThrow(db, ctx, 'template', id, verb, options);
  const [named] = await withContents(db, ctx.actor.orgId, [view]);
  if (!named) throw new Error('template vanished inside its transaction');
  return named;
}

/** The views with their subject and body: one query for a whole page. */
export async function withContents<V extends HandSharedView | NamedHandSharedView>(db: Db, orgId: string, views: V[]): Promise<(V & { content: TemplateContent })[]> {
  const contents = await loadTemplateContents(db, orgId, views.map((v) => v.row.id));
  return views.flatMap((v) => {
    const content = contents.get(v.row.id);
    return content ? [{ ...v, content }] : [];
  });
}

/** A template as an answer needs it: access sources named, content attached. */
export async function namedTemplate(db: Db, orgId: string, view: TemplateView): Promise<NamedTemplateView> {
  const [named] = await withSourceNames(db, orgId, [view]);
  if (!named) throw new Error('template vanished');
  return { ...named, content: view.content };
}

/** What the audit log records of a template (before and after a change). */
export function templateSnapshot(view: TemplateView): Record<string, unknown> {
  return { name: view.row.name, ownerId: view.row.owner_id, subject: view.content.subject, body: view.content.body };
}
