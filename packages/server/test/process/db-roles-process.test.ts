// The real server process with two database URLs (D51): DATABASE_MIGRATION_URL (the schema's owner) migrates and
// grants, DATABASE_URL (a login app role) serves; the start log says the audit log is append-only by role, and
// signing up, creating a contact and verifying the audit chain work on the app role. On PGlite the second URL is
// refused with one line.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTwoRoles, type TwoRoles } from '../support/two-roles.ts';
import { buildRuntime, freePort, startServer, waitHealthy, type Running } from './support/server-process.ts';

const suffix = randomBytes(4).toString('hex');
describe('the server process on an app role', { timeout: 180_000 }, () => {
  let runtime: string;
  const running: Running[] = [];
  const folders: string[] = [];
  let roles: TwoRoles;

  beforeAll(async () => {
    runtime = buildRuntime();
    roles = await createTwoRoles(inject('postgresUrl'), 'roles_p');
  }, 180_000);
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    for (const path of [...folders, ...folders.map((dir) => `${dir}.secret-key`), runtime]) rmSync(path, { recursive: true, force: true });
    await roles?.drop();
  });

  it('migrates as the owner, serves as the app role, and says the audit log is append-only by role', async () => {
    const server = startServer(runtime, {
      DATABASE_URL: roles.appUrl, DATABASE_MIGRATION_URL: roles.ownerUrl, TANDEM_SECRET_KEY: randomBytes(32).toString('hex'),
    }, { port: await freePort() });
    running.push(server);
    await waitHealthy(server);
    const base = `http://127.0.0.1:${server.port}/api/v1`;
    const json = { 'content-type': 'application/json' };
    const signup = await fetch(`${base}/signup`, {
      method: 'POST', headers: json, body: JSON.stringify({ orgName: 'Roles Co', name: 'Rae Roles', email: `rae.${suffix}@roles.test`, password: 'a long enough password 1' }),
    });
    expect(signup.status).toBe(201);
    const { token } = await signup.json() as { token: string };
    const auth = { ...json, authorization: `Bearer ${token}` };
    expect((await fetch(`${base}/contacts`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Zed Role' }) })).status).toBe(201);
    const verify = await (await fetch(`${base}/audit/verify`, { headers: auth })).json() as { valid: boolean; entries: number };
    expect(verify.valid).toBe(true);
    expect(verify.entries).toBeGreaterThanOrEqual(2);
    expect(server.output()).toContain(`The audit log is append-only by trigger and by role: the role ${roles.app} may only read and append to audit_log.`);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('refuses DATABASE_MIGRATION_URL on PGlite with one line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-roles-pglite-'));
    folders.push(dataDir);
    const server = startServer(runtime, { TANDEM_DATA_DIR: dataDir, DATABASE_MIGRATION_URL: roles.ownerUrl }, { port: await freePort() });
    running.push(server);
    expect((await server.exited).code).toBe(1);
    expect(server.output()).toMatch(/DATABASE_MIGRATION_URL needs DATABASE_URL/);
  });
});
