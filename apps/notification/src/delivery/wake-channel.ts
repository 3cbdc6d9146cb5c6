import type { Redis } from '@salle/redis';
import type { Logger } from '@salle/runtime';
import type { BackgroundWorker } from '@salle/service';

/** The Redis pub/sub channel of one deployment's senders (pub/sub channels take no key prefix of their own). */
export function wakeChannelName(keyPrefix: string): string {
  return `${keyPrefix}delivery-wake`;
}

/**
 * Wakes every replica's sender when any replica logs messages. The consumer that handles an event, the reminders
 * and the digests run on whichever replica took them, and each used to wake only its own sender: when that one was
 * busy or stopping, the others slept until their poll. `announce()` wakes the local sender and, when that one has
 * no room to claim at once (`localHasRoom`), publishes on a Redis channel every replica subscribes to (one connection
 * of its own, as pub/sub requires); each message nudges the local sender, which claims with SKIP LOCKED, so the first
 * free sender takes the work and the others find nothing. A local sender with room takes the work alone: waking
 * every replica for every event made each of them claim, and all but one find nothing (a round trip and a scan each,
 * on the database's CPU). Announcements made while one is being published are folded into it: a burst of commits
 * costs one PUBLISH at a time, not one each. A lost announcement (Redis down) only delays messages to the next poll.
 */
export class WakeChannel implements BackgroundWorker {
  readonly name = 'notification-wake';
  private subscriber: Redis | undefined;
  private publishing = false;
  private again = false;

  constructor(
    private readonly redis: Redis,
    readonly channel: string,
    private readonly onWake: () => void,
    private readonly logger: Logger,
    private readonly localHasRoom: () => boolean = () => false,
  ) {}

  async start(): Promise<this> {
    const subscriber = this.redis.duplicate();
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string) => {
      if (channel === this.channel) this.onWake();
    });
    await subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
    return this;
  }

  /** Messages were logged here: this replica's sender claims, and every other one when this one has no room. */
  announce(): void {
    this.onWake();
    if (this.localHasRoom()) return;
    if (this.publishing) {
      this.again = true;
      return;
    }
    this.publishing = true;
    this.redis
      .publish(this.channel, '')
      .catch((error: Error) =>
        this.logger.warn(
          { worker: this.name, reason: error.message },
          'wake-up not published: senders wait for their poll',
        ),
      )
      .finally(() => {
        this.publishing = false;
        if (!this.again) return;
        this.again = false;
        this.announce();
      });
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (!subscriber) return;
    await subscriber.quit().catch(() => subscriber.disconnect());
  }
}
