import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { returnedRows } from '@salle/db';
import { paymentTable, type PaymentRecord } from '../database/tables/payment-table';
import type { PaymentProvider } from '../provider/payment-provider';
import type { CheckoutSettlement } from '../settlement/checkout-settlement';

export interface PayfipCatchUpOptions {
  /** An operation is re-read this long after it was last read or changed. */
  everyMs: number;
  batchSize?: number;
}

/**
 * PayFiP's notifications can be lost and are not known to be retried: every pending operation (open, or
 * a debit under way) is re-read in turn. Rows are leased by moving `updated_at` forward under
 * `FOR UPDATE SKIP LOCKED`, so replicas share the work and a failure is retried at the next round. A P5
 * answer ("not known yet") leaves the payment where it is.
 */
export class PayfipCatchUp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payfip: PaymentProvider,
    private readonly settlement: CheckoutSettlement,
    private readonly options: PayfipCatchUpOptions,
    private readonly logger: Logger,
  ) {}

  async run(): Promise<number> {
    const due = await returnedRows<Pick<PaymentRecord, 'id' | 'checkoutId'>>(
      this.dataSource,
      `UPDATE payment.payment SET updated_at = now()
        WHERE id IN (SELECT id FROM payment.payment
                      WHERE provider = $1 AND status IN ('open', 'processing') AND checkout_id IS NOT NULL
                        AND updated_at < now() - make_interval(secs => $2)
                      ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${paymentTable.pick('id', 'checkoutId')}`,
      [this.payfip.name, this.options.everyMs / 1000, this.options.batchSize ?? 20],
    );
    for (const { id, checkoutId } of due) {
      if (!checkoutId) continue;
      try {
        await this.settlement.settleCheckout(checkoutId, null, this.payfip);
      } catch (error) {
        this.logger.warn({ payment: id, reason: (error as Error).message }, 'PayFiP operation not re-read yet');
      }
    }
    return due.length;
  }
}
