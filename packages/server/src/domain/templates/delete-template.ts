// DELETE /templates/:id: `template.manage` (the owner or an admin). A template a program step sends cannot go (409
// TANDEM_TEMPLATE_IN_USE): the row is locked first, so a step added meanwhile waits and then finds it gone, and a
// step added before is seen. Its shares go with it. Audited `template.delete` with the template and its shares.
import type { ActorContext } from '@tandem/core';
import { AppError } from '../../errors.ts';
import { deleteHandShared } from '../../storage/hand-shared-queries.ts';
import { listSharesOf } from '../../storage/share-queries.ts';
import { isTemplateInUse } from '../../storage/template-queries.ts';
import { auditChange } from '../hand-shared/hand-shared-audit.ts';
import { shareSnapshot } from '../shares/share-snapshot.ts';
import type { Deps } from '../shared/deps.ts';
import { loadTemplateOrThrow, templateSnapshot } from './template-guard.ts';

export async function deleteTemplateAs(deps: Deps, ctx: ActorContext, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const template = await loadTemplateOrThrow(trx, ctx, id, 'manage', { forUpdate: true });
    const { orgId } = ctx.actor;
    if (await isTemplateInUse(trx, orgId, template.row.id)) {
      throw new AppError('TANDEM_TEMPLATE_IN_USE', `A program step sends "${template.row.name}"; remove that step (or its program) first.`);
    }
    const shares = await listSharesOf(trx, 'template_shares', orgId, template.row.id);
    await deleteHandShared(trx, 'template', orgId, template.row.id);
    await auditChange(trx, ctx, 'template.delete', 'template', template.row.id, {
      ...templateSnapshot(template), shares: shares.map((s) => shareSnapshot({ ...s, target: { key: 'templateId', id: template.row.id } })),
    }, null);
  });
}
