import { randomUUID } from 'node:crypto';
import { messageIdOf, parseMessage } from './message-parser';

/** SMTP envelope: who the client said it was from and to (MAIL FROM / RCPT TO). */
export interface Envelope {
  from: string | null;
  to: string[];
}

/** A message as the sandbox received it over SMTP: its envelope and its bytes, not yet parsed. */
export interface ReceivedMessage {
  id: string;
  receivedAt: string;
  envelope: Envelope;
  raw: Buffer;
}

/** A message as the sandbox received it over SMTP, parsed. */
export interface CaughtMessage {
  id: string;
  receivedAt: string;
  envelope: Envelope;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** Lower-case header name → value, as received. */
  headers: Record<string, string>;
}

/**
 * The sandbox's memory: the latest `capacity` messages, newest last. Nothing
 * is written to disk; a restart empties it. Messages are kept as received and
 * parsed the first time someone reads them (then kept parsed): a benchmark
 * sending thousands that nobody opens pays for the SMTP exchange only.
 */
export class Mailbox {
  private readonly messages: ReceivedMessage[] = [];
  private readonly parsed = new WeakMap<ReceivedMessage, Promise<CaughtMessage>>();

  constructor(private readonly capacity: number) {}

  add(envelope: Envelope, raw: Buffer): ReceivedMessage {
    const received = { id: randomUUID(), receivedAt: new Date().toISOString(), envelope, raw };
    this.messages.push(received);
    if (this.messages.length > this.capacity) this.messages.splice(0, this.messages.length - this.capacity);
    return received;
  }

  /** Newest first; `to` keeps the messages whose envelope names that address (case ignored). */
  list(filter: { to?: string } = {}): Promise<CaughtMessage[]> {
    const to = filter.to?.toLowerCase();
    const kept = to
      ? this.messages.filter((message) => message.envelope.to.some((address) => address.toLowerCase() === to))
      : this.messages;
    return Promise.all([...kept].reverse().map((message) => this.read(message)));
  }

  async get(id: string): Promise<CaughtMessage | undefined> {
    const message = this.messages.find((each) => each.id === id);
    return message && this.read(message);
  }

  clear(): void {
    this.messages.length = 0;
  }

  /** How many different Message-IDs were received: fewer than `size` means a message came twice. */
  distinctMessageIds(): number {
    return new Set(this.messages.map((message) => messageIdOf(message.raw) ?? message.id)).size;
  }

  get size(): number {
    return this.messages.length;
  }

  private read(message: ReceivedMessage): Promise<CaughtMessage> {
    let parsed = this.parsed.get(message);
    if (!parsed) {
      parsed = parseMessage(message);
      this.parsed.set(message, parsed);
    }
    return parsed;
  }
}
