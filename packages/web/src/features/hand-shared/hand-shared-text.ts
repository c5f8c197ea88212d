// Templates, pipelines and programs in words (spec §6.6, "shared by hand"): what their two share levels are called,
// what each gives, and one sentence on why the caller has the access they have (from `access.sources`).
import type { HandSharedAccessDto } from '@tandem/api';
import type { ShareLevel } from '../../api/models.ts';
import { formatDateTime } from '../../lib/format.ts';

export type HandSharedResource = 'template' | 'pipeline' | 'program';
export type HandSharedLevel = 'view' | 'edit';
export type HandSharedAccess = HandSharedAccessDto;
type Source = HandSharedAccess['sources'][number];

/** The levels a share of a template, pipeline or program gives, lowest first. */
export const HAND_SHARED_LEVEL_ORDER: ShareLevel[] = ['view', 'edit'];

/** Their names: a share at `view` lets one use it, at `edit` change it too. */
export const HAND_SHARED_LEVEL_LABEL: Record<HandSharedLevel, string> = { view: 'Can use', edit: 'Can change' };

export const RESOURCE_NOUN: Record<HandSharedResource, string> = { template: 'template', pipeline: 'pipeline', program: 'program' };

/** What each level allows on this kind of thing, for the level cards of the share dialog. */
export const HAND_SHARED_EXPLANATIONS: Record<HandSharedResource, Record<HandSharedLevel, string>> = {
  template: {
    view: 'Sees the template and uses it in their messages; cannot change it.',
    edit: 'Also changes its name, subject and body.',
  },
  pipeline: {
    view: 'Sees the board (only cards of contacts they can see) and moves or adds cards as their contact access allows.',
    edit: 'Also renames the pipeline and changes its stages.',
  },
  program: {
    view: 'Sees the program and enrols contacts they may message.',
    edit: 'Also changes its name and steps.',
  },
};

/** The label of a level as a share of these gives it; any higher level reads "Can change". */
export function handSharedLevelLabel(level: string): string {
  return level === 'view' ? HAND_SHARED_LEVEL_LABEL.view : HAND_SHARED_LEVEL_LABEL.edit;
}

function windowWords(source: Source): string {
  if (source.expiresAt) return ` until ${formatDateTime(source.expiresAt)}`;
  return '';
}

/** One clause per source: "You own it", "shared with you at Can change by Ben", "through team Sales at Can use". */
export function sourcePhrase(source: Source): string {
  switch (source.kind) {
    case 'owner':
      return 'You own it';
    case 'admin':
      return 'You are an admin';
    case 'record_share': {
      const by = source.grantedByName ? ` by ${source.grantedByName}` : '';
      const level = handSharedLevelLabel(source.level);
      const head = source.viaTeamId ? `Through team ${source.viaTeamName ?? '(removed team)'} at ${level}` : `Shared with you at ${level}`;
      return `${head}${by}${windowWords(source)}`;
    }
    default:
      // Contacts' other sources (grants, bucket shares, share-all) never reach these three; say something true anyway.
      return `You have ${handSharedLevelLabel(source.level)}`;
  }
}

const RANK: Record<Source['kind'], number> = { owner: 0, record_share: 1, admin: 2, user_grant: 3, bucket_share: 3, share_all: 3 };

/**
 * Why the caller has the access they have, in one sentence: the owner first, then shares (highest level first),
 * then the admin role. "You own it." / "Shared with you at Can change by Ben; you are an admin."
 */
export function accessSourcesSentence(access: Pick<HandSharedAccess, 'sources'>): string {
  if (access.sources.length === 0) return 'You have no access of your own to this.';
  const sorted = [...access.sources].sort((a, b) => RANK[a.kind] - RANK[b.kind] || (b.level === 'edit' ? 1 : 0) - (a.level === 'edit' ? 1 : 0));
  const phrases = sorted.map(sourcePhrase).map((p, i) => (i === 0 ? p : p.charAt(0).toLowerCase() + p.slice(1)));
  return `${phrases.join('; ')}.`;
}

/**
 * The caller's access in one or two words, for a list's "Your access" column: "Owner", "Can change", "Can use",
 * or "Admin" when the admin role is the only source (an admin sees and manages every one, at `view`).
 */
export function accessBadgeLabel(access: Pick<HandSharedAccess, 'level' | 'actions' | 'sources'>): string {
  if (access.level === 'owner') return 'Owner';
  if (access.sources.length > 0 && access.sources.every((s) => s.kind === 'admin')) return 'Admin';
  return access.actions.includes('edit') ? HAND_SHARED_LEVEL_LABEL.edit : HAND_SHARED_LEVEL_LABEL.view;
}
