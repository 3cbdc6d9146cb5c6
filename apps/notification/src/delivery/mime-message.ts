import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';
import { encode as quotedPrintable } from 'nodemailer/lib/qp';

/** A message as this service writes them: one recipient, a plain-text and an HTML version of the same content. */
export interface MimeMessage {
  /** The From header's value, already encoded (see `encodedFrom`). */
  from: string;
  to: string;
  /** Without angle brackets: `<id@domain>`. */
  messageId: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
  /** Extra headers, each on one line as given (List-Unsubscribe...): ASCII only. */
  headers: readonly (readonly [name: string, value: string])[];
}

const LINE_LENGTH = 76;
/** Printable ASCII without the characters that would need quoting in an address. */
const PLAIN_ADDRESS = /^[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9.-]+$/;

/**
 * Whether `buildMimeMessage` can write a message to this address as it is: anything else (an
 * internationalised address, a display name) goes through nodemailer's own composer.
 */
export function isPlainAddress(address: string): boolean {
  return PLAIN_ADDRESS.test(address);
}

/** CRLF line endings, as SMTP carries them. */
function crlf(value: string): string {
  return value.replace(/\r?\n/g, '\r\n');
}

/**
 * Quoted-printable with soft line breaks every 76 characters at most (RFC 2045), never inside an
 * `=XX` escape. nodemailer's encoder escapes; its wrapping, by regular expressions per line, cost
 * more than the encoding itself.
 */
export function quotedPrintableBody(value: string): string {
  const encoded = quotedPrintable(Buffer.from(crlf(value), 'utf8'));
  let out = '';
  for (const line of encoded.split('\r\n')) {
    let rest = line;
    while (rest.length > LINE_LENGTH) {
      let cut = LINE_LENGTH - 1;
      // Back off so as not to split an escape (=XX) across the soft break.
      if (rest[cut - 1] === '=') cut -= 1;
      else if (rest[cut - 2] === '=') cut -= 2;
      out += `${rest.slice(0, cut)}=\r\n`;
      rest = rest.slice(cut);
    }
    out += `${rest}\r\n`;
  }
  return out.slice(0, -2);
}

/** A header line, folded at 76 columns, its value encoded (RFC 2047) when it is not plain ASCII. */
function header(name: string, value: string): string {
  return foldLines(`${name}: ${encodeWords(value, 'Q', 52, true)}`, LINE_LENGTH);
}

/** RFC 5322 date, as nodemailer writes it. */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT/, '+0000');
}

function part(contentType: string, body: string): string {
  return `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintableBody(body)}`;
}

/**
 * The whole message, built in memory: multipart/alternative, a plain-text then an HTML part, both
 * UTF-8 in quoted-printable. Handed to the transport in one piece, it goes out in a few socket
 * writes rather than one per chunk of nodemailer's streamed build, which cost both this service and
 * the relay CPU for every message. It holds nothing of another message: each one is built anew from
 * its own send-log row (its Message-ID is that row's id), so a retried or reclaimed message is the
 * same message, and two messages never share one.
 */
export function buildMimeMessage(message: MimeMessage): Buffer {
  // "=_" cannot occur in quoted-printable output (an "=" there is always followed by a hex digit or
  // a line break), so this boundary never appears in a part; the Message-ID's id makes it unique.
  const boundary = `=_salle_${message.messageId.replace(/@.*$/, '').replace(/[^\w.-]/g, '')}`;
  const lines = [
    foldLines(`From: ${message.from}`, LINE_LENGTH),
    `To: ${message.to}`,
    header('Subject', message.subject),
    `Message-ID: <${message.messageId}>`,
    `Date: ${rfc5322Date(message.date)}`,
    'MIME-Version: 1.0',
    ...message.headers.map(([name, value]) => `${name}: ${value}`),
    `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
    '',
    `--${boundary}`,
    part('text/plain', message.text),
    `--${boundary}`,
    part('text/html', message.html),
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** The From header's value for a configured sender (« Salle sur demande <ne-pas-repondre@…> »), encoded once. */
export function encodedFrom(from: string): string {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  if (!match) return from.trim();
  const [, name = '', address = ''] = match;
  if (!name) return `<${address}>`;
  const unquoted = name.replace(/^"(.*)"$/, '$1');
  const encoded = encodeWords(unquoted, 'Q', 52, true);
  // An encoded word stands alone; a plain name is quoted when it holds a character special in addresses.
  const display =
    encoded !== unquoted || !/[()<>[\]:;@\\,."]/.test(unquoted) ? encoded : `"${unquoted.replace(/["\\]/g, '\\$&')}"`;
  return `${display} <${address}>`;
}
