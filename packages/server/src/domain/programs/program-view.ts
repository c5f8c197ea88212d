// What a program answer shows besides its hand-shared parts: its steps, each naming its template only when the caller
// may see that template (`template.view`; a program shared with you does not share its templates), and its
// enrolments counted by status over the contacts the caller sees (the compiled `contact.view`, as the list).
import { compileFilter, decide, type ActorContext } from '@tandem/core';
import type { Db } from '../../storage/connect.ts';
import {
  countEnrollments, loadProgramSteps, loadTemplateFacts, type StatusCounts, type StepRow,
} from '../../storage/program-queries.ts';
import { withSourceNames, type HandSharedView, type NamedHandSharedView } from '../hand-shared/hand-shared-guard.ts';

export type ProgramStepView = StepRow & { templateVisible: boolean };
export type ProgramView = NamedHandSharedView & { steps: ProgramStepView[]; counts: StatusCounts };

/** The template ids among `ids` the caller may see (template.view); the others are absent or hidden alike. */
export async function visibleTemplates(db: Db, ctx: ActorContext, ids: readonly string[]): Promise<Set<string>> {
  const facts = await loadTemplateFacts(db, ctx.actor.orgId, ids);
  const visible = new Set<string>();
  for (const [id, f] of facts) {
    if (decide(ctx, 'template.view', { id, orgId: ctx.actor.orgId, ownerId: f.ownerId, shares: f.shares }).allowed) visible.add(id);
  }
  return visible;
}

/** The answers for a page of programs: a few queries whatever the page's size. */
export async function toProgramViews(db: Db, ctx: ActorContext, views: HandSharedView[]): Promise<ProgramView[]> {
  const orgId = ctx.actor.orgId;
  const ids = views.map((v) => v.row.id);
  const [named, steps, counts] = [
    await withSourceNames(db, orgId, views),
    await loadProgramSteps(db, orgId, ids),
    await countEnrollments(db, orgId, ids, compileFilter(ctx, 'contact.view')),
  ];
  const templates = await visibleTemplates(db, ctx, [...steps.values()].flat().map((s) => s.template_id));
  return named.map((view) => ({
    ...view,
    steps: (steps.get(view.row.id) ?? []).map((s) => ({ ...s, templateVisible: templates.has(s.template_id) })),
    counts: counts.get(view.row.id) ?? { active: 0, paused: 0, stopped: 0, completed: 0 },
  }));
}

export async function toProgramView(db: Db, ctx: ActorContext, view: HandSharedView): Promise<ProgramView> {
  const [out] = await toProgramViews(db, ctx, [view]);
  if (!out) throw new Error('program view vanished');
  return out;
}
