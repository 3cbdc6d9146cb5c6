import nodemailer, { type Transporter } from 'nodemailer';
import { buildMimeMessage, encodedFrom, isPlainAddress } from './mime-message';
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

function addressOf(from: string): string {
  return /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

/** The headers every message carries besides the MIME ones, each on one line. */
function extraHeaders(mail: OutgoingMail): [string, string][] {
  return [
    ['Auto-Submitted', 'auto-generated'],
    // On one line each rather than nodemailer's `list` option: folded, a long List-Unsubscribe has failed
    // DKIM checks. nodemailer's DKIM signs both by default.
    ...(mail.unsubscribeUrl
      ? ([
          ['List-Unsubscribe', `<${mail.unsubscribeUrl}>`],
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
        ] as [string, string][])
      : []),
  ];
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
  const from = encodedFrom(settings.from);
  const envelopeFrom = addressOf(settings.from);
  /**
   * The message for nodemailer: built here in memory for the usual plain address (see `buildMimeMessage`),
   * composed by nodemailer otherwise. Either way from this message alone, nothing cached: the Message-ID is the
   * send log's id, the same on every attempt of this message and on no other.
   */
  const compose = (mail: OutgoingMail): Parameters<Transporter['sendMail']>[0] => {
    const messageId = `${mail.id}@${domain}`;
    if (isPlainAddress(mail.to) && isPlainAddress(envelopeFrom))
      return {
        envelope: { from: envelopeFrom, to: [mail.to] },
        raw: buildMimeMessage({
          from,
          to: mail.to,
          messageId,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          date: new Date(),
          headers: extraHeaders(mail),
        }),
      };
    return {
      from: settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${messageId}>`,
      headers: Object.fromEntries(
        extraHeaders(mail).map(([name, value]) => [
          name,
          name === 'List-Unsubscribe' ? { prepared: true, value } : value,
        ]),
      ),
    };
  };
  return {
    async send(mail) {
      try {
        const info = (await transport.sendMail(compose(mail))) as { response?: string };
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
