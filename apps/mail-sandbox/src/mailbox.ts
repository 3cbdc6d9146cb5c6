import { randomUUID } from 'node:crypto';

/** A message as the sandbox received it over SMTP, parsed. */
export interface CaughtMessage {
  id: string;
  receivedAt: string;
  /** SMTP envelope: who the client said it was from and to (MAIL FROM / RCPT TO). */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** Lower-case header name → value, as received. */
  headers: Record<string, string>;
}

export type NewMessage = Omit<CaughtMessage, 'id' | 'receivedAt'>;

/**
 * The sandbox's memory: the latest `capacity` messages, newest last. Nothing
 * is written to disk; a restart empties it.
 */
export class Mailbox {
  private readonly messages: CaughtMessage[] = [];

  constructor(private readonly capacity: number) {}

  add(message: NewMessage): CaughtMessage {
    const caught = { id: randomUUID(), receivedAt: new Date().toISOString(), ...message };
    this.messages.push(caught);
    if (this.messages.length > this.capacity) this.messages.splice(0, this.messages.length - this.capacity);
    return caught;
  }

  /** Newest first; `to` keeps the messages whose envelope names that address (case ignored). */
  list(filter: { to?: string } = {}): CaughtMessage[] {
    const to = filter.to?.toLowerCase();
    const kept = to
      ? this.messages.filter((message) => message.envelope.to.some((address) => address.toLowerCase() === to))
      : this.messages;
    return [...kept].reverse();
  }

  get(id: string): CaughtMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  clear(): void {
    this.messages.length = 0;
  }

  /** How many different Message-IDs were received: fewer than `size` means a message came twice. */
  distinctMessageIds(): number {
    return new Set(this.messages.map((message) => message.messageId ?? message.id)).size;
  }

  get size(): number {
    return this.messages.length;
  }
}
