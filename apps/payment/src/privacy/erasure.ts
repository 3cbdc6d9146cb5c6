import type { DataSource, EntityManager } from 'typeorm';
import {
  ACCOUNTING_KEPT_REASON,
  accountingKeptUntil,
  ERASED_ACCOUNT_ID,
  type KeptRecord,
  type ServiceErasureReport,
} from '@salle/contracts';
import { deleteDeliveredEventsNaming } from '@salle/events';
import type { PaymentHandlers } from '../access/access-policy';
import { eraseFromAuditLog } from '@salle/db';

const count = (result: unknown) => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/** What the provider's copy of a checkout or charge may say about the payer (Stripe collects it on its page). */
export const PROVIDER_PAYER_FIELDS = ['customer_details', 'customer_email', 'billing_details', 'receipt_email'];

/** The kept record of `what`: the `table` rows naming the account, the newest dated by `dated`. */
async function keptOf(
  manager: EntityManager,
  what: string,
  from: string,
  dated: string,
  accountId: string,
): Promise<KeptRecord | undefined> {
  const [row] = (await manager.query(`SELECT count(*)::int AS count, max(${dated}) AS newest FROM ${from}`, [
    accountId,
  ])) as { count: number; newest: Date | null }[];
  if (!row?.count || !row.newest) return undefined;
  return { what, count: row.count, reason: ACCOUNTING_KEPT_REASON, keptUntil: accountingKeptUntil(row.newest) };
}

/**
 * Erases one account from the payment schema (RGPD art. 17), in one transaction, idempotent. Payments and invoices
 * are accounting records (Code de commerce, art. L123-22): they stay, amounts and references, without the person:
 * the payer e-mail given to PayFiP and the provider's copy of the payer's details are deleted (`removed` counts
 * them), the account id is cut from every record (the payout account a person created is the collège's: it
 * keeps ERASED_ACCOUNT_ID, its column being required). A second run finds nothing and reports nothing kept.
 */
export async function eraseFromPayment(dataSource: DataSource, accountId: string): Promise<ServiceErasureReport> {
  return dataSource.transaction(async (manager) => {
    await eraseFromAuditLog(manager, 'payment', accountId);
    const kept = [
      await keptOf(manager, 'payments', `payment.payment WHERE created_by = $1`, 'created_at', accountId),
      await keptOf(manager, 'invoices', `payment.invoice WHERE paid_recorded_by = $1`, 'issued_at', accountId),
    ].filter((record): record is KeptRecord => record !== undefined);
    const fields = PROVIDER_PAYER_FIELDS.map((field) => `#- '{data,object,${field}}'`).join(' ');
    const details = await manager.query(
      `UPDATE payment.provider_event e SET payload = e.payload ${fields}
         FROM payment.payment p
        WHERE p.created_by = $1 AND e.payload->'data'->'object'->>'id' IN (p.checkout_id, p.charge_id)
          AND e.payload->'data'->'object' ?| $2`,
      [accountId, PROVIDER_PAYER_FIELDS],
    );
    const emails = await manager.query(
      `UPDATE payment.payment SET request = request - 'payerEmail' WHERE created_by = $1 AND request ? 'payerEmail'`,
      [accountId],
    );
    const cut = (sql: string) => manager.query(sql, [accountId]);
    await cut(`UPDATE payment.payment SET created_by = NULL WHERE created_by = $1`);
    await cut(`UPDATE payment.refund SET accountant_done_by = NULL WHERE accountant_done_by = $1`);
    await cut(`UPDATE payment.invoice SET paid_recorded_by = NULL WHERE paid_recorded_by = $1`);
    await cut(`UPDATE payment.payment_flag SET resolved_by = NULL WHERE resolved_by = $1`);
    // A contact with the payer stays in the flag's history (its role, date and message), without who wrote it.
    await cut(`UPDATE payment.payment_flag_contact SET contacted_by = NULL WHERE contacted_by = $1`);
    await manager.query(`UPDATE payment.payout_account SET created_by = $2 WHERE created_by = $1`, [
      accountId,
      ERASED_ACCOUNT_ID,
    ]);
    // The events already delivered that name the person only await pruning.
    await deleteDeliveredEventsNaming(manager, 'payment', accountId);
    return { removed: count(details) + count(emails), kept };
  });
}

/** Asked by the gateway when an admin executes a person's erasure request. */
export function erasureHandlers(dataSource: DataSource): Pick<PaymentHandlers, 'erasePersonalData'> {
  return {
    erasePersonalData: { access: 'admin', handle: ({ params }) => eraseFromPayment(dataSource, params.accountId) },
  };
}
