// Actions on contacts and the level each needs, in one table (style.md, core rule 4).
// A few actions need a different level for admins or when a team switch is on; the table says so.
import { assertNever } from './assert-never.ts';
import type { ActorContext, ContactState } from './facts.ts';
import type { Level } from './levels.ts';
import { LIVE_STATES } from './rules.ts';

export const CONTACT_ACTIONS = [
  'contact.view',
  'contact.readHistory',
  'contact.message',
  'contact.logNote',
  'contact.createTask',
  'contact.edit',
  'contact.share',
  'contact.listShares',
  'contact.archive',
  'contact.delete',
  'contact.restore',
  'contact.reassign',
  'contact.export',
  'contact.explainOthers',
] as const;
export type ContactAction = (typeof CONTACT_ACTIONS)[number];

export type Requirement = { minLevel: Level; states: ContactState[] };

const ALL_STATES: ContactState[] = ['active', 'archived', 'trashed'];

function adminOr(ctx: ActorContext, level: Level): Level {
  return ctx.actor.role === 'admin' ? 'profile' : level;
}

/** What an action needs from this actor. Admins hold `profile` on every contact, so "admin may" is `profile`. */
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
