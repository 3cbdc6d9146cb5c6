import type { DataSource } from 'typeorm';
import { queryOne, queryRows, returnedRows } from '@salle/db';
import type { PaymentHandlers } from '../access/access-policy';
import { flagAlreadyResolved, flagNotFound, nothingToRefund } from '../errors';
import { paymentFlagTable, type PaymentFlagRecord } from '../database/tables/payment-flag-table';
import { paymentTable, type PaymentRecord } from '../database/tables/payment-table';
import { refundedSoFar, requestRefund } from '../refunds/refund-requests';
import { collectedPaymentStatuses } from '../payments/payment-states';
import { flagViews } from './flag-context';
import { recordPaymentAudit, staffActor } from '../audit/audit.handlers';

/** Payments the département's admins must look at: wrong amounts, late or unknown payments, disputes, failed refunds. */
export function flagHandlers(dataSource: DataSource): Pick<PaymentHandlers, 'flags' | 'resolveFlag'> {
  return {
    flags: {
      access: 'admin',
      handle: async ({ query: { open } }) => {
        const found = await queryRows<PaymentFlagRecord>(
          dataSource,
          `SELECT ${paymentFlagTable.selectList} FROM payment.payment_flag WHERE ($1::boolean = false OR resolved_at IS NULL) ORDER BY created_at DESC LIMIT 500`,
          [open === 'true'],
        );
        return { items: found.map(await flagViews(dataSource, found)) };
      },
    },
    resolveFlag: {
      access: 'admin',
      handle: async ({ params: { flagId }, body }, { access }) => {
        const flag = await dataSource.transaction(async (manager) => {
          const [resolved] = await returnedRows<PaymentFlagRecord>(
            manager,
            `UPDATE payment.payment_flag SET resolved_at = now(), resolved_by = $2, resolution = $3
              WHERE id = $1 AND resolved_at IS NULL RETURNING ${paymentFlagTable.selectList}`,
            [flagId, access.caller.accountId, `${body.action}${body.note ? `: ${body.note}` : ''}`],
          );
          if (!resolved) {
            const exists = await queryOne<{ id: string }>(
              manager,
              `SELECT id FROM payment.payment_flag WHERE id = $1`,
              [flagId],
            );
            throw exists ? flagAlreadyResolved() : flagNotFound();
          }
          if (body.action === 'refund') {
            const payment = resolved.paymentId
              ? await queryOne<Pick<PaymentRecord, 'id' | 'bookingId' | 'amountCents' | 'status'>>(
                  manager,
                  `SELECT ${paymentTable.pick('id', 'bookingId', 'amountCents', 'status')} FROM payment.payment WHERE id = $1 FOR UPDATE`,
                  [resolved.paymentId],
                )
              : undefined;
            if (!payment || !collectedPaymentStatuses.includes(payment.status)) {
              throw nothingToRefund('Aucun paiement encaissé n’est lié à ce signalement.');
            }
            const remaining = payment.amountCents - (await refundedSoFar(manager, payment.id));
            if (remaining <= 0) throw nothingToRefund('Ce paiement est déjà entièrement remboursé.');
            await requestRefund(
              manager,
              { paymentId: payment.id, bookingId: payment.bookingId },
              { cause: 'admin', percent: Math.round((remaining * 100) / payment.amountCents), amountCents: remaining },
            );
          }
          await recordPaymentAudit(manager, {
            actor: staffActor(access),
            action: 'flag.resolved',
            object: { type: 'payment_flag', id: flagId },
            changes: {
              resolution: { before: null, after: body.action },
              resolvedAt: { before: null, after: resolved.resolvedAt?.toISOString() ?? null },
            },
          });
          return resolved;
        });
        return (await flagViews(dataSource, [flag]))(flag);
      },
    },
  };
}
