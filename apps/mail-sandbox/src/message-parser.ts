import { simpleParser, type AddressObject } from 'mailparser';
import type { CaughtMessage, ReceivedMessage } from './mailbox';

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

/** The header block of a raw message: everything before the first empty line. */
function headerBlock(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  return raw.toString('latin1', 0, end === -1 ? raw.length : end);
}

/**
 * The Message-ID header of a raw message, unfolded, without parsing the rest: counting distinct
 * Message-IDs (benchmarks) reads thousands of messages nobody opens.
 */
export function messageIdOf(raw: Buffer): string | null {
  const match = /^message-id:[ \t]*(.*(?:\r\n[ \t].*)*)/im.exec(headerBlock(raw));
  return match?.[1]?.replace(/\r\n[ \t]+/g, ' ').trim() || null;
}

/**
 * A received message as a mail client reads it (mailparser): done when a page or the API shows it,
 * not when it arrives, so that receiving costs little more than keeping the bytes.
 */
export async function parseMessage(received: ReceivedMessage): Promise<CaughtMessage> {
  const { raw, ...kept } = received;
  try {
    const parsed = await simpleParser(raw);
    return {
      ...kept,
      messageId: parsed.messageId ?? null,
      from: parsed.from?.text ?? '',
      to: addresses(parsed.to),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : null,
      headers: rawHeaders(parsed.headerLines),
    };
  } catch {
    // Shown as received rather than hidden: a malformed message is what a developer wants to see.
    return {
      ...kept,
      messageId: messageIdOf(raw),
      from: '',
      to: [],
      subject: '',
      text: raw.toString('utf8'),
      html: null,
      headers: {},
    };
  }
}
