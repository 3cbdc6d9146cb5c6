import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream } from 'smtp-server';
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

/** The message's bytes as the client sent them (dot-unstuffed by smtp-server). */
async function bytesOf(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A real SMTP server (the Nodemailer project's smtp-server) that keeps each
 * message in the mailbox, as received, instead of delivering it. No TLS and
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
      bytesOf(stream)
        .then((raw) => {
          if (faults.rejectWith !== null) {
            const error = Object.assign(new Error(`Sandbox refuses the message (fault ${faults.rejectWith})`), {
              responseCode: faults.rejectWith,
            });
            return callback(error);
          }
          if (stream.sizeExceeded)
            return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          const envelopeFrom = session.envelope.mailFrom;
          // Kept as received; parsed when the inbox or the API shows it (see Mailbox).
          mailbox.add(
            {
              from: envelopeFrom ? envelopeFrom.address : null,
              to: session.envelope.rcptTo.map((rcpt: SMTPServerAddress) => rcpt.address),
            },
            raw,
          );
          callback();
        })
        .catch((error: unknown) => {
          logger.warn({ reason: (error as Error).message }, 'mail sandbox could not read a message');
          callback(Object.assign(new Error('Message not received'), { responseCode: 451 }));
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
