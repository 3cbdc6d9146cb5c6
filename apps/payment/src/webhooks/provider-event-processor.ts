import type { DataSource } from 'typeorm';
import type { BackgroundWorker } from '@salle/service';
import type { Logger } from '@salle/runtime';
import { returnedRows } from '@salle/db';
import type { PayoutAccounts } from '../accounts/payout-accounts';
import { raiseFlag } from '../flags/payment-flags';
import type { PayoutRecorder } from '../ledger/payout-recorder';
import { providerEventTable, type StoredProviderEvent } from '../database/tables/provider-event-table';
import {
  ProviderError,
  type ProviderEventEnvelope,
  type PaymentProvider,
  type ProviderEventMeaning,
} from '../provider/payment-provider';
import type { ChargeSync } from '../settlement/charge-sync';
import { RetryLaterError, type CheckoutSettlement } from '../settlement/checkout-settlement';
import { flagUnconfirmedPayment } from '../settlement/unconfirmed-payment';

export interface ProviderEventProcessorOptions {
  dataSource: DataSource;
  provider: PaymentProvider;
  settlement: CheckoutSettlement;
  charges: ChargeSync;
  accounts: PayoutAccounts;
  payouts: PayoutRecorder;
  logger: Logger;
  pollMs: number;
  batchSize?: number;
}

/** While a provider event is being processed, other replicas leave it alone this long. */
const LEASE_SECONDS = 60;
/** After this many failed attempts an admin is told (processing goes on retrying). */
const FLAG_AFTER_ATTEMPTS = 8;

function backoffSeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.min(attempts, 9));
}

/**
 * Processes stored provider events after their webhooks were acknowledged, oldest first:
 * each is interpreted by the provider adapter and applied by re-reading the
 * object it concerns. A failure is retried with backoff, never dropped.
 * Several replicas share the work through leases (FOR UPDATE SKIP LOCKED).
 */
export class ProviderEventProcessor implements BackgroundWorker {
  readonly name = 'provider-events';
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private pendingWake = false;

  constructor(private readonly options: ProviderEventProcessorOptions) {}

  start(): this {
    this.loop = this.run();
    return this;
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
  }

  /** Processes what is due now; returns how many provider events were handled. */
  async processDue(): Promise<number> {
    const due = await returnedRows<StoredProviderEvent>(
      this.options.dataSource,
      `UPDATE payment.provider_event SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
        WHERE id IN (
          SELECT id FROM payment.provider_event WHERE processed_at IS NULL AND next_attempt_at <= now()
          ORDER BY created_at, received_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${providerEventTable.selectList}`,
      [this.options.batchSize ?? 20, LEASE_SECONDS],
    );
    due.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const stored of due) await this.process(stored);
    return due.length;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let handled = 0;
      try {
        handled = await this.processDue();
      } catch (error) {
        this.options.logger.warn({ reason: (error as Error).message }, 'provider event processing paused');
      }
      if (handled > 0 || this.stopped) continue;
      if (this.pendingWake) {
        this.pendingWake = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
      this.pendingWake = false;
    }
  }

  /**
   * Signed with our secret but about an object the provider does not have (another mode, a deleted object,
   * a connected account's object): nothing to apply, but a payment it announces is shown to the admins.
   */
  private async setAside(
    stored: StoredProviderEvent,
    meaning: ProviderEventMeaning | undefined,
    reason: string,
  ): Promise<void> {
    this.options.logger.warn(
      { event: stored.id, type: stored.type, reason },
      'provider event about an object unknown to the provider: set aside',
    );
    await this.options.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE payment.provider_event SET processed_at = now(), last_error = $2 WHERE id = $1`, [
        stored.id,
        reason.slice(0, 1000),
      ]);
      if (meaning?.kind === 'checkout' && meaning.claim)
        await flagUnconfirmedPayment(manager, meaning.checkoutId, meaning.claim);
    });
  }

  private async process(stored: StoredProviderEvent): Promise<void> {
    const envelope: ProviderEventEnvelope = {
      id: stored.id,
      type: stored.type,
      accountId: stored.account,
      livemode: stored.livemode,
      apiVersion: stored.apiVersion,
      createdAt: stored.createdAt,
      payload: stored.payload,
    };
    let meaning: ProviderEventMeaning | undefined;
    try {
      meaning = this.options.provider.interpret(envelope);
      await this.apply(meaning, stored.id);
      await this.options.dataSource.query(
        `UPDATE payment.provider_event SET processed_at = now(), last_error = NULL WHERE id = $1`,
        [stored.id],
      );
    } catch (error) {
      const reason = (error as Error).message ?? String(error);
      if (error instanceof ProviderError && error.kind === 'not_found') {
        await this.setAside(stored, meaning, reason);
        return;
      }
      await this.retryLater(stored, error, reason);
    }
  }

  /** Settles, syncs or records what the event concerns, after a fresh read at the provider. */
  private async apply(meaning: ProviderEventMeaning, eventId: string): Promise<void> {
    switch (meaning.kind) {
      case 'checkout':
        await this.options.settlement.settleCheckout(meaning.checkoutId, eventId);
        return;
      case 'charge':
        await this.options.charges.sync(meaning.chargeId, eventId);
        return;
      case 'dispute':
        await this.options.charges.recordDispute(meaning, eventId);
        return;
      case 'payout_account':
        await this.options.accounts.refresh(meaning.accountId);
        return;
      case 'payout':
        await this.options.payouts.record(meaning, eventId);
        return;
      case 'ignored':
        return;
    }
  }

  /** Backs off (briefly when the event only waits for another one), and tells the admins of an event stuck long. */
  private async retryLater(stored: StoredProviderEvent, error: unknown, reason: string): Promise<void> {
    const level = error instanceof RetryLaterError ? 'info' : 'warn';
    this.options.logger[level](
      { event: stored.id, type: stored.type, attempts: stored.attempts, reason },
      'provider event not applied yet: retrying later',
    );
    await this.options.dataSource.query(
      `UPDATE payment.provider_event SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
      [
        stored.id,
        reason.slice(0, 1000),
        error instanceof RetryLaterError
          ? Math.min(backoffSeconds(stored.attempts), 5)
          : backoffSeconds(stored.attempts),
      ],
    );
    if (stored.attempts !== FLAG_AFTER_ATTEMPTS) return;
    await this.options.dataSource.transaction((manager) =>
      raiseFlag(manager, {
        kind: 'provider_error',
        dedupeKey: `provider_event:${stored.id}`,
        bookingId: null,
        paymentId: null,
        detail:
          `L’événement ${stored.type} (${stored.id}) n’a pas pu être traité après ${stored.attempts} tentatives\u00a0: ${reason}`.slice(
            0,
            1000,
          ),
      }),
    );
  }
}
