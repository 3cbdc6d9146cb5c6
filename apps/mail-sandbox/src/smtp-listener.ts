import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Logger } from '@salle/runtime';
import type { Mailbox } from './mailbox';

/** What the SMTP side answers while a test asks it to misbehave. */
export interface SmtpFaults {
  /** Answer every DATA with this reply code (e.g. 451 temporary, 550 permanent); null accepts. */
  rejectWith: number | null;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value.map((entry) => entry.address ?? '')).filter(Boolean);
}

/** Header values as written (unfolded), keyed by lower-case name: tests read them as a mail client would. */
function rawHeaders(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers[key.toLowerCase()] =
      headers[key.toLowerCase()] === undefined ? value : `${headers[key.toLowerCase()]}, ${value}`;
  }
  return headers;
}

/**
 * A real SMTP server (the Nodemailer project's smtp-server) that parses each
 * message and keeps it in the mailbox instead of delivering it. No TLS and
 * any credentials: it only listens on the addresses development uses.
 */
export async function startSmtpListener(options: {
  host: string;
  port: number;
  mailbox: Mailbox;
  faults: SmtpFaults;
  logger: Logger;
}): Promise<SmtpListener> {
  const { mailbox, faults, logger } = options;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    banner: 'Salle sur demande mail sandbox: nothing is delivered',
    onAuth: (_auth, _session, callback) => callback(null, { user: 'sandbox' }),
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (faults.rejectWith !== null) {
            const error = Object.assign(new Error(`Sandbox refuses the message (fault ${faults.rejectWith})`), {
              responseCode: faults.rejectWith,
            });
            return callback(error);
          }
          const envelopeFrom = session.envelope.mailFrom;
          mailbox.add({
            envelope: {
              from: envelopeFrom ? envelopeFrom.address : null,
              to: session.envelope.rcptTo.map((rcpt: SMTPServerAddress) => rcpt.address),
            },
            messageId: parsed.messageId ?? null,
            from: parsed.from?.text ?? '',
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            headers: rawHeaders(parsed.headerLines),
          });
          callback();
        })
        .catch((error: unknown) => {
          logger.warn({ reason: (error as Error).message }, 'mail sandbox could not parse a message');
          callback(Object.assign(new Error('Unparsable message'), { responseCode: 554 }));
        });
    },
  });
  server.on('error', (error) => logger.warn({ reason: error.message }, 'mail sandbox SMTP error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
