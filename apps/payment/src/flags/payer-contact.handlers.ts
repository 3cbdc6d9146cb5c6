import type { DataSource } from 'typeorm';
import type { payerContactOperations } from '@salle/contracts';
import { queryOne } from '@salle/db';
import { reply, type OperationImplementations } from '@salle/http';
import type { PaymentAccessPolicy } from '../access/access-policy';
import { recordPaymentAudit, staffActor } from '../audit/audit.handlers';
import { paymentFlagTable, type PaymentFlagRecord } from '../database/tables/payment-flag-table';
import { flagNotFound, flagWithoutPayer, notFlagManager } from '../errors';
import { paymentOutbox } from '../events/payment-outbox';
import { flagViews } from './flag-context';

/**
 * « Contacter le payeur »: an admin, or a manager of the flagged booking's collège, writes to the payer
 * organisation. In one transaction the flag keeps the contact (who, when, what), the audit log records it and
 * `payment.payer_contacted` is announced, which the notification service mails to the organisation.
 */
export function payerContactHandlers(
  dataSource: DataSource,
): OperationImplementations<typeof payerContactOperations, PaymentAccessPolicy> {
  return {
    contactPayer: {
      access: 'signedIn',
      handle: async ({ params: { flagId }, body }, { access }) => {
        if (!access.isAdmin && access.establishments.size === 0) throw notFlagManager();
        const flag = await dataSource.transaction(async (manager) => {
          const found = await queryOne<PaymentFlagRecord>(
            manager,
            `SELECT ${paymentFlagTable.selectList} FROM payment.payment_flag WHERE id = $1 FOR UPDATE`,
            [flagId],
          );
          if (!found) throw flagNotFound();
          const payer = found.bookingId
            ? await queryOne<{ organisationId: string; establishmentId: string }>(
                manager,
                `SELECT organisation_id AS "organisationId", establishment_id AS "establishmentId"
                   FROM payment.payable_booking WHERE booking_id = $1`,
                [found.bookingId],
              )
            : undefined;
          if (!access.isAdmin && !(payer && access.establishments.has(payer.establishmentId))) throw notFlagManager();
          if (!found.bookingId || !payer) throw flagWithoutPayer();
          const actor = staffActor(access);
          const [contact] = (await manager.query(
            `INSERT INTO payment.payment_flag_contact (flag_id, contacted_by, contacted_by_role, message)
             VALUES ($1, $2, $3, $4) RETURNING id`,
            [flagId, actor.accountId, actor.role, body.message],
          )) as { id: string }[];
          await recordPaymentAudit(manager, {
            actor,
            action: 'flag.payer_contacted',
            object: { type: 'payment_flag', id: flagId },
            establishmentId: payer.establishmentId,
            organisationId: payer.organisationId,
            // The message itself stays with the flag and the notification: the entry says a contact was made.
            changes: { payerContact: { before: null, after: contact?.id ?? null } },
          });
          await paymentOutbox.add(manager, {
            type: 'payment.payer_contacted',
            aggregateId: found.bookingId,
            payload: {
              flagId,
              kind: found.kind,
              bookingId: found.bookingId,
              establishmentId: payer.establishmentId,
              organisationId: payer.organisationId,
              from: access.isAdmin ? 'department' : 'establishment',
              message: body.message,
            },
          });
          return found;
        });
        return reply((await flagViews(dataSource, [flag]))(flag), { status: 201 });
      },
    },
  };
}
