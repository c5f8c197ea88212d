// The audit page's filters as GET /audit's query (issue 10, defect 10: the server filters, not the browser). "What"
// is one action code or a group the server reads as a prefix ending in a dot; "From" and "To" are whole local days,
// sent as the instants that start the first and end the last.
import type { AuditListQuery } from '@tandem/api';
import { ACTION_LABEL, CATEGORY_LABEL, type AuditCategory } from './audit-text.ts';

export type AuditFilterInput = { actor: string; kind: string; from: string; to: string };
export const NO_AUDIT_FILTERS: AuditFilterInput = { actor: '', kind: '', from: '', to: '' };

export type AuditServerFilters = Pick<AuditListQuery, 'actorId' | 'action' | 'from' | 'to'>;

/** The groups of the "What" list: an action prefix each (the server matches every action under it). */
export const ACTION_GROUPS: { prefix: string; label: string; category: AuditCategory }[] = [
  { prefix: 'contact.', label: 'Any contact change (shares and messages too)', category: 'contacts' },
  { prefix: 'contact.share.', label: 'Any contact share change', category: 'sharing' },
  { prefix: 'grant.', label: 'Any grant change', category: 'sharing' },
  { prefix: 'bucket.', label: 'Any bucket change', category: 'sharing' },
  { prefix: 'calendar_item.', label: 'Any task or event change', category: 'calendars' },
  { prefix: 'template.', label: 'Any template change (shares too)', category: 'workflows' },
  { prefix: 'pipeline.', label: 'Any pipeline change (cards and shares too)', category: 'workflows' },
  { prefix: 'program.', label: 'Any program change (enrolments and shares too)', category: 'workflows' },
  { prefix: 'user.', label: 'Any user change', category: 'people' },
  { prefix: 'invitation.', label: 'Any invitation change', category: 'people' },
  { prefix: 'team.', label: 'Any team change', category: 'people' },
  { prefix: 'token.', label: 'Any API token change', category: 'people' },
  { prefix: 'org.', label: 'Any organisation change', category: 'organisation' },
];

/** The "What" list: per category, its groups and then its actions. */
export function kindOptions(): { category: AuditCategory; label: string; options: { value: string; label: string }[] }[] {
  return (Object.keys(CATEGORY_LABEL) as AuditCategory[])
    .map((category) => ({
      category,
      label: CATEGORY_LABEL[category],
      options: [
        ...ACTION_GROUPS.filter((g) => g.category === category).map((g) => ({ value: g.prefix, label: g.label })),
        ...Object.entries(ACTION_LABEL).filter(([, a]) => a.category === category).map(([code, a]) => ({ value: code, label: a.label })),
      ],
    }))
    .filter((group) => group.options.length > 0);
}

/** The start of a local day (`2026-01-05`) as an instant, `days` later. */
function dayStart(day: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days).toISOString();
}

/** Why the dates cannot be asked for, in words; null when they can. */
export function dateProblem(f: AuditFilterInput): string | null {
  return f.from && f.to && f.to < f.from ? 'The end date is before the start date.' : null;
}

/** The query GET /audit filters on; empty fields are left out. */
export function serverFilters(f: AuditFilterInput): AuditServerFilters {
  return {
    ...(f.actor ? { actorId: f.actor } : {}),
    ...(f.kind ? { action: f.kind } : {}),
    ...(f.from ? { from: dayStart(f.from) } : {}),
    ...(f.to ? { to: dayStart(f.to, 1) } : {}),
  };
}

export const isFiltered = (f: AuditFilterInput) => Boolean(f.actor || f.kind || f.from || f.to);
