import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import type { BackgroundWorker } from '@salle/service';
import type { DeliveryMetrics } from './delivery-metrics';
import type { MailSender } from './mail-sender';
import { describeFailure, nextAttemptDelay, type RetryPolicy, type SendOutcome } from './retry-policy';
import { claimDue, settleFailed, settleSent, type LoggedMessage } from './send-log';
import { SettleQueue } from './settle-queue';
import type { SmsSender } from './sms/ovh-sms-sender';
import { smsRetryNotBefore } from './sms/quiet-hours';

/** One sender per channel; a channel turned off has none, and its messages fail. */
export interface ChannelSenders {
  email: MailSender;
  sms: SmsSender | null;
}

export interface DeliverySettings {
  pollMs: number;
  batchSize: number;
  /** How long a claimed message stays away from other senders: longer than any SMTP exchange. */
  leaseMs: number;
  retry: RetryPolicy;
  /** The clock the quiet hours of an SMS retry are read on (tests set the hour); the real one when absent. */
  now?: () => Date;
}

/**
 * Sends what the send log holds, off the event path: booking and payment
 * never wait for SMTP. Each round claims a batch (SKIP LOCKED, so replicas
 * share the work), sends it through the pooled transport, and settles each
 * message: sent, retried later with backoff, or failed for good. The sent
 * ones accepted while a settlement is being written are written together
 * next (`SettleQueue`): one statement per group rather than one per message.
 */
export class DeliveryWorker implements BackgroundWorker {
  readonly name = 'notification-delivery';
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;
  private wakeRequested = false;
  private readonly sent = new SettleQueue((messages) => settleSent(this.dataSource, messages));

  constructor(
    private readonly dataSource: DataSource,
    private readonly senders: ChannelSenders,
    private readonly settings: DeliverySettings,
    private readonly logger: Logger,
    private readonly metrics?: DeliveryMetrics,
  ) {}

  start(): this {
    this.schedule(0);
    return this;
  }

  /** New messages were logged: run a round now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.round) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** Rounds until nothing is due (tests, and the loop itself). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.runRound();
      total += sent;
      if (sent < this.settings.batchSize) return total;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.round) await this.round;
    this.senders.email.close();
    this.senders.sms?.close();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.loop();
    }, delayMs);
  }

  private async loop(): Promise<void> {
    if (this.round) {
      // A round started by drain() is under way: come back after it.
      this.schedule(this.settings.pollMs);
      return;
    }
    try {
      this.wakeRequested = false;
      await this.drain();
    } catch (error) {
      this.logger.warn({ worker: this.name, reason: (error as Error).message }, 'delivery round failed');
    }
    this.schedule(this.wakeRequested ? 0 : this.settings.pollMs);
  }

  /** One claim and its sends; returns how many messages were claimed. */
  private runRound(): Promise<number> {
    const run = (async () => {
      const claimed = await claimDue(this.dataSource, this.settings.batchSize, this.settings.leaseMs);
      await Promise.all(claimed.map((message) => this.deliver(message)));
      return claimed.length;
    })();
    this.round = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => {
      this.round = undefined;
    });
  }

  /** Through the message's channel; both answer alike, so the rules that follow are the same. */
  private send(message: LoggedMessage): Promise<SendOutcome> {
    if (message.channel === 'sms') {
      if (!this.senders.sms)
        return Promise.resolve({ ok: false, failure: { message: 'SMS turned off', permanent: true } });
      return this.senders.sms.send({ id: message.id, to: message.recipient, text: message.text });
    }
    return this.senders.email.send({
      id: message.id,
      to: message.recipient,
      subject: message.subject ?? '',
      text: message.text,
      html: message.html ?? '',
      unsubscribeUrl: message.unsubscribeUrl,
    });
  }

  /** An SMS retry that would fall between 20:00 and 08:00 waits for the morning (same-day exception apart). */
  private quietHoursEnd(message: LoggedMessage, retryIn: number | null): Date | null {
    if (message.channel !== 'sms' || retryIn === null) return null;
    const retryAt = new Date((this.settings.now?.() ?? new Date()).getTime() + retryIn);
    return smsRetryNotBefore(retryAt, message.template, message.sessionStartsAt);
  }

  private async deliver(message: LoggedMessage): Promise<void> {
    const outcome = await this.send(message);
    if (outcome.ok) {
      await this.sent.settle({
        id: message.id,
        response: outcome.response,
        providerId: outcome.providerId ?? null,
        sentAt: new Date(),
      });
      this.metrics?.attempts.inc({ outcome: 'sent' });
      this.metrics?.delay.observe((Date.now() - message.occurredAt.getTime()) / 1000);
      return;
    }
    const retryIn = nextAttemptDelay(outcome.failure, message.attempts, this.settings.retry);
    await settleFailed(
      this.dataSource,
      message.id,
      describeFailure(outcome.failure),
      retryIn,
      this.quietHoursEnd(message, retryIn),
    );
    this.metrics?.attempts.inc({ outcome: retryIn === null ? 'failed' : 'retry' });
    // The message id only: the address and the content are personal data.
    const context = {
      worker: this.name,
      messageId: message.id,
      channel: message.channel,
      attempts: message.attempts,
      code: outcome.failure.responseCode,
    };
    if (retryIn === null) this.logger.error(context, 'message failed for good');
    else this.logger.warn({ ...context, retryInMs: retryIn }, 'message not sent, will retry');
  }
}
