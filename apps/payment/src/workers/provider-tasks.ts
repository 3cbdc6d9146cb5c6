import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { returnedRows } from '@salle/db';
import type { CheckoutDesk } from '../checkout/checkout-desk';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import type { PaymentProviders } from '../provider/payment-providers';
import type { RefundExecutor } from '../refunds/refund-executor';
import type { CheckoutSettlement } from '../settlement/checkout-settlement';
import { paymentMayBecome } from '../payments/payment-states';

/** A creation left unfinished this long is taken over (its caller gave up or crashed). */
const INTERRUPTED_AFTER_SECONDS = 60;
const RETRY_SECONDS = 30;

/**
 * The provider calls that the event handlers only record: refunds owed,
 * checkouts to close when a booking is cancelled or expires, and creations
 * interrupted by a timeout or a crash (resumed with the same key, so the
 * provider replays rather than creating a second checkout).
 */
export class ProviderTasks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: PaymentProviders,
    private readonly settlement: CheckoutSettlement,
    private readonly desk: CheckoutDesk,
    private readonly refunds: RefundExecutor,
    private readonly logger: Logger,
  ) {}

  async run(): Promise<void> {
    await this.refunds.runDue();
    await this.closeCheckouts();
    await this.resumeCreations();
  }

  private async closeCheckouts(): Promise<void> {
    // Leased by pushing the request time forward: a failure is retried later, other replicas skip it meanwhile.
    const due = await returnedRows<PaymentRecord>(
      this.dataSource,
      `UPDATE payment.payment SET expire_requested_at = now() + make_interval(secs => $1)
        WHERE id IN (SELECT id FROM payment.payment WHERE status IN (${paymentMayBecome('expired')}) AND expire_requested_at <= now()
                     ORDER BY expire_requested_at LIMIT 10 FOR UPDATE SKIP LOCKED)
        RETURNING ${paymentTable.selectList}`,
      [RETRY_SECONDS],
    );
    for (const payment of due) {
      try {
        const provider = this.providers.byName(payment.provider);
        if (!payment.checkoutId && provider === this.providers.payfip) {
          await this.settlement.expireUnopened(payment.id);
          continue;
        }
        const opened = payment.checkoutId ? payment : await this.desk.resume(payment);
        if (!opened.checkoutId) continue;
        await this.settlement.apply(await provider.expireCheckout(opened.checkoutId));
      } catch (error) {
        this.logger.warn(
          { payment: payment.id, reason: (error as Error).message },
          'checkout not closed yet: retrying later',
        );
      }
    }
  }

  private async resumeCreations(): Promise<void> {
    const due = await returnedRows<PaymentRecord>(
      this.dataSource,
      `UPDATE payment.payment SET updated_at = now()
        WHERE id IN (SELECT id FROM payment.payment WHERE status = 'creating' AND expire_requested_at IS NULL
                       AND provider <> $2 AND updated_at < now() - make_interval(secs => $1)
                     ORDER BY updated_at LIMIT 10 FOR UPDATE SKIP LOCKED)
        RETURNING ${paymentTable.selectList}`,
      // A PayFiP creation is not resumed behind the payer's back: an idOp nobody is shown would only lapse,
      // and PayFiP has no idempotency key. The payer's next click resumes it.
      [INTERRUPTED_AFTER_SECONDS, this.providers.payfip.name],
    );
    for (const payment of due) {
      try {
        await this.desk.resume(payment);
      } catch (error) {
        this.logger.warn(
          { payment: payment.id, reason: (error as Error).message },
          'interrupted checkout not resumed yet',
        );
      }
    }
  }
}
