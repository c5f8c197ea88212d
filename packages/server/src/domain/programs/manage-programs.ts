// Programs' own use cases (spec §6.6): list, create, read, change and delete. A program is a hand-shared record
// (D31): `program.view` to see and use it, `program.edit` to change its name and steps, `program.manage` (owner or
// admin) to delete it. Every step's template must be one the caller may use (`template.view`), else 404 as for a
// missing template. Steps are replaced as a list. Each change is audited (`program.create | .update | .delete`).
import type { ActorContext } from '@tandem/core';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { deleteHandShared, insertHandShared, loadHandShared, touchHandShared } from '../../storage/hand-shared-queries.ts';
import { replaceProgramSteps, type NewStep } from '../../storage/program-queries.ts';
import type { Page } from '../contacts/list-contacts.ts';
import { auditChange } from '../hand-shared/hand-shared-audit.ts';
import { handSharedView, loadHandSharedOrThrow } from '../hand-shared/hand-shared-guard.ts';
import { listVisible } from '../hand-shared/list-hand-shared.ts';
import type { Deps } from '../shared/deps.ts';
import { toProgramView, toProgramViews, visibleTemplates, type ProgramView } from './program-view.ts';

export type NewProgramInput = { name: string; steps: NewStep[] };
export type ProgramPatchInput = { name?: string | undefined; steps?: NewStep[] | undefined };

/** What the audit log keeps of a program: its name and steps (never a template's text). */
function snapshot(view: ProgramView) {
  return { name: view.row.name, steps: view.steps.map((s) => ({ templateId: s.template_id, delayDays: s.delay_days, channel: s.channel })) };
}

const normalized = (steps: readonly NewStep[]): NewStep[] => steps.map((s) => ({ ...s, templateId: s.templateId.toLowerCase() }));

async function assertTemplatesUsable(db: Db, ctx: ActorContext, steps: readonly NewStep[]): Promise<void> {
  const visible = await visibleTemplates(db, ctx, steps.map((s) => s.templateId));
  const missing = steps.find((s) => !visible.has(s.templateId.toLowerCase()));
  if (missing) throw new AppError('TANDEM_TEMPLATE_NOT_FOUND', `Step ${steps.indexOf(missing) + 1}: no template you may use has this id.`);
}

export async function listPrograms(deps: Deps, ctx: ActorContext, limit: number, cursor?: string): Promise<Page<ProgramView>> {
  const page = await listVisible(deps, ctx, 'program', limit, cursor);
  return { items: await toProgramViews(deps.db, ctx, page.items), nextCursor: page.nextCursor };
}

export async function getProgram(deps: Deps, ctx: ActorContext, id: string): Promise<ProgramView> {
  return toProgramView(deps.db, ctx, await loadHandSharedOrThrow(deps.db, ctx, 'program', id, 'view'));
}

export async function createProgram(deps: Deps, ctx: ActorContext, given: NewProgramInput): Promise<ProgramView> {
  const input = { ...given, steps: normalized(given.steps) };
  return deps.db.transaction().execute(async (trx) => {
    await assertTemplatesUsable(trx, ctx, input.steps);
    const id = await insertHandShared(trx, 'program', ctx.actor.orgId, ctx.actor.userId, input.name, ctx.now);
    await replaceProgramSteps(trx, ctx.actor.orgId, id, input.steps);
    const record = await loadHandShared(trx, 'program', ctx.actor.orgId, id);
    if (!record) throw new Error('program vanished');
    const view = await toProgramView(trx, ctx, handSharedView(ctx, 'program', record));
    await auditChange(trx, ctx, 'program.create', 'program', id, null, snapshot(view));
    return view;
  });
}

export async function updateProgram(deps: Deps, ctx: ActorContext, id: string, given: ProgramPatchInput): Promise<ProgramView> {
  const patch = { ...given, steps: given.steps && normalized(given.steps) };
  return deps.db.transaction().execute(async (trx) => {
    const found = await loadHandSharedOrThrow(trx, ctx, 'program', id, 'edit', { forUpdate: true });
    const before = await toProgramView(trx, ctx, found);
    if (patch.steps) await assertTemplatesUsable(trx, ctx, patch.steps);
    const next = { name: patch.name ?? before.row.name, steps: patch.steps ?? snapshot(before).steps };
    if (isDeepStrictEqual(next, snapshot(before))) return before;
    if (patch.steps) await replaceProgramSteps(trx, ctx.actor.orgId, found.row.id, patch.steps);
    await touchHandShared(trx, 'program', ctx.actor.orgId, found.row.id, ctx.now, patch.name);
    const record = await loadHandShared(trx, 'program', ctx.actor.orgId, found.row.id);
    if (!record) throw new Error('program vanished');
    const after = await toProgramView(trx, ctx, handSharedView(ctx, 'program', record));
    await auditChange(trx, ctx, 'program.update', 'program', found.row.id, snapshot(before), snapshot(after));
    return after;
  });
}

/** Deletes the program with its steps, shares and enrolments; messages already queued by it stay in the histories. */
export async function deleteProgram(deps: Deps, ctx: ActorContext, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const found = await loadHandSharedOrThrow(trx, ctx, 'program', id, 'manage', { forUpdate: true });
    const before = await toProgramView(trx, ctx, found);
    await deleteHandShared(trx, 'program', ctx.actor.orgId, found.row.id);
    await auditChange(trx, ctx, 'program.delete', 'program', found.row.id, snapshot(before), null);
  });
}
