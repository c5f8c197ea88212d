// Loads a template, pipeline or program the caller may see, or answers 404 exactly as for a missing or malformed id;
// then 403 when the caller may see it but not do the asked thing. Every answer is a core decision on the resource's
// action (`<resource>.view | .edit | .manage`, spec §6.6).
import {
  computeHandSharedAccess, decide, handSharedAction, type ActorContext, type HandShared, type HandSharedAccess, type HandSharedVerb,
} from '@tandem/core';
import type { ErrorCode } from '../../errors.ts';
import { AppError } from '../../errors.ts';
import type { Db } from '../../storage/connect.ts';
import { loadHandShared, type HandSharedRecord } from '../../storage/hand-shared-queries.ts';
import { withNames, type NamedSource } from '../contacts/explain-access.ts';
import { tallyDecision } from '../../observability/access-tally.ts';

export type HandSharedView = HandSharedRecord & { resource: HandShared; access: HandSharedAccess };

export const NOT_FOUND: Record<HandShared, ErrorCode> = {
  template: 'TANDEM_TEMPLATE_NOT_FOUND', pipeline: 'TANDEM_PIPELINE_NOT_FOUND', program: 'TANDEM_PROGRAM_NOT_FOUND',
};
const NOUN: Record<HandShared, string> = { template: 'template', pipeline: 'pipeline', program: 'program' };
const REFUSAL: Record<HandSharedVerb, (noun: string) => string> = {
  view: (noun) => `This ${noun} is not visible.`,
  edit: (noun) => `Changing this ${noun} needs edit on it: ask its owner to share it with you at edit.`,
  manage: (noun) => `Only the ${noun}'s owner or an admin may share or delete it.`,
};

export function handSharedView(ctx: ActorContext, resource: HandShared, record: HandSharedRecord): HandSharedView {
  return { ...record, resource, access: computeHandSharedAccess(ctx, resource, record.facts) };
}

/** The record if the caller may `verb` it; 404 when they cannot see it, 403 when they see it and may not. */
export async function loadHandSharedOrThrow(
  db: Db, ctx: ActorContext, resource: HandShared, id: string, verb: HandSharedVerb, options: { forUpdate?: boolean } = {},
): Promise<HandSharedView> {
  const record = await loadHandShared(db, resource, ctx.actor.orgId, id.toLowerCase(), options);
  const decision = record ? tallyDecision(handSharedAction(resource, verb), decide(ctx, handSharedAction(resource, verb), record.facts)) : null;
  if (!record || !decision?.visible) throw new AppError(NOT_FOUND[resource]);
  if (!decision.allowed) throw new AppError('TANDEM_ACCESS_FORBIDDEN', REFUSAL[verb](NOUN[resource]));
  return handSharedView(ctx, resource, record);
}

/** The views with their access sources' names (who shared, through which team): one query per kind for a whole page. */
export async function withSourceNames(db: Db, orgId: string, views: HandSharedView[]): Promise<NamedHandSharedView[]> {
  const named = await withNames(db, orgId, views.flatMap((v) => v.access.sources));
  let at = 0;
  return views.map((v) => {
    const sources = named.slice(at, at + v.access.sources.length);
    at += v.access.sources.length;
    return { ...v, access: { ...v.access, sources } };
  });
}

export type NamedHandSharedView = Omit<HandSharedView, 'access'> & { access: Omit<HandSharedAccess, 'sources'> & { sources: NamedSource[] } };
