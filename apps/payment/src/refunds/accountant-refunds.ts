import type { DataSource } from 'typeorm';
import type { AccountantRefund } from '@salle/contracts';
import { queryOne, queryRows, returnedRows, type AuditRecord } from '@salle/db';
import { recordPaymentAudit } from '../audit/audit.handlers';
import { updateKeepingStatus, withRefundStatusChanged } from '../audit/system-entries';
import { paymentOutbox } from '../events/payment-outbox';
import { appendLedgerEntries } from '../ledger/ledger-store';
import { payfipRefdet } from '../provider/payfip/payfip-fields';

/** A refund request as stored, joined to its payment and booking. */
interface AccountantRefundRow {
  id: string;
  paymentId: string;
  bookingId: string | null;
  paymentBookingId: string | null;
  establishmentId: string | null;
  organisationId: string | null;
  payerName: string | null;
  amountCents: number;
  percent: number;
  cause: AccountantRefund['cause'];
  idOp: string | null;
  numauto: string | null;
  numcli: string | null;
  paidAt: Date | null;
  requestedAt: Date;
  accountantReference: string | null;
  doneAt: Date | null;
}

const SELECT = `
  SELECT r.id, r.payment_id AS "paymentId", r.booking_id AS "bookingId", p.booking_id AS "paymentBookingId",
         p.establishment_id AS "establishmentId", p.organisation_id AS "organisationId",
         b.labels->>'organisationName' AS "payerName", r.amount_cents AS "amountCents", r.percent, r.cause,
         p.checkout_id AS "idOp", p.payment_reference AS numauto, p.destination_account_id AS numcli,
         p.paid_at AS "paidAt", r.accountant_requested_at AS "requestedAt",
         r.accountant_reference AS "accountantReference", r.accountant_done_at AS "doneAt"
    FROM payment.refund r
    JOIN payment.payment p ON p.id = r.payment_id
    LEFT JOIN payment.payable_booking b ON b.booking_id = r.booking_id
   WHERE r.accountant_requested_at IS NOT NULL`;

export function accountantRefundView(row: AccountantRefundRow): AccountantRefund {
  return {
    id: row.id,
    paymentId: row.paymentId,
    bookingId: row.bookingId,
    establishmentId: row.establishmentId,
    payerName: row.payerName,
    amountCents: Number(row.amountCents),
    percent: row.percent,
    cause: row.cause,
    refdet: payfipRefdet(row.paymentId),
    idOp: row.idOp,
    numauto: row.numauto,
    paidAt: row.paidAt?.toISOString() ?? null,
    requestedAt: row.requestedAt.toISOString(),
    done: row.doneAt !== null,
    accountantReference: row.accountantReference,
    doneAt: row.doneAt?.toISOString() ?? null,
  };
}

/** A refund owed on a PayFiP payment becomes a request for the accountant (no provider call exists). */
export async function handToAccountant(dataSource: DataSource, refundId: string): Promise<boolean> {
  const [handed] = await returnedRows<{ id: string }>(
    dataSource,
    withRefundStatusChanged(
      updateKeepingStatus(
        'payment.refund',
        `status = 'pending', accountant_requested_at = now(), last_error = NULL, updated_at = now()`,
        `c.id = $1 AND c.status = 'requested'`,
      ),
      'system',
      'id',
    ),
    [refundId],
  );
  return handed !== undefined;
}

export async function listAccountantRefunds(
  dataSource: DataSource,
  filter: { establishmentId?: string; open: boolean },
): Promise<AccountantRefund[]> {
  const rows = await queryRows<AccountantRefundRow>(
    dataSource,
    `${SELECT} AND ($1::uuid IS NULL OR p.establishment_id = $1) AND (NOT $2 OR r.accountant_done_at IS NULL)
     ORDER BY r.accountant_requested_at, r.id`,
    [filter.establishmentId ?? null, filter.open],
  );
  return rows.map(accountantRefundView);
}

export async function findAccountantRefund(dataSource: DataSource, refundId: string) {
  return queryOne<AccountantRefundRow>(dataSource, `${SELECT} AND r.id = $1`, [refundId]);
}

export type DoneOutcome = { kind: 'done'; refund: AccountantRefund } | { kind: 'already_done' } | { kind: 'missing' };

/**
 * The accountant repaid the payer: the refund succeeds with the accountant's reference, the collège's
 * ledger records the money going back, `payment.refunded` tells the organisation (notification
 * service), and the audit log records who said so, all in one transaction.
 */
export async function markAccountantRefundDone(
  dataSource: DataSource,
  refundId: string,
  reference: string,
  by: AuditRecord['actor'] & { accountId: string },
): Promise<DoneOutcome> {
  return dataSource.transaction(async (manager) => {
    const [done] = await returnedRows<{ id: string }>(
      manager,
      `UPDATE payment.refund SET status = 'succeeded', accountant_reference = $2, accountant_done_at = now(),
              accountant_done_by = $3, updated_at = now()
        WHERE id = $1 AND status = 'pending' AND accountant_requested_at IS NOT NULL AND accountant_done_at IS NULL
        RETURNING id`,
      [refundId, reference, by.accountId],
    );
    const row = await queryOne<AccountantRefundRow>(manager, `${SELECT} AND r.id = $1`, [refundId]);
    if (!row) return { kind: 'missing' };
    if (!done) return { kind: 'already_done' };
    await recordPaymentAudit(manager, {
      actor: by,
      action: 'refund.accountant_done',
      object: { type: 'refund', id: row.id },
      establishmentId: row.establishmentId,
      organisationId: row.organisationId,
      changes: {
        status: { before: 'pending', after: 'succeeded' },
        accountantReference: { before: null, after: reference },
        amountCents: { before: null, after: Number(row.amountCents) },
        paymentId: { before: null, after: row.paymentId },
      },
    });
    await appendLedgerEntries(manager, [
      {
        // Ledger lines follow their payment (a period's payment has no booking), as the payment's own lines do.
        bookingId: row.paymentBookingId,
        paymentId: row.paymentId,
        establishmentId: row.establishmentId,
        party: 'establishment',
        accountId: row.numcli,
        entryType: 'refund',
        amountCents: -Number(row.amountCents),
        providerObjectId: `mandat:${row.id}`,
        occurredAt: row.doneAt ?? new Date(),
      },
    ]);
    if (row.bookingId && row.establishmentId) {
      await paymentOutbox.add(manager, {
        type: 'payment.refunded',
        aggregateId: row.bookingId,
        payload: {
          paymentId: row.paymentId,
          bookingId: row.bookingId,
          establishmentId: row.establishmentId,
          refundId: row.id,
          amountCents: Number(row.amountCents),
          refundPercent: row.percent,
        },
      });
    }
    return { kind: 'done', refund: accountantRefundView(row) };
  });
}
