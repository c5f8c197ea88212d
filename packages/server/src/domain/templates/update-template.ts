// PATCH /templates/:id {name?, subject?, body?}: `template.edit` (the owner, or an `edit` share; an admin alone only
// views, docs/permissions.md). The result must still use only the merge fields (400). Audited `template.update` with
// before and after; a change that changes nothing writes no entry and keeps `updatedAt`.
import type { ActorContext } from '@tandem/core';
import type { TemplatePatch } from '@tandem/api';
import { isDeepStrictEqual } from 'node:util';
import { updateTemplate } from '../../storage/template-queries.ts';
import { auditChange } from '../hand-shared/hand-shared-audit.ts';
import type { Deps } from '../shared/deps.ts';
import { subjectOf } from './create-template.ts';
import { assertTemplateValid } from './render-template.ts';
import { loadTemplateOrThrow, namedTemplate, templateSnapshot, type NamedTemplateView } from './template-guard.ts';

export async function updateTemplateAs(deps: Deps, ctx: ActorContext, id: string, patch: TemplatePatch): Promise<NamedTemplateView> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadTemplateOrThrow(trx, ctx, id, 'edit', { forUpdate: true });
    const next = {
      name: patch.name?.trim() ?? before.row.name,
      subject: patch.subject === undefined ? before.content.subject : subjectOf(patch.subject),
      body: patch.body ?? before.content.body,
    };
    assertTemplateValid(next.subject, next.body);
    const unchanged = next.name === before.row.name && next.subject === before.content.subject && next.body === before.content.body;
    if (unchanged) return namedTemplate(trx, ctx.actor.orgId, before);
    await updateTemplate(trx, ctx.actor.orgId, before.row.id, next, ctx.now);
    const after = await loadTemplateOrThrow(trx, ctx, before.row.id, 'view');
    const [b, a] = [templateSnapshot(before), templateSnapshot(after)];
    if (!isDeepStrictEqual(b, a)) await auditChange(trx, ctx, 'template.update', 'template', before.row.id, b, a);
    return namedTemplate(trx, ctx.actor.orgId, after);
  });
}
