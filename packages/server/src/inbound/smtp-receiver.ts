// Tandem's own SMTP receiver for e-mail replies (issue 11, item 2; docs/decisions.md D28): with INBOUND_SMTP_PORT set,
// the server listens for mail (npm smtp-server), reads it with mailparser, and hands each reply to the same domain
// use case as the signed webhook. It accepts mail only for reply addresses (reply+<owner>@<inbound domain>) that
// name a user: any other recipient is refused at RCPT TO with 550, so it is no open relay and keeps nothing it cannot
// place. No signature: the receiver is Tandem's own process, and the reply address names the owner and the org. It
// is meant to sit behind the MX (or a relay) on a trusted network; AUTH and STARTTLS are off, so put TLS in front of
// it when it faces the internet.
import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerEnvelope } from 'smtp-server';
import type { Clock } from '../clock.ts';
import type { InboundDeps } from '../domain/inbound/inbound-deps.ts';
import { orgOfReplyAddress, receiveRelayedMail } from '../domain/inbound/receive-relayed-mail.ts';

/** INBOUND_SMTP_PORT (unset: no receiver), INBOUND_SMTP_HOST (default 127.0.0.1), INBOUND_SMTP_MAX_BYTES (default 10 MB). */
export type SmtpReceiverConfig = { port: number; host: string; maxBytes: number };

export function smtpReceiverConfig(env: NodeJS.ProcessEnv = process.env): SmtpReceiverConfig | null {
  const port = env.INBOUND_SMTP_PORT?.trim();
  if (!port) return null;
  const parsed = Number(port);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`INBOUND_SMTP_PORT: "${port}" is not a port`);
  const maxBytes = Number(env.INBOUND_SMTP_MAX_BYTES?.trim() || 10 * 1024 * 1024);
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new Error(`INBOUND_SMTP_MAX_BYTES: "${env.INBOUND_SMTP_MAX_BYTES}" is not a size in bytes`);
  return { port: parsed, host: env.INBOUND_SMTP_HOST?.trim() || '127.0.0.1', maxBytes };
}

export type SmtpReceiver = { port: number; close: () => Promise<void> };
type Log = { info: (o: object, msg: string) => void; warn: (o: object, msg: string) => void };

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): string | null {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  for (const object of objects) for (const entry of object.value) if (entry.address) return entry.address;
  return null;
}

export async function startSmtpReceiver(config: SmtpReceiverConfig, deps: InboundDeps & { inboundDomain: string; clock: Clock; log?: Log }): Promise<SmtpReceiver> {
  const domain = deps.inboundDomain.toLowerCase();
  const keep = async (raw: Buffer, envelope: SMTPServerEnvelope): Promise<void> => {
    const mail = await simpleParser(raw);
    // The header From is the client as their mail shows them; the envelope sender may be a bounce address.
    const from = firstAddress(mail.from) ?? (envelope.mailFrom ? envelope.mailFrom.address : '');
    for (const rcpt of envelope.rcptTo) {
      const outcome = await receiveRelayedMail(deps, { now: deps.clock.now() }, {
        from, to: rcpt.address, body: mail.text ?? '', subject: mail.subject ?? null, messageId: mail.messageId ?? null,
      });
      deps.log?.info({ to: rcpt.address, outcome }, 'inbound e-mail reply');
    }
  };
  const server = new SMTPServer({
    name: domain, banner: 'Tandem inbound replies', size: config.maxBytes, authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const to = address.address.toLowerCase();
      if (!to.endsWith(`@${domain}`)) return callback(smtpError(550, `5.7.1 <${address.address}>: relay not permitted; this server takes replies for @${domain} only`));
      orgOfReplyAddress(deps, to).then(
        (orgId) => callback(orgId ? null : smtpError(550, `5.1.1 <${address.address}>: no such reply address`)),
        (error: unknown) => callback(smtpError(451, `4.3.0 try again later (${error instanceof Error ? error.message : 'error'})`)),
      );
    },
    onData(stream, session, callback) {
      // Read at most maxBytes (the SIZE the server announces); the rest is drained, not kept, and the mail refused.
      const chunks: Buffer[] = [];
      let kept = 0;
      stream.on('data', (chunk: Buffer) => {
        if (kept <= config.maxBytes) chunks.push(chunk);
        kept += chunk.length;
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || kept > config.maxBytes) return callback(smtpError(552, `5.3.4 message larger than ${config.maxBytes} bytes`));
        keep(Buffer.concat(chunks), session.envelope).then(() => callback(), (error: unknown) => {
          deps.log?.warn({ err: error }, 'inbound e-mail reply not kept');
          callback(smtpError(451, '4.3.0 the reply could not be kept; try again later'));
        });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error: unknown) => deps.log?.warn({ err: error }, 'inbound SMTP error'));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
