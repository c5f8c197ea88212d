// A second Tandem server for the journeys that read e-mail (invitations, reset links): the same compiled server as
// the suite's (global-setup.ts), on its own free port and data folder, with SMTP_URL pointing at an smtp-server
// inbox on loopback that this test process runs (the server tests' inbox: smtp-server receives, mailparser reads).
// So the server sends real mail through nodemailer (`delivery: sent`), and a test reads the link as a person would.
//
//   const mail = useMailingServer();      // beforeAll starts both, afterAll stops both
//   mail.baseUrl; await mail.inbox.next('ben@…'); linkOf(message).url
//   useMailingServer({ receiveReplies: { domain: 'reply.example' } }); mail.replyPort  // replies by real SMTP
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll } from 'vitest';
import { startInbox, type Inbox } from '../../../server/test/support/smtp-inbox.ts';
import { freePort, startServerProcess, type ServerProcess } from './server-process.ts';

export { linkOf } from '../../../server/test/support/smtp-inbox.ts';

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
  let server: ServerProcess | null = null;
  let replyPort = 0;
  beforeAll(async () => {
    inbox = await startInbox();
    const smtpUrl = inbox.url;
    replyPort = options.receiveReplies ? await freePort() : 0;
    const replies: Record<string, string> = options.receiveReplies ? { INBOUND_SMTP_PORT: String(replyPort), TANDEM_INBOUND_DOMAIN: options.receiveReplies.domain } : {};
    server = await startServerProcess({
      label: 'The mailing server',
      env: (baseUrl) => ({ SMTP_URL: smtpUrl, MAIL_FROM: 'Tandem <tandem@e2e.test>', TANDEM_PUBLIC_URL: baseUrl, ...replies }),
    });
  });
  afterAll(async () => {
    await server?.stop();
    await inbox?.close();
  });
  const current = (): Inbox => {
    if (!inbox) throw new Error('useMailingServer: the inbox exists from beforeAll to afterAll');
    return inbox;
  };
  return {
    get baseUrl() {
      return server?.baseUrl ?? '';
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
