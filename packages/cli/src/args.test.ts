import { describe, expect, it } from 'vitest';
import { parseCount, parseFlags, UsageError } from './args.ts';
import { seedRunFromArgs } from './commands/seed.ts';

const SPECS = [
  { name: 'contacts', kind: 'count' as const, min: 100, max: 1_000_000 },
  { name: 'seed', kind: 'text' as const },
  { name: 'share-all', kind: 'onoff' as const },
  { name: 'json', kind: 'switch' as const },
];

describe('flags', () => {
  it('reads counts with separators and k/m suffixes', () => {
    expect(parseCount('2000')).toBe(2000);
    expect(parseCount('100_000')).toBe(100_000);
    expect(parseCount('100,000')).toBe(100_000);
    expect(parseCount('100k')).toBe(100_000);
    expect(parseCount('1M')).toBe(1_000_000);
    expect(parseCount('-5')).toBeNull();
    expect(parseCount('1.5k')).toBeNull();
  });

  it('accepts --name value, --name=value and switches', () => {
    const { flags, help } = parseFlags('t', ['--contacts', '10k', '--seed=abc', '--share-all', 'ON', '--json'], SPECS);
    expect(help).toBe(false);
    expect(Object.fromEntries(flags)).toEqual({ contacts: 10_000, seed: 'abc', 'share-all': true, json: true });
    expect(parseFlags('t', ['-h'], SPECS).help).toBe(true);
  });

  it.each([
    [['--contacts', 'lots'], /--contacts must be a whole number from 100 to 1,000,000 \(got 'lots'\)/],
    [['--contacts', '50'], /from 100/],
    [['--contacts'], /--contacts needs a value/],
    [['--contacts', '--seed', 'x'], /--contacts needs a value/],
    [['--nope', '1'], /unknown flag --nope/],
    [['stray'], /unexpected argument 'stray'/],
    [['--share-all', 'yes'], /--share-all must be on or off/],
    [['--seed', '1', '--seed', '2'], /--seed given twice/],
    [['--json=1'], /--json takes no value/],
    [['--seed', ''], /--seed must not be empty/],
  ])('rejects %j with one line', (argv, message) => {
    expect(() => parseFlags('t', argv, SPECS)).toThrow(UsageError);
    expect(() => parseFlags('t', argv, SPECS)).toThrow(message);
  });

  it('builds a seed run with defaults, the day as the time origin, and crm-n.json beside PGlite data', () => {
    const run = seedRunFromArgs(['--contacts', '2k'], { kind: 'pglite', dataDir: '/tmp/x' }, Date.parse('2026-03-02T15:04:05Z'));
    expect(run?.options).toMatchObject({ contacts: 2000, users: 50, seed: '1', shareAll: false, messages: 0, orgName: 'CRM-N 2K/50 seed 1' });
    expect(run?.options.now).toBe(Date.parse('2026-03-02T00:00:00Z'));
    expect(run?.out).toBe('/tmp/x/crm-n.json');
    expect(seedRunFromArgs([], { kind: 'postgres', url: 'postgres://x' }, 0)?.out).toBeNull();
    expect(seedRunFromArgs(['--help'], { kind: 'pglite' }, 0)).toBeNull();
    expect(() => seedRunFromArgs(['--contacts', '100', '--users', '200'], { kind: 'pglite' }, 0)).toThrow(/must not exceed/);
  });
});
