// Flag parsing for the CLI: `--name value` or `--name=value`, switches without a value, `--help`/`-h`. Any mistake
// is a UsageError with a one-line message; main.ts prints it and exits 2.

export class UsageError extends Error {
  override name = 'UsageError';
}

export type FlagKind = 'count' | 'text' | 'onoff' | 'switch';
export type FlagSpec = { name: string; kind: FlagKind; min?: number; max?: number };
export type FlagValue = number | string | boolean;
export type Parsed = { help: boolean; flags: Map<string, FlagValue> };

/** Whole numbers, with `_` or `,` as separators and an optional k or m: 2000, 100_000, 100k, 1M. */
export function parseCount(text: string): number | null {
  const m = /^(\d[\d_,]*)([km]?)$/i.exec(text.trim());
  if (!m) return null;
  const base = Number((m[1] as string).replace(/[_,]/g, ''));
  const unit = (m[2] ?? '').toLowerCase();
  const n = base * (unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1);
  return Number.isSafeInteger(n) ? n : null;
}

function convert(command: string, spec: FlagSpec, raw: string): FlagValue {
  const flag = `--${spec.name}`;
  if (spec.kind === 'text') {
    if (raw.trim() === '') throw new UsageError(`${command}: ${flag} must not be empty`);
    return raw;
  }
  if (spec.kind === 'onoff') {
    const v = raw.toLowerCase();
    if (v !== 'on' && v !== 'off') throw new UsageError(`${command}: ${flag} must be on or off (got '${raw}')`);
    return v === 'on';
  }
  const n = parseCount(raw);
  const min = spec.min ?? 0;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  if (n === null || n < min || n > max) {
    throw new UsageError(`${command}: ${flag} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got '${raw}')`);
  }
  return n;
}

export function parseFlags(command: string, argv: readonly string[], specs: readonly FlagSpec[]): Parsed {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const flags = new Map<string, FlagValue>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`${command}: unexpected argument '${arg}' (see ${command} --help)`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`${command}: unknown flag --${name} (see ${command} --help)`);
    if (flags.has(name)) throw new UsageError(`${command}: --${name} given twice`);
    if (spec.kind === 'switch') {
      if (eq !== -1) throw new UsageError(`${command}: --${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    let raw: string | undefined = eq === -1 ? argv[i + 1] : arg.slice(eq + 1);
    if (eq === -1) {
      if (raw === undefined || (raw.startsWith('--') && raw.length > 2)) throw new UsageError(`${command}: --${name} needs a value`);
      i += 1;
    }
    raw ??= '';
    flags.set(name, convert(command, spec, raw));
  }
  return { help, flags };
}
