// POST /templates/:id/preview {contactId}: the template rendered for one contact, as the composer shows it before
// sending. `template.view` on the template and `contact.message` (collaborate) on the contact: the preview is for
// a message the caller could send (an invisible contact answers 404 as a missing one; a visible one the caller may
// not message, 403).
import type { ActorContext } from '@tandem/core';
import { loadContactOrThrow } from '../contacts/contact-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { mergeDataFor } from './merge-data.ts';
import { renderTemplate, type RenderedTemplate } from './render-template.ts';
import { loadTemplateOrThrow } from './template-guard.ts';

export async function previewTemplate(deps: Deps, ctx: ActorContext, id: string, contactId: string): Promise<RenderedTemplate> {
  const { db } = deps;
  const template = await loadTemplateOrThrow(db, ctx, id, 'view');
  const contact = await loadContactOrThrow(db, ctx, contactId, 'contact.message');
  return renderTemplate(template.content, await mergeDataFor(db, ctx, contact));
}
