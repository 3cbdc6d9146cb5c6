import type { SentMessage } from './send-log';

/**
 * Groups the settlements of messages sent side by side: the first one is
 * written at once, and those accepted while it is being written wait for the
 * next write, all together. A quiet sender writes each message as soon as it
 * is accepted; a busy one writes one statement per group instead of one per
 * message (group commit). Each caller's promise settles with its own write.
 */
export class SettleQueue {
  private waiting: { message: SentMessage; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly write: (messages: SentMessage[]) => Promise<void>) {}

  settle(message: SentMessage): Promise<void> {
    const settled = new Promise<void>((resolve, reject) => this.waiting.push({ message, resolve, reject }));
    if (!this.writing) this.writing = this.flush();
    return settled;
  }

  private async flush(): Promise<void> {
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
