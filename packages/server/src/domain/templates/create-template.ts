// POST /templates {name, subject?, body}: a template owned by the caller, private until shared (spec §6.6). Its
// subject and body may use only the merge fields (400 TANDEM_TEMPLATE_INVALID otherwise). Audited `template.create`.
import type { ActorContext } from '@tandem/core';
import type { NewTemplate } from '@tandem/api';
import { insertTemplate } from '../../storage/template-queries.ts';
import { auditChange } from '../hand-shared/hand-shared-audit.ts';
import type { Deps } from '../shared/deps.ts';
import { assertTemplateValid } from './render-template.ts';
import { loadTemplateOrThrow, namedTemplate, templateSnapshot, type NamedTemplateView } from './template-guard.ts';

/** An empty subject is no subject: the message gets the default one. */
export function subjectOf(subject: string | null | undefined): string | null {
  return subject == null || subject.trim() === '' ? null : subject;
}

export async function createTemplate(deps: Deps, ctx: ActorContext, input: NewTemplate): Promise<NamedTemplateView> {
  const subject = subjectOf(input.subject);
  assertTemplateValid(subject, input.body);
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertTemplate(trx, ctx.actor.orgId, ctx.actor.userId, { name: input.name.trim(), subject, body: input.body }, ctx.now);
    const view = await loadTemplateOrThrow(trx, ctx, id, 'view');
    await auditChange(trx, ctx, 'template.create', 'template', id, null, templateSnapshot(view));
    return namedTemplate(trx, ctx.actor.orgId, view);
  });
}
