// The composer's message from a template (POST /contacts/:id/messages with `templateId`, spec §6.5–6.6): the caller
// needs `template.view` (404 TANDEM_TEMPLATE_NOT_FOUND when they cannot see it, as missing). Without `body` the server
// renders the template for the contact (its owner now, the caller as sender); with one, the body goes as written
// (the composer showed the rendered text for editing). An e-mail without a subject takes the template's, rendered.
import type { ActorContext } from '@tandem/core';
import type { MessageChannel } from '@tandem/api';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { mergeDataFor } from './merge-data.ts';
import { renderTemplate } from './render-template.ts';
import { loadTemplateOrThrow } from './template-guard.ts';

/** A message's limits (@tandem/api history.ts: the body and subject schemas of the composer). */
export const MESSAGE_BODY_MAX = 10_000;
export const MESSAGE_SUBJECT_MAX = 300;

export type ComposerInput = { body?: string | undefined; subject?: string | undefined; templateId?: string | undefined };
export type ComposedMessage = { body: string; subject: string | undefined; templateId: string | null };

export async function composeMessage(db: Db, ctx: ActorContext, contact: ContactWithFacts, channel: MessageChannel, input: ComposerInput): Promise<ComposedMessage> {
  if (input.templateId === undefined) {
    if (input.body === undefined) throw new AppError('TANDEM_INPUT_INVALID', 'body: write a message, or name a template with templateId');
    return { body: input.body, subject: input.subject, templateId: null };
  }
  const template = await loadTemplateOrThrow(db, ctx, input.templateId, 'view');
  const rendered = renderTemplate(template.content, await mergeDataFor(db, ctx, contact));
  const body = input.body ?? rendered.text.trim();
  if (body === '') throw new AppError('TANDEM_INPUT_INVALID', `body: "${template.row.name}" renders to an empty message for this contact; write the body.`);
  if (body.length > MESSAGE_BODY_MAX) throw new AppError('TANDEM_INPUT_INVALID', `body: "${template.row.name}" renders to more than ${MESSAGE_BODY_MAX} characters for this contact.`);
  const templateSubject = channel === 'email' && rendered.subject ? rendered.subject.slice(0, MESSAGE_SUBJECT_MAX) : undefined;
  return { body, subject: input.subject ?? templateSubject, templateId: template.row.id };
}
