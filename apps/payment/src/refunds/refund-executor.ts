import type { DataSource } from 'typeorm';
import { frenchEuros } from '@salle/contracts';
import type { Logger } from '@salle/runtime';
import { queryOne, returnedRows } from '@salle/db';
import { raiseFlag } from '../flags/payment-flags';
import { updateKeepingStatus, withRefundStatusChanged } from '../audit/system-entries';
import { paymentTable, type PaymentRecord } from '../database/tables/payment-table';
import { type RefundRecord, refundTable } from '../database/tables/refund-table';
import { ProviderError } from '../provider/payment-provider';
import type { PaymentProviders } from '../provider/payment-providers';
import { handToAccountant } from './accountant-refunds';
import { COUNTER_PROVIDER } from '../counter/counter-provider';
import type { ChargeSync } from '../settlement/charge-sync';

/** While a refund is being asked for, other replicas leave it alone this long. */
const LEASE_SECONDS = 60;

function backoffSeconds(attempts: number): number {
  return Math.min(600, 2 ** Math.min(attempts, 10));
}

/**
 * Refunds on PayFiP payments and on payments taken at the counter are handed to the collège's public accountant
 * (`handToAccountant`).
 * Otherwise asks the provider for the refunds owed, with their deterministic
 * idempotency keys: a retry after a timeout or a crash never refunds twice.
 * Both shares go back in proportion (reverse_transfer and
 * refund_application_fee). What happened is then read back from the charge.
 */
export class RefundExecutor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: PaymentProviders,
    private readonly charges: ChargeSync,
    private readonly logger: Logger,
  ) {}

  /** Runs the refunds that are due; returns how many were attempted. */
  async runDue(limit = 10): Promise<number> {
    const due = await returnedRows<RefundRecord>(
      this.dataSource,
      `UPDATE payment.refund SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
        WHERE id IN (
          SELECT id FROM payment.refund WHERE status = 'requested' AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${refundTable.selectList}`,
      [limit, LEASE_SECONDS],
    );
    for (const refund of due) await this.execute(refund);
    return due.length;
  }

  private async execute(refund: RefundRecord): Promise<void> {
    const payment = await queryOne<Pick<PaymentRecord, 'paymentReference' | 'chargeId' | 'provider'>>(
      this.dataSource,
      `SELECT ${paymentTable.pick('paymentReference', 'chargeId', 'provider')} FROM payment.payment WHERE id = $1`,
      [refund.paymentId],
    );
    const provider = payment ? this.providers.byName(payment.provider) : this.providers.stripe;
    // PayFiP cannot refund, and money taken at the counter is in the collège's régie: in both cases the public
    // accountant repays the payer on request.
    if (payment && (provider === this.providers.payfip || payment.provider === COUNTER_PROVIDER)) {
      if (await handToAccountant(this.dataSource, refund.id))
        this.logger.info(
          { refund: refund.id, provider: payment.provider },
          'refund requested from the public accountant',
        );
      return;
    }
    if (!payment?.paymentReference || !payment.chargeId) {
      await this.retryLater(refund, 'the payment has no settled charge yet');
      return;
    }
    try {
      await provider.refund(
        {
          paymentReference: payment.paymentReference,
          amountCents: refund.amountCents,
          reverseTransfer: true,
          refundApplicationFee: true,
          metadata: {
            refund_id: refund.id,
            payment_id: refund.paymentId,
            booking_id: refund.bookingId ?? '',
            cause: refund.cause,
          },
        },
        refund.idempotencyKey,
      );
      await this.charges.sync(payment.chargeId);
    } catch (error) {
      if (error instanceof ProviderError && !error.retryable) {
        await this.fail(refund, error);
        return;
      }
      await this.retryLater(refund, (error as Error).message);
    }
  }

  private async retryLater(refund: RefundRecord, reason: string): Promise<void> {
    this.logger.warn({ refund: refund.id, attempts: refund.attempts, reason }, 'refund not done yet: retrying later');
    await this.dataSource.query(
      `UPDATE payment.refund SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1 AND status = 'requested'`,
      [refund.id, reason.slice(0, 1000), backoffSeconds(refund.attempts)],
    );
  }

  private async fail(refund: RefundRecord, error: ProviderError): Promise<void> {
    this.logger.error({ refund: refund.id, kind: error.kind, reason: error.message }, 'refund refused by the provider');
    await this.dataSource.transaction(async (manager) => {
      const [failed] = await returnedRows<{ id: string }>(
        manager,
        withRefundStatusChanged(
          updateKeepingStatus(
            'payment.refund',
            `status = 'failed', last_error = $2, updated_at = now()`,
            `c.id = $1 AND c.status = 'requested'`,
          ),
          'system',
          'id',
        ),
        [refund.id, error.message.slice(0, 1000)],
      );
      if (!failed) return;
      await raiseFlag(manager, {
        kind: 'refund_failed',
        dedupeKey: `refund_failed:${refund.id}`,
        bookingId: refund.bookingId,
        paymentId: refund.paymentId,
        detail:
          `Le prestataire a refusé le remboursement de ${frenchEuros(refund.amountCents)}\u00a0: ${error.message}`.slice(
            0,
            1000,
          ),
      });
    });
  }
}
