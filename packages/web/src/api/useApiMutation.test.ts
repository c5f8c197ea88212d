import { describe, expect, it } from 'vitest';
import { canonicalJson, intentKeeper, newIdempotencyKey } from './useApiMutation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotency keys per user intent', () => {
  it('makes version 4 UUIDs', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(UUID);
  });

  it('keeps the key while the same input is sent again, and starts a new intent on other input or after a success', () => {
    const keeper = intentKeeper();
    const first = keeper.keyFor({ name: 'Zoe', emails: ['zoe@example.test'] });
    expect(keeper.keyFor({ emails: ['zoe@example.test'], name: 'Zoe' }), 'a retry of the same input').toBe(first);
    const other = keeper.keyFor({ name: 'Zoe Hartmann' });
    expect(other).not.toBe(first);
    keeper.done();
    expect(keeper.keyFor({ name: 'Zoe Hartmann' }), 'the same input after a success is a new intent').not.toBe(other);
  });

  it('reads objects the same whatever the order of their keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(canonicalJson(undefined)).toBe('undefined');
  });
});
