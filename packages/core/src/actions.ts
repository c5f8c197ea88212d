// Actions and the level each needs, one table per resource (style.md, core rule 4). An action reads
// `<resource>.<verb>`; the prefix chooses the resource's rule set (casl's subject type). A few actions need a
// different level for admins or when a team switch is on; the tables say so. Unknown actions are denied.
import { assertNever } from './assert-never.ts';
import type { ActorContext, BucketFacts, CalendarItemFacts, ContactFacts, ContactState, HandSharedFacts } from './facts.ts';
import type { Level } from './levels.ts';
import { LIVE_STATES } from './rules.ts';

/** The resources the core governs. A new one needs its actions, facts, rules and requirement table here. */
export const RESOURCES = ['contact', 'bucket', 'calendar_item', 'template', 'pipeline', 'program'] as const;
/** The resources shared by hand (spec §6.6): one rule set, one requirement table, one share mechanism. */
export const HAND_SHARED = ['template', 'pipeline', 'program'] as const;
export type HandShared = (typeof HAND_SHARED)[number];
export type Resource = (typeof RESOURCES)[number];

export const CONTACT_ACTIONS = [
  'contact.view',
  'contact.readHistory',
  'contact.message',
  'contact.logNote',
  'contact.createTask',
  'contact.moveCard',
  'contact.enroll',
  'contact.edit',
  'contact.share',
  'contact.listShares',
  'contact.archive',
  'contact.delete',
  'contact.restore',
  'contact.reassign',
  'contact.export',
  'contact.explainOthers',
] as const satisfies readonly `contact.${string}`[];
export type ContactAction = (typeof CONTACT_ACTIONS)[number];

/** See the bucket; rename it and add or remove contacts; share, unshare and delete it (spec §6.2). */
export const BUCKET_ACTIONS = ['bucket.view', 'bucket.edit', 'bucket.manage'] as const satisfies readonly `bucket.${string}`[];
export type BucketAction = (typeof BUCKET_ACTIONS)[number];

/**
 * A task or event on a user's calendar (spec §7): read it; change it (title, times, done, notes, its contact link,
 * moving it away: moving also needs write on the new calendar), and creating one on that calendar; delete it.
 */
export const CALENDAR_ITEM_ACTIONS = [
  'calendar_item.view', 'calendar_item.edit', 'calendar_item.delete',
] as const satisfies readonly `calendar_item.${string}`[];
export type CalendarItemAction = (typeof CALENDAR_ITEM_ACTIONS)[number];

/**
 * A template, pipeline or program (spec §6.6): `view` sees and uses it (renders a template, reads a board, enrols in
 * a program), `edit` changes it (and a board's cards, with the card's contact's own rules), `manage` shares, unshares
 * and deletes it (the owner or an admin).
 */
export const TEMPLATE_ACTIONS = ['template.view', 'template.edit', 'template.manage'] as const;
export const PIPELINE_ACTIONS = ['pipeline.view', 'pipeline.edit', 'pipeline.manage'] as const;
export const PROGRAM_ACTIONS = ['program.view', 'program.edit', 'program.manage'] as const;
export type TemplateAction = (typeof TEMPLATE_ACTIONS)[number];
export type PipelineAction = (typeof PIPELINE_ACTIONS)[number];
export type ProgramAction = (typeof PROGRAM_ACTIONS)[number];
export type HandSharedAction = TemplateAction | PipelineAction | ProgramAction;
/** `view`, `edit` or `manage`: what a hand-shared action asks, whatever its resource. */
export type HandSharedVerb = 'view' | 'edit' | 'manage';

export type Action = ContactAction | BucketAction | CalendarItemAction | HandSharedAction;
export const ACTIONS_BY_RESOURCE: { readonly [R in Resource]: readonly ActionOf<R>[] } = {
  contact: CONTACT_ACTIONS,
  bucket: BUCKET_ACTIONS,
  calendar_item: CALENDAR_ITEM_ACTIONS,
  template: TEMPLATE_ACTIONS,
  pipeline: PIPELINE_ACTIONS,
  program: PROGRAM_ACTIONS,
};

/** `handSharedAction('pipeline', 'view')` → 'pipeline.view'. */
export function handSharedAction<R extends HandShared>(resource: R, verb: HandSharedVerb): ActionOf<R> {
  return `${resource}.${verb}` as ActionOf<R>;
}

/** Resource → its actions and the facts a decision on one record needs. */
type ResourceTypes = {
  contact: { action: ContactAction; facts: ContactFacts };
  bucket: { action: BucketAction; facts: BucketFacts };
  calendar_item: { action: CalendarItemAction; facts: CalendarItemFacts };
  template: { action: TemplateAction; facts: HandSharedFacts };
  pipeline: { action: PipelineAction; facts: HandSharedFacts };
  program: { action: ProgramAction; facts: HandSharedFacts };
};
export type ActionOf<R extends Resource> = ResourceTypes[R]['action'];
export type FactsOf<R extends Resource> = ResourceTypes[R]['facts'];
/** `contact.view` → ContactFacts: an action's prefix names its resource. */
export type ResourceOfAction<A extends Action> = A extends `${infer R extends Resource}.${string}` ? R : never;
export type FactsFor<A extends Action> = FactsOf<ResourceOfAction<A>>;

