import nodemailer, { type Transporter } from 'nodemailer';
import type { SendFailure, SendOutcome } from './retry-policy';

export interface MailSettings {
  /** smtp://host:port, smtps://user:password@host:465... */
  smtpUrl: string;
  /** « Salle sur demande <ne-pas-repondre@example.fr> » */
  from: string;
  /** Pooled connections kept open to the relay. */
  maxConnections: number;
  /** Sign every message when set (selector._domainkey.domain must publish the public key). */
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  timeoutMs: number;
}

export interface OutgoingMail {
  /** The send log's id: the Message-ID is built from it, so a resent copy is recognisably the same message. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** An https link that turns this kind of message off in one click (RFC 8058); absent on mandatory messages. */
  unsubscribeUrl?: string | null;
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

function domainOf(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'localhost';
}

function failureOf(error: unknown): SendFailure {
  const { responseCode, message } = error as { responseCode?: unknown; message?: unknown };
  return {
    responseCode: typeof responseCode === 'number' ? responseCode : undefined,
    message: typeof message === 'string' ? message : String(error),
  };
}

/**
 * One pooled nodemailer transport for the whole process: connections to the
 * relay are opened once and reused, which is what lets a burst of messages go
 * out without a TCP and SMTP handshake each.
 */
export function createMailSender(settings: MailSettings): MailSender {
  const transport: Transporter = nodemailer.createTransport({
    url: settings.smtpUrl,
    pool: true,
    maxConnections: settings.maxConnections,
    maxMessages: 1_000,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    ...(settings.dkim ? { dkim: settings.dkim } : {}),
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const domain = domainOf(settings.from);
  return {
    async send(mail) {
      try {
        const info = (await transport.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}@${domain}>`,
          headers: {
            'Auto-Submitted': 'auto-generated',
            // Set as headers, on one line each, rather than nodemailer's `list` option: folded, a long
            // List-Unsubscribe has failed DKIM checks. nodemailer's DKIM signs both by default.
            ...(mail.unsubscribeUrl
              ? {
                  'List-Unsubscribe': { prepared: true, value: `<${mail.unsubscribeUrl}>` },
                  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                }
              : {}),
          },
        })) as { response?: string };
        return { ok: true, response: info.response ?? '' };
      } catch (error) {
        return { ok: false, failure: failureOf(error) };
      }
    },
    close() {
      transport.close();
    },
  };
}
