// The server's secret key for a CLI command (D39), and the audit keys derived from it (D45): a command that writes
// audit entries (seed, import, export, sync) or verifies them must key them as the server does, from
// TANDEM_SECRET_KEY or the key file beside the data. `notes` hears where the key came from when it is a file.
import { configureAuditKeys, loadServerSecret, type DbTarget, type ServerSecret } from '@tandem/server';
import type { Output } from './progress.ts';

export function useServerKey(command: string, env: NodeJS.ProcessEnv, target: DbTarget, notes: Output): ServerSecret {
  const secret = loadServerSecret(env, target, (message) => notes.write(`${command}: ${message}\n`));
  configureAuditKeys(secret.key);
  return secret;
}
