// `tandem audit keygen --out FILE` (D51): a new Ed25519 key pair for signing audit checkpoints away from the server.
// The private key is written as PKCS#8 PEM with mode 0600 (never over an existing file), the public key beside it as
// FILE.pub (SPKI PEM), and the public key's text is printed: give that to the server as TANDEM_AUDIT_PUBLIC_KEY.
// Keep FILE offline (or in an HSM): whoever holds the server's secret and its database cannot sign with it.
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { publicKeyText } from '@tandem/server';
import { parseFlags, UsageError } from '../args.ts';
import { AUDIT_HELP } from '../help.ts';
import type { Output } from '../progress.ts';

const COMMAND = 'tandem audit keygen';

export function runAuditKeygen(argv: readonly string[], out: Output, err: Output): number {
  const { help, flags } = parseFlags(COMMAND, argv, [{ name: 'out', kind: 'text' }]);
  if (help) {
    out.write(AUDIT_HELP);
    return 0;
  }
  const file = flags.get('out');
  if (typeof file !== 'string' || file === '') throw new UsageError(`${COMMAND}: --out FILE (where to write the private key) is required`);
  const path = resolve(file);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    // 'wx': refuse to replace a key that may have signed checkpoints already.
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err.write(`${COMMAND}: cannot write ${path}: ${code === 'EEXIST' ? 'the file exists (a key is never overwritten)' : error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  chmodSync(path, 0o600); // whatever the umask
  writeFileSync(`${path}.pub`, publicKey.export({ format: 'pem', type: 'spki' }), { mode: 0o644 });
  out.write(`Private key: ${path} (mode 0600; keep it offline)\nPublic key:  ${path}.pub\n` +
    `TANDEM_AUDIT_PUBLIC_KEY=${publicKeyText(publicKey)}\n` +
    `Sign checkpoints with: tandem audit checkpoint --org ID --signing-key ${file} > checkpoint.json\n`);
  return 0;
}
