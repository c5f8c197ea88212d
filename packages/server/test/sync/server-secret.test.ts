// The server key (server-secret.ts, D39): from TANDEM_SECRET_KEY in hex or base64, refused when not 32 bytes; when
// unset, made once into a 0600 file next to the PGlite folder (or the PostgreSQL state file) and read back after,
// with a warning for several nodes on PostgreSQL. The secret box opens only its own key's texts.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretBox } from '../../src/domain/shared/secret-box.ts';
import { loadServerSecret, parseSecretKey } from '../../src/server-secret.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-secret-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the server secret key', () => {
  it('reads TANDEM_SECRET_KEY as 64 hex digits or base64 of 32 bytes, and refuses any other length', () => {
    const key = Buffer.alloc(32, 3);
    const warnings: string[] = [];
    for (const text of [key.toString('hex'), key.toString('base64'), key.toString('base64url')]) {
      const secret = loadServerSecret({ TANDEM_SECRET_KEY: text }, { kind: 'postgres', url: 'postgres://x' }, (m) => warnings.push(m));
      expect(secret).toEqual({ key, source: 'env', file: null });
    }
    expect(warnings).toEqual([]);
    expect(() => parseSecretKey(Buffer.alloc(16).toString('base64'), 'TANDEM_SECRET_KEY')).toThrow(/must be 32 bytes/);
    expect(() => parseSecretKey('not a key', 'TANDEM_SECRET_KEY')).toThrow(/must be 32 bytes/);
  });

  it('makes a key file (mode 0600) next to the PGlite folder once, then reads the same key', () => {
    const dataDir = join(tempDir(), 'data');
    const warnings: string[] = [];
    const first = loadServerSecret({}, { kind: 'pglite', dataDir }, (m) => warnings.push(m));
    expect(first.source).toBe('file-created');
    expect(first.file).toBe(`${dataDir}.secret-key`);
    expect(statSync(`${dataDir}.secret-key`).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([expect.stringContaining('made a new secret key')]);
    const second = loadServerSecret({}, { kind: 'pglite', dataDir }, (m) => warnings.push(m));
    expect(second).toEqual({ key: first.key, source: 'file', file: first.file });
    expect(readFileSync(`${dataDir}.secret-key`, 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  it('on PostgreSQL without a key, keeps it in the state file and warns that several nodes need the same key', () => {
    const file = join(tempDir(), 'state', 'key');
    const warnings: string[] = [];
    const made = loadServerSecret({ TANDEM_SECRET_KEY_FILE: file }, { kind: 'postgres', url: 'postgres://x' }, (m) => warnings.push(m));
    const again = loadServerSecret({ TANDEM_SECRET_KEY_FILE: file }, { kind: 'postgres', url: 'postgres://x' }, (m) => warnings.push(m));
    expect(again.key.equals(made.key)).toBe(true);
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w).toMatch(/Several nodes on one PostgreSQL need the same key/);
  });

  it('seals so that only the same key, purpose and context open; an altered text fails loudly', () => {
    const box = secretBox(Buffer.alloc(32, 1), 'integration-credentials');
    const sealed = box.seal('{"apiKey":"abc-us1"}', 'org/user/mailchimp');
    expect(sealed).not.toContain('abc-us1');
    expect(box.open(sealed, 'org/user/mailchimp')).toBe('{"apiKey":"abc-us1"}');
    expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
    expect(() => secretBox(Buffer.alloc(32, 2), 'integration-credentials').open(sealed, 'org/user/mailchimp')).toThrow(/another server key/);
    expect(() => secretBox(Buffer.alloc(32, 1), 'audit-hmac').open(sealed, 'org/user/mailchimp')).toThrow(/another server key/);
    expect(() => box.open(sealed, 'org/other/mailchimp')).toThrow(/does not open/);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => box.open([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'org/user/mailchimp')).toThrow(/does not open/);
    expect(() => box.open('plain text', 'org/user/mailchimp')).toThrow(/not a sealed text/);
    expect(() => secretBox(Buffer.alloc(16), 'x')).toThrow(/32 bytes/);
  });
});
