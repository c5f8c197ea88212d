import { describe, expect, it } from 'vitest';
import { ACTION_LABEL } from './audit-text.ts';
import { ACTION_GROUPS, dateProblem, kindOptions, NO_AUDIT_FILTERS, serverFilters } from './audit-filters.ts';

describe('audit filters as the server reads them', () => {
  it('leaves empty fields out and sends person, action or prefix as they are', () => {
    expect(serverFilters(NO_AUDIT_FILTERS)).toEqual({});
    expect(serverFilters({ ...NO_AUDIT_FILTERS, actor: 'system', kind: 'grant.' })).toEqual({ actorId: 'system', action: 'grant.' });
  });
  it('sends whole local days: from the start of From to the start of the day after To', () => {
    const { from, to } = serverFilters({ ...NO_AUDIT_FILTERS, from: '2026-01-05', to: '2026-01-05' });
    expect(new Date(from ?? '').getTime()).toBe(new Date(2026, 0, 5).getTime());
    expect(Date.parse(to ?? '') - Date.parse(from ?? '')).toBe(new Date(2026, 0, 6).getTime() - new Date(2026, 0, 5).getTime());
    expect(dateProblem({ ...NO_AUDIT_FILTERS, from: '2026-01-06', to: '2026-01-05' })).toMatch(/before/);
    expect(dateProblem({ ...NO_AUDIT_FILTERS, from: '2026-01-05', to: '2026-01-05' })).toBeNull();
  });
  it('offers every known action and every group, each group a prefix that covers an action it names', () => {
    const values = kindOptions().flatMap((g) => g.options.map((o) => o.value));
    for (const code of Object.keys(ACTION_LABEL)) expect(values).toContain(code);
    for (const g of ACTION_GROUPS) {
      expect(g.prefix.endsWith('.')).toBe(true);
      expect(Object.keys(ACTION_LABEL).some((code) => code.startsWith(g.prefix)), g.prefix).toBe(true);
    }
  });
});
