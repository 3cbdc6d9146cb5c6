import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** What `seedPaymentRecords` wrote, to look for in an export or after an erasure. */
export interface SeededPayments {
  payfipPaymentId: string;
  stripePaymentId: string;
  refundId: string;
  invoiceNumber: string;
  flagId: string;
  establishmentId: string;
}

/**
 * The payment schema's records of one person, as the payment service writes them (no collège of the privacy
 * stack takes online payment, so they are written here): a PayFiP payment they opened with `payerEmail` as `mel`,
 * a card payment whose provider event carries the payer's details as Stripe sends them, a refund they marked done
 * by the public accountant, an invoice they marked paid, a flag they resolved (with its audit entry) and wrote to its
 * payer about, as an admin, and a collège payout account they created. `tag` keeps the unique references of two people apart.
 */
export async function seedPaymentRecords(
  databaseUrl: string,
  accountId: string,
  payer: { email: string; name: string },
  tag: string,
): Promise<SeededPayments> {
  const ids = {
    payfipPaymentId: randomUUID(),
    stripePaymentId: randomUUID(),
    refundId: randomUUID(),
    invoiceNumber: `FA-2026-${tag}`,
    flagId: randomUUID(),
    establishmentId: randomUUID(),
  };
  const checkoutId = `cs_test_${tag}`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const payment = (id: string, provider: string, checkout: string, request: object) =>
      client.query(
        `INSERT INTO payment.payment (id, booking_id, attempt, status, provider, idempotency_key, checkout_id,
                amount_cents, application_fee_cents, expires_at, request, paid_at, created_by, establishment_id)
         VALUES ($1, $2, 1, 'succeeded', $3, $4, $5, 3000, 0, now(), $6, now(), $7, $8)`,
        [
          id,
          randomUUID(),
          provider,
          `checkout:${id}`,
          checkout,
          JSON.stringify(request),
          accountId,
          ids.establishmentId,
        ],
      );
    await payment(ids.payfipPaymentId, 'payfip', `idop-${tag}`, { payerEmail: payer.email, label: 'Gymnase' });
    await payment(ids.stripePaymentId, 'stripe', checkoutId, { label: 'Gymnase' });
    await client.query(
      `INSERT INTO payment.provider_event (id, provider, type, livemode, created_at, payload, processed_at)
       VALUES ($1, 'stripe', 'checkout.session.completed', false, now(), $2, now())`,
      [
        `evt_${tag}`,
        JSON.stringify({
          data: { object: { id: checkoutId, customer_details: { email: payer.email, name: payer.name } } },
        }),
      ],
    );
    await client.query(
      `INSERT INTO payment.refund (id, payment_id, cause, percent, amount_cents, status, idempotency_key,
              accountant_requested_at, accountant_reference, accountant_done_at, accountant_done_by)
       VALUES ($1, $2, 'cancellation', 100, 3000, 'succeeded', $3, now(), $4, now(), $5)`,
      [ids.refundId, ids.payfipPaymentId, `refund:${ids.refundId}`, `OP-${tag}`, accountId],
    );
    await client.query(
      `INSERT INTO payment.invoice (number, booking_id, organisation_id, establishment_id, space_id, starts_at, ends_at,
              amount_cents, payer, labels, status, issued_at, due_at, paid_at, payment_reference, paid_recorded_by)
       VALUES ($1, $2, $3, $4, $3, now(), now(), 3000, $5, '{}', 'paid', now(), now(), now(), $6, $7)`,
      [
        ids.invoiceNumber,
        randomUUID(),
        randomUUID(),
        ids.establishmentId,
        JSON.stringify({ siret: '21380185500015', engagementNumber: `EJ-${tag}` }),
        `MANDAT-${tag}`,
        accountId,
      ],
    );
    await client.query(
      `INSERT INTO payment.payment_flag (id, kind, dedupe_key, payment_id, detail, resolved_at, resolved_by, resolution)
       VALUES ($1, 'late_payment', $2, $3, 'Paiement arrivé après l’échéance', now(), $4, 'Remboursé')`,
      [ids.flagId, `late:${tag}`, ids.payfipPaymentId, accountId],
    );
    await client.query(
      `INSERT INTO payment.payment_flag_contact (flag_id, contacted_by, contacted_by_role, message)
       VALUES ($1, $2, 'department_admin', 'Merci de régulariser le paiement.')`,
      [ids.flagId, accountId],
    );
    await client.query(
      `INSERT INTO payment.audit_log (actor_account_id, actor_role, action, object_type, object_id, establishment_id)
       VALUES ($1, 'department_admin', 'flag.resolved', 'payment_flag', $2, $3)`,
      [accountId, ids.flagId, ids.establishmentId],
    );
    await client.query(
      `INSERT INTO payment.payout_account (establishment_id, provider, account_id, display_name, status, created_by)
       VALUES ($1, 'stripe', $2, 'Collège Champollion', 'ready', $3)`,
      [ids.establishmentId, `acct_${tag}`, accountId],
    );
    return ids;
  } finally {
    await client.end();
  }
}
