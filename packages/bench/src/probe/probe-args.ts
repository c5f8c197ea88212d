// `--name value` flags of the probe commands; a wrong one is a one-line message and exit 2.
const KNOWN = new Set(['cases', 'requests', 'db', 'seed', 'check-every', 'trials']);

export function flag(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] as string;
    if (!a.startsWith('--') || !KNOWN.has(a.slice(2).split('=')[0] as string)) {
      process.stderr.write(`unknown argument ${a} (flags: ${[...KNOWN].map((k) => `--${k}`).join(', ')})\n`);
      process.exit(2);
    }
    if (!a.includes('=')) i += 1; // its value
  }
  const at = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) return fallback;
  const here = args[at] as string;
  const value = here.includes('=') ? here.slice(here.indexOf('=') + 1) : args[at + 1];
  if (value === undefined || (name === 'db' && value !== 'pglite' && value !== 'postgres') || (name !== 'db' && !Number.isFinite(Number(value)))) {
    process.stderr.write(`--${name} needs ${name === 'db' ? 'pglite or postgres' : 'a number'}\n`);
    process.exit(2);
  }
  return value;
}
