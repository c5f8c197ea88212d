// A second Tandem server for the sync journeys: the suite's compiled server (global-setup.ts) on its own free port
// and data folder, with TANDEM_MAILCHIMP_BASE_URL, TANDEM_GOOGLE_PEOPLE_BASE_URL and TANDEM_GOOGLE_TOKEN_URL pointing
// at the Mailchimp Marketing API and Google People API stand-ins that this test process runs on loopback (the server
// tests' stand-ins: real node:http servers that check every request's shape). So the server really pushes contacts
// over HTTP, and a test reads what the "provider" received.
//
//   const sync = useSyncingServer();      // beforeAll starts the three, afterAll stops them
//   sync.baseUrl; sync.mailchimp.members; sync.mailchimp.onBatch(...); sync.google.living()
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startGooglePeopleStandIn, type GooglePeopleStandIn } from '../../../server/test/support/google-people-stand-in.ts';
import { startMailchimpStandIn, type MailchimpStandIn } from '../../../server/test/support/mailchimp-stand-in.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The syncing server exited (${child.exitCode}) before it was ready:\n${log()}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The syncing server did not become healthy within 120 s:\n${log()}`);
}

export type SyncingServer = {
  readonly baseUrl: string;
  readonly mailchimp: MailchimpStandIn;
  readonly google: GooglePeopleStandIn;
  /** What the server wrote to its log (shown when a test fails). */
  readonly log: string;
};

export function useSyncingServer(options: { audiences?: { id: string; name: string }[] } = {}): SyncingServer {
  let mailchimp: MailchimpStandIn | null = null;
  let google: GooglePeopleStandIn | null = null;
  let server: ChildProcess | null = null;
  let dataDir: string | null = null;
  let baseUrl = '';
  let output = '';
  beforeAll(async () => {
    mailchimp = await startMailchimpStandIn(options.audiences ? { audiences: options.audiences } : {});
    google = await startGooglePeopleStandIn();
    const port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-sync-'));
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--enable-source-maps', 'packages/server/dist/main.js'], {
      cwd: root,
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', TANDEM_DATA_DIR: dataDir, TANDEM_DEMO_DATA: 'off', LOG_LEVEL: 'warn', DATABASE_URL: '',
        TANDEM_MAILCHIMP_BASE_URL: mailchimp.url, TANDEM_GOOGLE_PEOPLE_BASE_URL: google.peopleUrl, TANDEM_GOOGLE_TOKEN_URL: google.tokenUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitForHealth(baseUrl, server, () => output);
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await mailchimp?.close();
    await google?.close();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.secret-key`, { force: true });
    }
  });
  return {
    get baseUrl() {
      return baseUrl;
    },
    get mailchimp() {
      if (!mailchimp) throw new Error('useSyncingServer: the stand-in exists from beforeAll to afterAll');
      return mailchimp;
    },
    get google() {
      if (!google) throw new Error('useSyncingServer: the stand-in exists from beforeAll to afterAll');
      return google;
    },
    get log() {
      return output;
    },
  };
}
