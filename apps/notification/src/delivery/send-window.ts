export interface SendWindowOptions<T> {
  /** Messages in flight at most (claimed and not yet settled): matched to the relay connections. */
  size: number;
  /** Takes up to `limit` due messages for this sender (they are then leased to it). */
  claim: (limit: number) => Promise<T[]>;
  /** Sends and settles one message. */
  send: (item: T) => Promise<void>;
  /** A claim or a send that threw (the database unreachable): the message stays leased, the next poll tries again. */
  onError: (error: unknown) => void;
}

/**
 * Keeps up to `size` messages in flight and refills as they settle, rather
 * than claiming a batch and waiting for its slowest send before claiming
 * again: a message logged meanwhile waits for a free slot, not for a whole
 * round. A claim takes only what can be sent at once, so a claimed row is not
 * left waiting under its lease while another replica sits idle. It claims
 * again once half the window is free (or all of it), so that a busy sender
 * still claims several messages per statement.
 */
export class SendWindow<T> {
  private inFlight = 0;
  private claiming: Promise<void> | null = null;
  /** A wake-up or a full claim said more may be due; cleared when a claim finds less than it asked for. */
  private moreDue = false;
  private closed = false;
  private readonly refillAt: number;
  private readonly whenIdle: (() => void)[] = [];

  constructor(private readonly options: SendWindowOptions<T>) {
    this.refillAt = Math.max(1, Math.ceil(options.size / 2));
  }

  /** Something may be due (new messages logged, or the poll for retries): claim what fits now. */
  nudge(): void {
    this.moreDue = true;
    this.fill();
  }

  /** Messages claimed and not yet settled. */
  get busy(): number {
    return this.inFlight;
  }

  /** Whether a nudge now would be followed by a claim of at least half the window (open, and that much is free). */
  get hasRoom(): boolean {
    return !this.closed && this.options.size - this.inFlight >= this.refillAt;
  }

  /** Claims no more, and resolves once every message in flight is settled. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.claiming && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.whenIdle.push(resolve));
  }

  private fill(): void {
    if (this.closed || this.claiming || !this.moreDue) return;
    const free = this.options.size - this.inFlight;
    if (this.inFlight > 0 && free < this.refillAt) return;
    this.moreDue = false;
    this.claiming = this.claimAndSend(free)
      .catch(this.options.onError)
      .finally(() => {
        this.claiming = null;
        this.settledOne();
      });
  }

  private async claimAndSend(limit: number): Promise<void> {
    const claimed = await this.options.claim(limit);
    // A full claim may have left some behind: claim again as soon as there is room.
    if (claimed.length === limit) this.moreDue = true;
    for (const item of claimed) {
      this.inFlight++;
      void this.options
        .send(item)
        .catch(this.options.onError)
        .finally(() => {
          this.inFlight--;
          this.settledOne();
        });
    }
  }

  private settledOne(): void {
    if (this.closed) {
      if (!this.claiming && this.inFlight === 0) for (const resolve of this.whenIdle.splice(0)) resolve();
      return;
    }
    this.fill();
  }
}
