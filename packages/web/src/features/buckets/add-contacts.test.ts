import { describe, expect, it } from 'vitest';
import { addedMessage, nameList } from './add-contacts.ts';

describe('adding contacts to a bucket', () => {
  it('names a few contacts, then counts the rest', () => {
    expect(nameList([{ name: 'Liam' }])).toBe('Liam');
    expect(nameList([{ name: 'Liam' }, { name: 'Sofia' }])).toBe('Liam and Sofia');
    expect(nameList([{ name: 'Liam' }, { name: 'Sofia' }, { name: 'Yusuf' }, { name: 'Zoe' }])).toBe('Liam, Sofia and 2 more');
  });

  it('says how many went in and how many were there already', () => {
    expect(addedMessage('Key accounts', 3, 2, 5)).toBe('3 contacts added to Key accounts');
    expect(addedMessage('Key accounts', 3, 2, 4)).toBe('2 contacts added to Key accounts (1 already there)');
    expect(addedMessage('Key accounts', 1, 2, 2)).toBe('That contact was already in Key accounts');
  });
});
