import { describe, expect, it } from 'vitest';
import { bulkReport, refusalReason } from './bulk-report.ts';

const names: Record<string, string> = { a: 'Liam Novak', b: 'Sofia Brandt', c: 'Yusuf Demir', d: 'Aiko Tanaka' };
const nameOf = (id: string) => names[id];

describe('bulk report', () => {
  it('says what was done when nothing was refused', () => {
    expect(bulkReport('archive', { done: ['a', 'b'], refused: [] }, nameOf)).toEqual({ summary: '2 contacts archived', reasons: [], refusedIds: [] });
    expect(bulkReport('share', { done: ['a'], refused: [] }, nameOf).summary).toBe('1 contact shared');
  });

  it('names one reason in the summary: "12 done, 3 refused: you need Edit on them"', () => {
    const r = bulkReport('share', { done: ['a'], refused: [{ id: 'b', code: 'TANDEM_ACCESS_FORBIDDEN' }, { id: 'c', code: 'TANDEM_ACCESS_FORBIDDEN' }] }, nameOf);
    expect(r).toEqual({ summary: '1 done, 2 refused: you need Edit on them (Sofia Brandt and Yusuf Demir)', reasons: [], refusedIds: ['b', 'c'] });
  });

  it('lists several reasons, one line each; an id it cannot name is counted, not named', () => {
    const r = bulkReport('archive', {
      done: [], refused: [{ id: 'a', code: 'TANDEM_CONTACT_WRONG_STATE' }, { id: 'x', code: 'TANDEM_CONTACT_NOT_FOUND' }, { id: 'd', code: 'TANDEM_ACCESS_FORBIDDEN' }],
    }, nameOf);
    expect(r.summary).toBe('0 done, 3 refused');
    expect(r.reasons).toEqual(['1: they are already archived (Liam Novak)', '1: you can no longer see them', '1: only their owner or an admin may do this (Aiko Tanaka)']);
  });

  it('words each code for each action', () => {
    expect(refusalReason('reassign', 'TANDEM_ACCESS_FORBIDDEN')).toBe('you may not give them to this person');
    expect(refusalReason('restore', 'TANDEM_CONTACT_WRONG_STATE')).toBe('they are not in the trash');
    expect(refusalReason('share', 'TANDEM_SHARE_GRANTEE_IS_OWNER')).toBe('the person you chose owns them');
    expect(refusalReason('reassign', 'TANDEM_USER_INACTIVE')).toBe('the new owner is deactivated');
    expect(refusalReason('addTag', 'TANDEM_SOMETHING_NEW')).toBe('the server refused them');
  });
});
