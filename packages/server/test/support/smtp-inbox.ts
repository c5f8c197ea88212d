// A real SMTP server on loopback for the mail tests: npm `smtp-server` receives what the app sends through nodemailer
// (src/mail/smtp-mailer.ts), `mailparser` reads each message. Tests wait for the next message to an address and
// read the link from its text, as a person would.
//
//   const inbox = useInbox();                                      // before useTestApp: its server starts first
//   const t = useTestApp({ mailer: () => smtpMailer({ url: inbox.url, from: 'Tandem <tandem@test>' }) });
//   const mail = await inbox.next('ben@example.test');
//   const token = tokenOf(mail);
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect } from 'vitest';

export type Received = { envelopeTo: string[]; envelopeFrom: string | null; mail: ParsedMail };

export type Inbox = {
  /** smtp://127.0.0.1:<port> */
  readonly url: string;
  /** Every message received so far, in order. */
  readonly received: Received[];
  /** The oldest message to `address` not yet taken, waiting up to `timeoutMs` for it to arrive; takes it. */
  next: (address: string, timeoutMs?: number) => Promise<ParsedMail>;
  /** Messages to `address` received and not yet taken. */
  waiting: (address: string) => ParsedMail[];
  /** While true, the server refuses every recipient (550), so sending fails. */
  refuse: boolean;
  /** The next this many recipients are refused for now (451, try again later), so the sender retries later. */
  deferNext: number;
  close: () => Promise<void>;
};

export async function startInbox(): Promise<Inbox> {
  const received: Received[] = [];
  const taken = new Set<Received>();
  const listeners = new Set<() => void>();
  const state = { refuse: false, deferNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (_address, _session, callback) => {
      if (state.refuse) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else if (state.deferNext > 0) {
        state.deferNext -= 1;
        callback(Object.assign(new Error('Greylisted, try again later'), { responseCode: 451 }));
      } else callback();
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then((mail) => {
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          mail,
        });
        for (const notify of listeners) notify();
        callback();
      }, (error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const untaken = (address: string) => received.filter((r) => !taken.has(r) && r.envelopeTo.includes(address.toLowerCase()));

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refuse() { return state.refuse; },
    set refuse(value: boolean) { state.refuse = value; },
    get deferNext() { return state.deferNext; },
    set deferNext(value: number) { state.deferNext = value; },
    waiting: (address) => untaken(address).map((r) => r.mail),
    next: (address, timeoutMs = 5_000) => new Promise<ParsedMail>((resolve, reject) => {
      const check = (): boolean => {
        const first = untaken(address)[0];
        if (!first) return false;
        taken.add(first);
        resolve(first.mail);
        return true;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`no e-mail to ${address} within ${timeoutMs} ms (received: ${received.map((r) => r.envelopeTo.join(',')).join('; ') || 'none'})`));
      }, timeoutMs);
      const listener = () => {
        if (check()) {
          clearTimeout(timer);
          listeners.delete(listener);
        }
      };
      listeners.add(listener);
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An inbox for the file (or describe block): started before the app, closed after it. */
export function useInbox(): Inbox {
  let inbox: Inbox | undefined;
  const current = (): Inbox => {
    if (!inbox) throw new Error('useInbox: the inbox exists from beforeAll to afterAll');
    return inbox;
  };
  beforeAll(async () => { inbox = await startInbox(); });
  afterAll(async () => { await inbox?.close(); });
  return {
    get url() { return current().url; },
    get received() { return current().received; },
    get refuse() { return current().refuse; },
    set refuse(value: boolean) { current().refuse = value; },
    get deferNext() { return current().deferNext; },
    set deferNext(value: number) { current().deferNext = value; },
    next: (address, timeoutMs) => current().next(address, timeoutMs),
    waiting: (address) => current().waiting(address),
    close: () => current().close(),
  };
}

/** The one link in a message's text, and the token in its `#token=` fragment. */
export function linkOf(mail: ParsedMail): { url: string; page: string; token: string } {
  const text = mail.text ?? '';
  const links = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  expect(links, 'one link in the message').toHaveLength(1);
  const url = new URL(links[0] as string);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  expect(token, 'a #token= fragment').toMatch(/^[A-Za-z0-9_-]{43}$/);
  return { url: url.toString(), page: url.pathname, token: token as string };
}
