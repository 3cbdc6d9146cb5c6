import type { DataSource } from 'typeorm';
import type { PaymentPersonalData } from '@salle/contracts';
import { auditEntriesNaming } from '@salle/db';
import type { PaymentHandlers } from '../access/access-policy';
import { PROVIDER_PAYER_FIELDS } from './erasure';

type Data = PaymentPersonalData;

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/**
 * What the payment schema holds about one account (right of access): the records that name the account id, the
 * payer e-mail given to PayFiP with the payments, and the audit entries naming it. One read-only transaction, queries one after the other.
 */
export async function paymentPersonalData(dataSource: DataSource, accountId: string): Promise<PaymentPersonalData> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const rows = async <T>(sql: string) => (await manager.query(sql, [accountId])) as T[];
    const payments = await rows<
      Omit<Data['payments'][number], 'createdAt' | 'paidAt'> & { createdAt: Date; paidAt: Date | null }
    >(
      `SELECT id, booking_id AS "bookingId", provider, status, amount_cents AS "amountCents",
              request->>'payerEmail' AS "payerEmail", receipt_number::text AS "receiptNumber",
              created_at AS "createdAt", paid_at AS "paidAt"
         FROM payment.payment WHERE created_by = $1 ORDER BY created_at, id`,
    );
    const payoutAccounts = await rows<{ establishmentId: string; createdAt: Date }>(
      `SELECT establishment_id AS "establishmentId", created_at AS "createdAt" FROM payment.payout_account
        WHERE created_by = $1 ORDER BY created_at`,
    );
    const refunds = await rows<Omit<Data['refundsMarkedDone'][number], 'doneAt'> & { doneAt: Date | null }>(
      `SELECT id, payment_id AS "paymentId", amount_cents AS "amountCents", status,
              accountant_reference AS "accountantReference", accountant_done_at AS "doneAt"
         FROM payment.refund WHERE accountant_done_by = $1 ORDER BY requested_at, id`,
    );
    const invoices = await rows<Omit<Data['invoicesMarkedPaid'][number], 'paidAt'> & { paidAt: Date | null }>(
      `SELECT number, booking_id AS "bookingId", status, payment_reference AS "paymentReference", paid_at AS "paidAt"
         FROM payment.invoice WHERE paid_recorded_by = $1 ORDER BY issued_at, number`,
    );
    const flags = await rows<Omit<Data['flagsResolved'][number], 'resolvedAt'> & { resolvedAt: Date | null }>(
      `SELECT id, kind, resolution, resolved_at AS "resolvedAt" FROM payment.payment_flag
        WHERE resolved_by = $1 ORDER BY created_at, id`,
    );
    // The payer fields of the provider's events about their payments, as the erasure finds them.
    const providerPayerDetails = (await manager.query(
      `SELECT p.id AS "paymentId",
              (SELECT jsonb_object_agg(f.key, f.value) FROM jsonb_each(e.payload->'data'->'object') f
                WHERE f.key = ANY($2)) AS details
         FROM payment.payment p
         JOIN payment.provider_event e ON e.payload->'data'->'object'->>'id' IN (p.checkout_id, p.charge_id)
        WHERE p.created_by = $1 AND e.payload->'data'->'object' ?| $2
        ORDER BY p.created_at, p.id, e.created_at`,
      [accountId, PROVIDER_PAYER_FIELDS],
    )) as Data['providerPayerDetails'];
    const contacts = await rows<Omit<Data['payerContacts'][number], 'contactedAt'> & { contactedAt: Date }>(
      `SELECT flag_id AS "flagId", contacted_by_role AS role, message, contacted_at AS "contactedAt"
         FROM payment.payment_flag_contact WHERE contacted_by = $1 ORDER BY contacted_at, id`,
    );
    const auditLog = await auditEntriesNaming(manager, 'payment', 'payment', accountId);
    return {
      payments: payments.map((row) => ({ ...row, createdAt: iso(row.createdAt), paidAt: isoOrNull(row.paidAt) })),
      payoutAccountsCreated: payoutAccounts.map((row) => ({ ...row, createdAt: iso(row.createdAt) })),
      refundsMarkedDone: refunds.map((row) => ({ ...row, doneAt: isoOrNull(row.doneAt) })),
      invoicesMarkedPaid: invoices.map((row) => ({ ...row, paidAt: isoOrNull(row.paidAt) })),
      flagsResolved: flags.map((row) => ({ ...row, resolvedAt: isoOrNull(row.resolvedAt) })),
      providerPayerDetails,
      payerContacts: contacts.map((row) => ({ ...row, contactedAt: iso(row.contactedAt) })),
      auditLog,
    };
  });
}

/** `GET /me/personal-data`: the caller's own data; the account id comes from the internal token, never the input. */
export function personalDataHandlers(dataSource: DataSource): Pick<PaymentHandlers, 'personalData'> {
  return {
    personalData: {
      access: 'signedIn',
      handle: (_input, { access }) => paymentPersonalData(dataSource, access.caller.accountId),
    },
  };
}
