import type { ShareLevel } from '../../api/models.ts';

/** What each level a share can give means, in one line (the share dialog shows these). */
export const SHARE_LEVELS: Record<ShareLevel, { label: string; explanation: string }> = {
  view: { label: 'View only', explanation: 'Sees the profile, conversation history and notes; cannot change anything.' },
  collaborate: { label: 'Collaborate', explanation: 'Also sends messages on the owner’s behalf and logs notes and calls.' },
  edit: { label: 'Edit', explanation: 'Also edits the details and shares the contact onward.' },
};

export const SHARE_LEVEL_ORDER: ShareLevel[] = ['view', 'collaborate', 'edit'];
