import type { DataSource } from 'typeorm';
import type { PaymentFlag } from '@salle/contracts';
import { AppError, conflict } from '@salle/http';
import type { PaymentHandlers } from '../access/access-policy';
import { firstRow, rows, updated } from '../payments/payment-records';
import { refundedSoFar, requestRefund } from '../refunds/refund-requests';

const COLUMNS = `id, kind, booking_id AS "bookingId", payment_id AS "paymentId", detail, created_at AS "createdAt", resolved_at AS "resolvedAt"`;

function toFlag(
  row: Omit<PaymentFlag, 'createdAt' | 'resolvedAt'> & { createdAt: Date; resolvedAt: Date | null },
): PaymentFlag {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
  };
}

/** Payments the département's admins must look at: wrong amounts, late or unknown payments, disputes, failed refunds. */
export function flagHandlers(dataSource: DataSource): Pick<PaymentHandlers, 'flags' | 'resolveFlag'> {
  return {
    flags: {
      access: 'admin',
      handle: async ({ query: { open } }) => {
        const found = await rows<Parameters<typeof toFlag>[0]>(
          dataSource,
          `SELECT ${COLUMNS} FROM payment.payment_flag WHERE ($1::boolean = false OR resolved_at IS NULL) ORDER BY created_at DESC LIMIT 500`,
          [open === 'true'],
        );
        return { items: found.map(toFlag) };
      },
    },
    resolveFlag: {
      access: 'admin',
      handle: async ({ params: { flagId }, body }, { access }) => {
        const flag = await dataSource.transaction(async (manager) => {
          const [resolved] = await updated<Parameters<typeof toFlag>[0]>(
            manager,
            `UPDATE payment.payment_flag SET resolved_at = now(), resolved_by = $2, resolution = $3
              WHERE id = $1 AND resolved_at IS NULL RETURNING ${COLUMNS}`,
            [flagId, access.caller.accountId, `${body.action}${body.note ? `: ${body.note}` : ''}`],
          );
          if (!resolved) {
            const exists = await firstRow<{ id: string }>(
              manager,
              `SELECT id FROM payment.payment_flag WHERE id = $1`,
              [flagId],
            );
            throw exists
              ? conflict('flag_already_resolved', 'Ce signalement est déjà traité.')
              : new AppError(404, 'flag_not_found', 'Signalement introuvable.');
          }
          if (body.action === 'refund') {
            const payment = resolved.paymentId
              ? await firstRow<{ id: string; bookingId: string | null; amountCents: number; status: string }>(
                  manager,
                  `SELECT id, booking_id AS "bookingId", amount_cents AS "amountCents", status FROM payment.payment WHERE id = $1 FOR UPDATE`,
                  [resolved.paymentId],
                )
              : undefined;
            if (!payment || !['succeeded', 'rejected'].includes(payment.status)) {
              throw conflict('nothing_to_refund', 'Aucun paiement encaissé n’est lié à ce signalement.');
            }
            const remaining = payment.amountCents - (await refundedSoFar(manager, payment.id));
            if (remaining <= 0) throw conflict('nothing_to_refund', 'Ce paiement est déjà entièrement remboursé.');
            await requestRefund(
              manager,
              { paymentId: payment.id, bookingId: payment.bookingId },
              { cause: 'admin', percent: Math.round((remaining * 100) / payment.amountCents), amountCents: remaining },
            );
          }
          return resolved;
        });
        return toFlag(flag);
      },
    },
  };
}
