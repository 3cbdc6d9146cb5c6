import type { PaymentFlag, PaymentFlagContext } from '@salle/contracts';
import { queryRows, type Queryable } from '@salle/db';
import type { PaymentFlagRecord } from '../database/tables/payment-flag-table';
import { payableBookingTable, type PayableBooking } from '../database/tables/payable-booking-table';
import { paymentTable, type PaymentRecord } from '../database/tables/payment-table';

type PayerContactRole = PaymentFlag['payerContacts'][number]['byRole'];

type FlaggedPayment = Pick<PaymentRecord, 'id' | 'provider' | 'paymentReference' | 'chargeId' | 'amountCents'>;
type FlaggedBooking = Pick<PayableBooking, 'bookingId' | 'priceCents' | 'startsAt' | 'labels'>;

/** A flag's context from its payment and booking rows, either possibly unknown here. */
export function flagContext(
  payment: FlaggedPayment | undefined,
  booking: FlaggedBooking | undefined,
): PaymentFlagContext {
  return {
    provider: payment?.provider ?? null,
    providerReference: payment ? (payment.chargeId ?? payment.paymentReference) : null,
    paidCents: payment?.amountCents ?? null,
    priceCents: booking?.priceCents ?? null,
    organisationName: booking?.labels?.organisationName ?? null,
    establishmentName: booking?.labels?.establishmentName ?? null,
    spaceName: booking?.labels?.spaceName ?? null,
    startsAt: booking ? booking.startsAt.toISOString() : null,
  };
}

/**
 * Reads the payments and bookings of `rows` (two queries for them all) and answers how the API shows each of these
 * flags, with its context.
 */
export async function flagViews(
  db: Queryable,
  rows: readonly PaymentFlagRecord[],
): Promise<(row: PaymentFlagRecord) => PaymentFlag> {
  const paymentIds = rows.flatMap((row) => (row.paymentId ? [row.paymentId] : []));
  const bookingIds = rows.flatMap((row) => (row.bookingId ? [row.bookingId] : []));
  const payments = await queryRows<FlaggedPayment>(
    db,
    `SELECT ${paymentTable.pick('id', 'provider', 'paymentReference', 'chargeId', 'amountCents')}
       FROM payment.payment WHERE id = ANY($1::uuid[])`,
    [paymentIds],
  );
  const bookings = await queryRows<FlaggedBooking>(
    db,
    `SELECT ${payableBookingTable.pick('bookingId', 'priceCents', 'startsAt', 'labels')}
       FROM payment.payable_booking WHERE booking_id = ANY($1::uuid[])`,
    [bookingIds],
  );
  const contacts = await queryRows<{ flagId: string; at: Date; byAccountId: string | null; byRole: PayerContactRole }>(
    db,
    `SELECT flag_id AS "flagId", contacted_at AS at, contacted_by AS "byAccountId", contacted_by_role AS "byRole"
       FROM payment.payment_flag_contact WHERE flag_id = ANY($1::uuid[]) ORDER BY contacted_at, id`,
    [rows.map((row) => row.id)],
  );
  return (row) => ({
    ...row,
    payerContacts: contacts
      .filter((contact) => contact.flagId === row.id)
      .map(({ at, byAccountId, byRole }) => ({ at: at.toISOString(), byAccountId, byRole })),
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
    context: flagContext(
      payments.find((payment) => payment.id === row.paymentId),
      bookings.find((booking) => booking.bookingId === row.bookingId),
    ),
  });
}
