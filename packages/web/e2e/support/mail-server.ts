// A second Tandem server for the journeys that read e-mail (invitations, reset links): the same compiled server as
// the suite's (global-setup.ts), on its own free port and data folder, with SMTP_URL pointing at an smtp-server
// inbox on loopback that this test process runs (the server tests' inbox: smtp-server receives, mailparser reads).
// So the server sends real mail through nodemailer (`delivery: sent`), and a test reads the link as a person would.
//
//   const mail = useMailingServer();      // beforeAll starts both, afterAll stops both
//   mail.baseUrl; await mail.inbox.next('ben@…'); linkOf(message).url
//   useMailingServer({ receiveReplies: { domain: 'reply.example' } }); mail.replyPort  // replies by real SMTP
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll } from 'vitest';
import { startInbox, type Inbox } from '../../../server/test/support/smtp-inbox.ts';

export { linkOf } from '../../../server/test/support/smtp-inbox.ts';

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
    if (child.exitCode !== null) throw new Error(`The mailing server exited (${child.exitCode}) before it was ready:\n${log()}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The mailing server did not become healthy within 120 s:\n${log()}`);
}

export type MailingServer = {
  readonly baseUrl: string;
  readonly inbox: Inbox;
  /** With `{ receiveReplies }`: the port of the server's own SMTP receiver of replies (INBOUND_SMTP_PORT), else 0. */
  readonly replyPort: number;
  next: (address: string) => Promise<ParsedMail>;
};

/** `receiveReplies`: the server also runs its SMTP receiver of e-mail replies on a free loopback port, for that domain. */
export function useMailingServer(options: { receiveReplies?: { domain: string } } = {}): MailingServer {
  let inbox: Inbox | null = null;
  let server: ChildProcess | null = null;
  let dataDir: string | null = null;
  let baseUrl = '';
  let replyPort = 0;
  beforeAll(async () => {
    inbox = await startInbox();
    const port = await freePort();
    replyPort = options.receiveReplies ? await freePort() : 0;
    const replies = options.receiveReplies ? { INBOUND_SMTP_PORT: String(replyPort), TANDEM_INBOUND_DOMAIN: options.receiveReplies.domain } : {};
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-mail-'));
    baseUrl = `http://127.0.0.1:${port}`;
    let output = '';
    server = spawn(process.execPath, ['--enable-source-maps', 'packages/server/dist/main.js'], {
      cwd: root,
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', TANDEM_DATA_DIR: dataDir, TANDEM_DEMO_DATA: 'off', LOG_LEVEL: 'warn', DATABASE_URL: '',
        SMTP_URL: inbox.url, MAIL_FROM: 'Tandem <tandem@e2e.test>', TANDEM_PUBLIC_URL: baseUrl, ...replies,
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
    await inbox?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const current = (): Inbox => {
    if (!inbox) throw new Error('useMailingServer: the inbox exists from beforeAll to afterAll');
    return inbox;
  };
  return {
    get baseUrl() {
      return baseUrl;
    },
    get inbox() {
      return current();
    },
    get replyPort() {
      return replyPort;
    },
    next: (address) => current().next(address.toLowerCase(), 15_000),
  };
}
