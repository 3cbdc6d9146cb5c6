import type { DataSource } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { queryOne } from '@salle/db';
import { paymentTable, type PaymentRecord } from '../database/tables/payment-table';
import { inProgressPaymentStatuses } from '../payments/payment-states';
import type { PaymentProvider } from '../provider/payment-provider';
import type { CheckoutSettlement } from './checkout-settlement';

/** What a notification led to, as `payment.payfip_notification.outcome` records it (its CHECK lists the same). */
export const PAYFIP_NOTIFICATION_OUTCOMES = [
  'malformed',
  'unknown',
  'already_settled',
  'read_back',
  'read_failed',
] as const;
export type PayfipNotificationOutcome = (typeof PAYFIP_NOTIFICATION_OUTCOMES)[number];

/**
 * What a PayFiP notification may do: name an idOp, nothing more. An idOp this service did not create, or
 * whose payment is already settled (a replay, a late duplicate), changes nothing; any other is read back
 * from PayFiP and applied. Each notification is recorded with what it led to.
 */
export class PayfipWakeUp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payfip: PaymentProvider,
    private readonly settlement: CheckoutSettlement,
    private readonly logger: Logger,
  ) {}

  async receive(idOp: string | null): Promise<PayfipNotificationOutcome> {
    // When it arrived, not when its read-back ended: the benchmark measures notification → confirmation.
    const receivedAt = new Date();
    const payment = idOp
      ? await queryOne<Pick<PaymentRecord, 'id' | 'status'>>(
          this.dataSource,
          `SELECT ${paymentTable.pick('id', 'status')} FROM payment.payment WHERE checkout_id = $1 AND provider = $2`,
          [idOp, this.payfip.name],
        )
      : undefined;
    const outcome = !idOp
      ? 'malformed'
      : !payment
        ? 'unknown'
        : !inProgressPaymentStatuses.includes(payment.status)
          ? 'already_settled'
          : await this.readBack(idOp);
    await this.dataSource.query(
      `INSERT INTO payment.payfip_notification (id_op, payment_id, outcome, received_at) VALUES ($1, $2, $3, $4)`,
      [idOp, payment?.id ?? null, outcome, receivedAt],
    );
    if (outcome !== 'read_back') this.logger.warn({ idOp, outcome }, 'PayFiP notification without effect');
    return outcome;
  }

  private async readBack(idOp: string): Promise<PayfipNotificationOutcome> {
    try {
      await this.settlement.settleCheckout(idOp, null, this.payfip);
      return 'read_back';
    } catch (error) {
      // The catch-up reads it again later.
      this.logger.warn({ idOp, reason: (error as Error).message }, 'PayFiP result not read back yet');
      return 'read_failed';
    }
  }
}