export type ParsedAction =
  | { resource: 'contact'; action: ContactAction }
  | { resource: 'bucket'; action: BucketAction }
  | { resource: 'calendar_item'; action: CalendarItemAction }
  | { resource: HandShared; action: HandSharedAction };

function isIn<T extends string>(list: readonly T[], name: string): name is T {
  return (list as readonly string[]).includes(name);
}

/** An action name from anywhere (a route, a job): its resource, or undefined for an unknown action (denied). */
export function parseAction(name: string): ParsedAction | undefined {
  if (isIn(CONTACT_ACTIONS, name)) return { resource: 'contact', action: name };
  if (isIn(BUCKET_ACTIONS, name)) return { resource: 'bucket', action: name };
  if (isIn(CALENDAR_ITEM_ACTIONS, name)) return { resource: 'calendar_item', action: name };
  if (isIn(TEMPLATE_ACTIONS, name)) return { resource: 'template', action: name };
  if (isIn(PIPELINE_ACTIONS, name)) return { resource: 'pipeline', action: name };
  if (isIn(PROGRAM_ACTIONS, name)) return { resource: 'program', action: name };
  return undefined;
}

export function resourceOf(name: string): Resource | undefined {
  return parseAction(name)?.resource;
}

export type Requirement = { minLevel: Level; states: ContactState[] };

const ALL_STATES: ContactState[] = ['active', 'archived', 'trashed'];

function adminOr(ctx: ActorContext, level: Level): Level {
  return ctx.actor.role === 'admin' ? 'profile' : level;
}

/** What a contact action needs from this actor. Admins hold `profile` on every contact, so "admin may" is `profile`. */
export function requirementFor(action: ContactAction, ctx: ActorContext): Requirement {
  switch (action) {
    case 'contact.view':
      return { minLevel: 'profile', states: ALL_STATES };
    case 'contact.readHistory':
    case 'contact.export':
      return { minLevel: 'view', states: LIVE_STATES };
    case 'contact.message':
    case 'contact.logNote':
    case 'contact.createTask':
    case 'contact.moveCard':
    case 'contact.enroll':
      return { minLevel: 'collaborate', states: LIVE_STATES };
    case 'contact.edit':
      return { minLevel: 'edit', states: LIVE_STATES };
    case 'contact.share':
    case 'contact.listShares':
    case 'contact.reassign':
      return { minLevel: adminOr(ctx, 'edit'), states: LIVE_STATES };
    case 'contact.archive':
    case 'contact.delete': {
      const memberLevel = ctx.settings.membersCanArchiveDeleteShared ? 'edit' : 'owner';
      return { minLevel: adminOr(ctx, memberLevel), states: LIVE_STATES };
    }
    case 'contact.restore':
      return { minLevel: adminOr(ctx, 'owner'), states: ['trashed'] };
    case 'contact.explainOthers':
      return { minLevel: adminOr(ctx, 'owner'), states: ALL_STATES };
    default:
      return assertNever(action);
  }
}

/**
 * What a bucket action needs. Admins hold `profile` on every bucket: they may see and manage it, not edit it (unless
 * a bucket share gives them `edit`). Buckets have no lifecycle states.
 */
export function bucketRequirementFor(action: BucketAction, ctx: ActorContext): { minLevel: Level } {
  switch (action) {
    case 'bucket.view':
      return { minLevel: 'profile' };
    case 'bucket.edit':
      return { minLevel: 'edit' };
    case 'bucket.manage':
      return { minLevel: adminOr(ctx, 'owner') };
    default:
      return assertNever(action);
  }
}

/**
 * What a calendar item action needs (spec §7): reading needs `view` on the item's calendar, everything else `edit`.
 * The owner of a calendar holds `owner` on its items; admins hold nothing by being admins.
 */
export function calendarItemRequirementFor(action: CalendarItemAction): { minLevel: Level } {
  switch (action) {
    case 'calendar_item.view':
      return { minLevel: 'view' };
    case 'calendar_item.edit':
    case 'calendar_item.delete':
      return { minLevel: 'edit' };
    default:
      return assertNever(action);
  }
}

/**
 * What a template, pipeline or program action needs (spec §6.6): `view` to use it, `edit` to change it, and the owner
 * or an admin to share, unshare or delete it. Admins hold `view` on every one of their org's (see rules.ts).
 */
export function handSharedRequirementFor(action: HandSharedAction, ctx: ActorContext): { minLevel: Level } {
  const verb = action.slice(action.indexOf('.') + 1) as HandSharedVerb;
  switch (verb) {
    case 'view':
      return { minLevel: 'view' };
    case 'edit':
      return { minLevel: 'edit' };
    case 'manage':
      return { minLevel: adminOr(ctx, 'owner') };
    default:
      return assertNever(verb);
  }
}
