import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '@salle/runtime';
import { queryOne, returnedRows, sqlTextList } from '@salle/db';
import { paymentOutbox } from '../events/payment-outbox';
import { raiseFlag } from '../flags/payment-flags';
import { updateKeepingStatus, withRefundRequested, withRefundStatusChanged } from '../audit/system-entries';
import { disputeEntry, movementEntries } from '../ledger/ledger-entries';
import { appendLedgerEntries } from '../ledger/ledger-store';
import { type PaymentRecord, paymentTable } from '../database/tables/payment-table';
import { type RefundRecord, refundTable } from '../database/tables/refund-table';
import type { PaymentProvider, ProviderRefund } from '../provider/payment-provider';
import { RetryLaterError } from './checkout-settlement';
import { finalRefundStatuses, unsettledRefundStatuses } from '../payments/payment-states';

const STATUS: Record<ProviderRefund['status'], RefundRecord['status']> = {
  pending: 'pending',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * Brings refunds and the ledger in line with a charge as the provider shows
 * it now: refunds (ours, found by their metadata, or made elsewhere), the
 * transfer reversals and fee refunds that came with them. Applying the same
 * read twice, or reads in any order, records each movement once.
 */
export class ChargeSync {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: PaymentProvider,
    private readonly logger: Logger,
  ) {}

  async sync(chargeId: string, sourceEventId: string | null = null): Promise<void> {
    const movements = await this.provider.getChargeMovements(chargeId);
    await this.dataSource.transaction(async (manager) => {
      const payment =
        (await queryOne<PaymentRecord>(
          manager,
          `SELECT ${paymentTable.selectList} FROM payment.payment WHERE charge_id = $1 FOR UPDATE`,
          [chargeId],
        )) ??
        (movements.paymentReference
          ? await queryOne<PaymentRecord>(
              manager,
              `SELECT ${paymentTable.selectList} FROM payment.payment WHERE payment_reference = $1 FOR UPDATE`,
              [movements.paymentReference],
            )
          : undefined);
      // The payment's own provider event has not been applied yet: come back once it has.
      if (!payment || !payment.chargeId)
        throw new RetryLaterError(`charge ${chargeId} is not linked to a settled payment yet`);
      const context = { bookingId: payment.bookingId, paymentId: payment.id, establishmentId: payment.establishmentId };
      await appendLedgerEntries(
        manager,
        movementEntries(context, payment.destinationAccountId, movements),
        sourceEventId,
      );
      for (const refund of movements.refunds) await this.syncRefund(manager, payment, refund, movements.grossCents);
    });
  }

  async recordDispute(
    dispute: { disputeId: string; chargeId: string; amountCents: number; createdAt: Date },
    sourceEventId: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const payment = await queryOne<PaymentRecord>(
        manager,
        `SELECT ${paymentTable.selectList} FROM payment.payment WHERE charge_id = $1 FOR UPDATE`,
        [dispute.chargeId],
      );
      if (!payment)
        throw new RetryLaterError(
          `charge ${dispute.chargeId} of dispute ${dispute.disputeId} is not linked to a payment yet`,
        );
      const context = { bookingId: payment.bookingId, paymentId: payment.id, establishmentId: payment.establishmentId };
      await appendLedgerEntries(
        manager,
        [
          disputeEntry(context, {
            id: dispute.disputeId,
            amountCents: dispute.amountCents,
            createdAt: dispute.createdAt,
          }),
        ],
        sourceEventId,
      );
      await raiseFlag(manager, {
        kind: 'dispute',
        dedupeKey: `dispute:${dispute.disputeId}`,
        bookingId: payment.bookingId,
        paymentId: payment.id,
        detail: `Le payeur conteste le paiement (${(dispute.amountCents / 100).toFixed(2)} €, litige ${dispute.disputeId})\u00a0: répondre avant l’échéance.`,
      });
    });
  }

  private async syncRefund(
    manager: EntityManager,
    payment: PaymentRecord,
    refund: ProviderRefund,
    grossCents: number,
  ): Promise<void> {
    const status = STATUS[refund.status];
    let row = await queryOne<RefundRecord>(
      manager,
      `SELECT ${refundTable.selectList} FROM payment.refund WHERE provider_refund_id = $1 OR id::text = $2 ORDER BY provider_refund_id NULLS LAST LIMIT 1 FOR UPDATE`,
      [refund.id, refund.metadata['refund_id'] ?? ''],
    );
    if (!row) {
      // Made outside this service (the provider's dashboard): recorded so that nothing is lost.
      row = await queryOne<RefundRecord>(
        manager,
        withRefundRequested(
          `INSERT INTO payment.refund (id, payment_id, booking_id, cause, percent, amount_cents, status, idempotency_key, provider_refund_id)
           VALUES ($1, $2, $3, 'external', $4, $5, 'pending', $6, $7) RETURNING *`,
          'provider',
          refundTable.selectList,
        ),
        [
          randomUUID(),
          payment.id,
          payment.bookingId,
          Math.min(100, Math.round((refund.amountCents * 100) / grossCents)),
          refund.amountCents,
          `external:${refund.id}`,
          refund.id,
        ],
      );
      if (!row) return;
      this.logger.warn({ refund: refund.id, payment: payment.id }, 'refund made outside the payment service recorded');
    }
    if (row.status === status || finalRefundStatuses.includes(row.status)) {
      if (!row.providerRefundId)
        await manager.query(`UPDATE payment.refund SET provider_refund_id = $2 WHERE id = $1`, [row.id, refund.id]);
      return;
    }
    const [changed] = await returnedRows<{ id: string }>(
      manager,
      withRefundStatusChanged(
        updateKeepingStatus(
          'payment.refund',
          `status = $2, provider_refund_id = COALESCE(c.provider_refund_id, $3), updated_at = now()`,
          `c.id = $1 AND c.status IN (${sqlTextList(unsettledRefundStatuses)})`,
        ),
        'provider',
        'id',
      ),
      [row.id, status, refund.id],
    );
    if (!changed) return;
    if (status === 'failed') {
      await raiseFlag(manager, {
        kind: 'refund_failed',
        dedupeKey: `refund_failed:${row.id}`,
        bookingId: payment.bookingId,
        paymentId: payment.id,
        detail: `Le remboursement de ${(row.amountCents / 100).toFixed(2)} € a échoué chez le prestataire.`,
      });
    }
    // A refund of a period's payment is about one of its sessions: the refund names it.
    const refundedBookingId = row.bookingId ?? payment.bookingId;
    if (status === 'succeeded' && refundedBookingId && payment.establishmentId) {
      await paymentOutbox.add(manager, {
        type: 'payment.refunded',
        aggregateId: refundedBookingId,
        payload: {
          paymentId: payment.id,
          bookingId: refundedBookingId,
          establishmentId: payment.establishmentId,
          refundId: row.id,
          amountCents: row.amountCents,
          refundPercent: row.percent,
        },
      });
    }
  }
}
