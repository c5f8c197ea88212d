import { MERGE_FIELDS } from '@tandem/api';
import { describe, expect, it } from 'vitest';
import { insertAt, MERGE_FIELD_CHOICES, unknownMergeFields } from './merge-fields.ts';

describe('merge fields', () => {
  it('offers every field the server accepts, as {{field}}', () => {
    expect(MERGE_FIELD_CHOICES.map((c) => c.token)).toEqual(MERGE_FIELDS.map((f) => `{{${f}}}`));
  });

  it('inserts at the caret and puts the caret after the field', () => {
    expect(insertAt('Hi , welcome', '{{contact.firstName}}', 3, 3)).toEqual({ text: 'Hi {{contact.firstName}}, welcome', caret: 24 });
  });

  it('replaces a selection', () => {
    expect(insertAt('Hi NAME!', '{{contact.name}}', 3, 7)).toEqual({ text: 'Hi {{contact.name}}!', caret: 19 });
  });

  it('appends when the field never had a caret or the positions are out of range', () => {
    expect(insertAt('Hello', '{{owner.name}}', null, null)).toEqual({ text: 'Hello{{owner.name}}', caret: 19 });
    expect(insertAt('Hello', 'X', 99, 99).text).toBe('HelloX');
    expect(insertAt('Hello', 'X', 2, 1).text).toBe('HeXllo');
  });

  it('names the {{...}} that are not merge fields, once each', () => {
    expect(unknownMergeFields('Hi {{contact.firstName}} {{ contact.name }} {{contact.email}} {{#if x}} {{contact.email}}')).toEqual(['{{contact.email}}', '{{#if x}}']);
    expect(unknownMergeFields('No fields at all')).toEqual([]);
    expect(unknownMergeFields('A literal \\{{not.a.field}} stays text')).toEqual([]);
  });
});
