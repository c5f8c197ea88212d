// A real SMTP server on loopback (npm `smtp-server`, messages read back with `mailparser`) whose answers a test
// scripts: refuse the next messages with a 4xx or a 5xx, or stall the next DATA until the test lets it go. Used by
// the message delivery tests and the send-throughput benchmark (with `parse: false`, it only counts).
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Arrived = { envelopeFrom: string | null; envelopeTo: string[]; mail: ParsedMail | null };

export type ScriptedSmtp = {
  readonly url: string;
  /** Messages accepted (250) so far, in order. */
  readonly accepted: Arrived[];
  /** Refuse the next `count` messages at DATA with `code` (4xx: try again later; 5xx: never). */
  refuseNext: (count: number, code: number) => void;
  /** Hold the next message's DATA unanswered; resolves when it is being held. */
  stallNext: () => Promise<void>;
  /** Answer the held DATA: `accept` (250) or drop it with a 421 (as when the sender died: nothing is delivered). */
  release: (how: 'accept' | 'drop') => void;
  close: () => Promise<void>;
};

export async function startScriptedSmtp(options: { parse?: boolean } = {}): Promise<ScriptedSmtp> {
  const accepted: Arrived[] = [];
  const refusals: number[] = [];
  let stall: { onHeld: () => void } | null = null;
  let held: ((how: 'accept' | 'drop') => void) | null = null;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 10 * 1024 * 1024,
    onData: (stream, session, callback) => {
      const envelope = {
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
      };
      const read: Promise<ParsedMail | null> = options.parse === false
        ? new Promise((resolve) => { stream.on('end', () => resolve(null)); stream.resume(); })
        : simpleParser(stream);
      void read.then((mail) => {
        const code = refusals.shift();
        if (code !== undefined) return callback(Object.assign(new Error(code < 500 ? 'Try again later' : 'Mailbox unavailable'), { responseCode: code }));
        if (stall) {
          const { onHeld } = stall;
          stall = null;
          held = (how) => {
            held = null;
            if (how === 'accept') {
              accepted.push({ ...envelope, mail });
              callback();
            } else {
              callback(Object.assign(new Error('Connection dropped'), { responseCode: 421 }));
            }
          };
          onHeld();
          return undefined;
        }
        accepted.push({ ...envelope, mail });
        return callback();
      }, (error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    refuseNext: (count, code) => { for (let i = 0; i < count; i++) refusals.push(code); },
    stallNext: () => new Promise<void>((resolve) => { stall = { onHeld: resolve }; }),
    release: (how) => {
      if (!held) throw new Error('no message is being held');
      held(how);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
