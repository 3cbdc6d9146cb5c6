import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import type { BackgroundWorker } from '@salle/service';
import type { DeliveryMetrics } from './delivery-metrics';
import type { MailSender } from './mail-sender';
import { describeFailure, nextAttemptDelay, type RetryPolicy, type SendOutcome } from './retry-policy';
import { claimDue, settleFailed, settleSent, type LoggedMessage } from './send-log';
import { SendWindow } from './send-window';
import { SettleQueue } from './settle-queue';
import type { SmsSender } from './sms/ovh-sms-sender';
import { smsRetryNotBefore } from './sms/quiet-hours';

/**
 * How long a sent message's settlement waits for others to share its statement: at 200 messages a second,
 * groups of several instead of one or two, for a row update that nobody waits for (see `SettleQueue`).
 */
const SETTLE_LINGER_MS = 20;

/** One sender per channel; a channel turned off has none, and its messages fail. */
export interface ChannelSenders {
  email: MailSender;
  sms: SmsSender | null;
}

export interface DeliverySettings {
  /** How often the send log is read for retries that fell due (new messages wake the sender at once). */
  pollMs: number;
  /** Messages in flight at most, claimed as they settle (see `SendWindow`). */
  batchSize: number;
  /** How long a claimed message stays away from other senders: longer than any SMTP exchange. */
  leaseMs: number;
  retry: RetryPolicy;
  /** The clock the quiet hours of an SMS retry are read on (tests set the hour); the real one when absent. */
  now?: () => Date;
}

/**
 * Sends what the send log holds, off the event path: booking and payment
 * never wait for SMTP. It keeps up to `batchSize` messages in flight,
 * claiming more (SKIP LOCKED, so replicas share the work) as they settle
 * (`SendWindow`), and settles each message: sent, retried later with
 * backoff, or failed for good. The sent ones accepted while a settlement is
 * being written are written together next (`SettleQueue`): one statement per
 * group rather than one per message.
 */
export class DeliveryWorker implements BackgroundWorker {
  readonly name = 'notification-delivery';
  private timer: NodeJS.Timeout | undefined;
  private readonly sent = new SettleQueue((messages) => settleSent(this.dataSource, messages), SETTLE_LINGER_MS);
  private readonly window: SendWindow<LoggedMessage>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly senders: ChannelSenders,
    private readonly settings: DeliverySettings,
    private readonly logger: Logger,
    private readonly metrics?: DeliveryMetrics,
  ) {
    this.window = new SendWindow({
      size: settings.batchSize,
      claim: (limit) => claimDue(dataSource, limit, settings.leaseMs),
      send: (message) => this.deliver(message),
      onError: (error) =>
        logger.warn({ worker: this.name, reason: (error as Error).message }, 'delivery claim or settlement failed'),
    });
  }

  start(): this {
    this.window.nudge();
    this.timer = setInterval(() => this.window.nudge(), this.settings.pollMs);
    return this;
  }

  /** New messages were logged: claim them now rather than at the next poll. */
  wake(): void {
    this.window.nudge();
  }

  /** Whether this sender, woken now, would claim at once (see `SendWindow.hasRoom`). */
  get hasRoom(): boolean {
    return this.window.hasRoom;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.window.close();
    this.senders.email.close();
    this.senders.sms?.close();
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
