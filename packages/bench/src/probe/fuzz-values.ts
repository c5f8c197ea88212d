// fast-check arbitraries for the fuzzer: values that fit a JSON schema of the OpenAPI document (so a request gets
// past the first check and reaches deeper code), and hostile ones (wrong types, NUL bytes, lone surrogates, huge
// strings and numbers, out-of-range dates, deep nesting, other orgs' ids).
import fc from 'fast-check';
import type { Schema } from './openapi-ops.ts';

/** Ids a request may name: the caller's org's records, another org's, and ids that exist nowhere. */
export type IdPool = { own: readonly string[]; foreign: readonly string[] };

/** Text spliced into the JSON body as written (deep nesting, literals JSON.stringify cannot write). */
export class RawJson {
  constructor(readonly text: string) {}
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const FAR_DATES = [
  '0000-01-01T00:00:00Z', '0001-01-01T00:00:00-14:00', '9999-12-31T23:59:59+14:00', '9999-12-31T23:59:59-14:00', '10000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T25:00:00Z', '2026-01-01T00:00:00+99:00',
  '2026-01-01', '1969-12-31T23:59:59.9999999999Z', '2026-01-05T09:00:00.000000001Z', '1970-01-01T00:00:00Z', 'now', '',
];
const NUMBERISH = ['-1', '0', '-0', '1e400', '-1e400', '99999999999999999999', '9007199254740993', '2147483648', 'NaN', 'Infinity', '1.5', '0x10', ' 5', '5 ', '1_000', '١٢'];

export const uuidArb = fc.uuid();

export function idArb(pool: IdPool): fc.Arbitrary<string> {
  const choices: fc.Arbitrary<string>[] = [uuidArb];
  if (pool.own.length) choices.push(fc.constantFrom(...pool.own), fc.constantFrom(...pool.own));
  if (pool.foreign.length) choices.push(fc.constantFrom(...pool.foreign), fc.constantFrom(...pool.foreign));
  return fc.oneof(...choices);
}

export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('a\u0000b', '\u0000', '\ud800', 'x\udfffy', '\udc00\ud800', '', ' ', '\t\n', '\u202eevil', '%00', '%ED%A0%80', '../../etc/passwd',
    "'; DROP TABLE contacts; --", '{"$ne":null}', '<script>alert(1)</script>', '\uFEFF', 'Ａ'.repeat(300), '😀'.repeat(600), ...FAR_DATES, ...NUMBERISH),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', 'a', 'é', '\u0301'), maxLength: 30 }),
  fc.integer({ min: 201, max: 300_000 }).map((n) => 'x'.repeat(n)),
);

export const hostileNumberArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 5e-324, Number.MAX_SAFE_INTEGER),
  fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '1e-400').map((t) => new RawJson(t)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

function deep(depth: number, open: string, close: string): RawJson {
  return new RawJson(open.repeat(depth) + close.repeat(depth));
}

export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileStringArb },
  { weight: 3, arbitrary: hostileNumberArb },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [null], { '': 1 }, new RawJson('{"__proto__":{"admin":true}}'), new RawJson('{"constructor":{"prototype":{"x":1}}}')) },
  { weight: 1, arbitrary: fc.constantFrom(16, 1_000, 20_000).map((d) => deep(d, '[', ']')) },
  { weight: 1, arbitrary: fc.constantFrom(16, 1_000, 10_000).map((d) => new RawJson(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`)) },
  { weight: 1, arbitrary: fc.integer({ min: 21, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => `x${i}`)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const looksLikeId = (name: string) => /id$|ids$/i.test(name);

/** A value that fits `schema` (patterns aside), with ids from the pool for fields named like ids. */
export function validArb(schema: Schema, name: string, pool: IdPool): fc.Arbitrary<unknown> {
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length) return fc.oneof(...alternatives.map((s) => validArb(s, name, pool)));
  if (Array.isArray(schema.enum) && schema.enum.length) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (looksLikeId(name)) return idArb(pool);
      if (schema.format === 'date-time') return fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'date') return fc.constantFrom('2026-01-05', '2026-03-01', '2025-12-31');
      if (schema.format === 'email' || /email/i.test(name)) return fc.constantFrom('a@example.test', 'zoe@client.test', 'nobody@nowhere.test');
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
      const max = Math.max(min, Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 24, 24));
      return fc.string({ minLength: min, maxLength: max });
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const max = typeof schema.maximum === 'number' ? schema.maximum : min + 1_000;
      return type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      const items = isRecord(schema.items) ? schema.items : {};
      const max = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, 3);
      const min = Math.min(typeof schema.minItems === 'number' ? schema.minItems : 0, max);
      return fc.array(validArb(items, name.replace(/s$/, ''), pool), { minLength: min, maxLength: max });
    }
    case 'object': return objectArb(schema, pool);
    default: return fc.jsonValue({ maxDepth: 1 });
  }
}

export function objectArb(schema: Schema, pool: IdPool): fc.Arbitrary<Record<string, unknown>> {
  const props = isRecord(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, validArb(s, k, pool)]));
  return fc.record(model, { requiredKeys: required.filter((k) => k in props) }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A value for `schema` that is sometimes valid, mostly not: a wrong type or a hostile value. */
export function hostileFor(schema: Schema, name: string, pool: IdPool): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 1, arbitrary: validArb(schema, name, pool) }, { weight: 3, arbitrary: hostileValueArb }, { weight: 1, arbitrary: idArb(pool) });
}

/** JSON text of a body, with RawJson fragments spliced in where they stand. */
export function writeJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001RAW(\d+)\\u0001"/g, (_, i: string) => raws[Number(i)] ?? 'null');
}

/** A query or path value, percent-encoded; a lone surrogate (which encodeURIComponent refuses) goes as raw bytes. */
export function encodePart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\ud800-\udfff]/g, '%ED%A0%80').split('%ED%A0%80').map((p) => encodeURIComponent(p)).join('%ED%A0%80');
  }
}

export { FAR_DATES, NUMBERISH };
