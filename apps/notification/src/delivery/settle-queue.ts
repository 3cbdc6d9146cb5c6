import type { SentMessage } from './send-log';

/**
 * Groups the settlements of messages sent side by side: the first one is
 * written after `lingerMs` (at once when 0), with those accepted meanwhile,
 * and those accepted while that is being written wait for the next write, all
 * together. A busy sender writes one statement per group instead of one per
 * message (group commit): each statement is a round trip and socket writes on
 * both sides, the largest share of the sender's CPU. The linger only delays
 * the row's update, not the message (its sent time is taken at acceptance),
 * and the row stays claimed (`sending`, leased) until then. Each caller's
 * promise settles with its own write.
 */
export class SettleQueue {
  private waiting: { message: SentMessage; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (messages: SentMessage[]) => Promise<void>,
    private readonly lingerMs = 0,
  ) {}

  settle(message: SentMessage): Promise<void> {
    const settled = new Promise<void>((resolve, reject) => this.waiting.push({ message, resolve, reject }));
    if (!this.writing) this.writing = this.flush();
    return settled;
  }

  private async flush(): Promise<void> {
    if (this.lingerMs > 0) await new Promise((resolve) => setTimeout(resolve, this.lingerMs));
    while (this.waiting.length) {
      const group = this.waiting;
      this.waiting = [];
      try {
        await this.write(group.map((entry) => entry.message));
        for (const entry of group) entry.resolve();
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.writing = null;
  }
}
