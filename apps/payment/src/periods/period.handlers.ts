import type { DataSource } from 'typeorm';
import type { PeriodCheckoutResponse, SeriesPaymentView } from '@salle/contracts';
import { reply } from '@salle/http';
import { queryRows } from '@salle/db';
import { maySeeBooking } from '@salle/auth';
import type { PaymentHandlers } from '../access/access-policy';
import { type PayableBooking, payableBookingTable } from '../database/tables/payable-booking-table';
import { type CounterPaymentRecord, counterPaymentTable } from '../database/tables/counter-payment-table';
import { counterDetails } from '../counter/counter-details';
import { checkoutNotOpen, seriesPaymentNotFound } from '../errors';
import { inProgressPaymentStatuses } from '../payments/payment-states';
import { sessionsPaidBy } from './period-items';
import type { PeriodCheckoutDesk } from './period-checkout-desk';

/** What was paid for each session of a series and refunded of it, whichever payment paid it (alone or with its period). */
interface SessionMoney {
  bookingId: string;
  status: string;
  paidCents: number;
  refundedCents: number;
  paidAt: Date | null;
}

/** Pay a series' period as one item (`openPeriodCheckout`) and see what is paid per period (`seriesPayment`). */
export function periodHandlers(
  dataSource: DataSource,
  desk: PeriodCheckoutDesk,
): Pick<PaymentHandlers, 'openPeriodCheckout' | 'seriesPayment'> {
  return {
    openPeriodCheckout: {
      access: 'signedIn',
      handle: async ({ params: { seriesId, periodKey }, body: input }, { access }) => {
        const { payment, created } = await desk.open(seriesId, periodKey, access, input?.payerEmail);
        if (payment.status !== 'open' || !payment.checkoutUrl) throw checkoutNotOpen();
        const items = await sessionsPaidBy(dataSource, payment);
        const body: PeriodCheckoutResponse = {
          paymentId: payment.id,
          seriesId,
          periodKey,
          bookingIds: items.map((item) => item.bookingId),
          checkoutUrl: payment.checkoutUrl,
          expiresAt: payment.expiresAt.toISOString(),
          amountCents: payment.amountCents,
        };
        return reply(body, { status: created ? 201 : 200 });
      },
    },
    seriesPayment: {
      access: 'signedIn',
      handle: async ({ params: { seriesId } }, { access }) => {
        const sessions = await queryRows<PayableBooking>(
          dataSource,
          `SELECT ${payableBookingTable.selectList} FROM payment.payable_booking WHERE series_id = $1 ORDER BY starts_at`,
          [seriesId],
        );
        const first = sessions[0];
        if (!first || !maySeeBooking(access, first)) throw seriesPaymentNotFound();
        // Each session's share of the accepted payments that paid it, and what went back of that share.
        const money = await queryRows<SessionMoney>(
          dataSource,
          `SELECT s.booking_id AS "bookingId", p.status, s.amount_cents AS "paidCents", p.paid_at AS "paidAt",
                  COALESCE((SELECT SUM(r.amount_cents) FROM payment.refund r
                             WHERE r.payment_id = p.id AND r.status = 'succeeded'
                               AND (r.booking_id = s.booking_id OR r.booking_id IS NULL)), 0)::int AS "refundedCents"
             FROM (SELECT payment_id, booking_id, amount_cents FROM payment.payment_item
                   UNION ALL
                   SELECT id, booking_id, amount_cents FROM payment.payment WHERE booking_id IS NOT NULL) s
             JOIN payment.payment p ON p.id = s.payment_id
            WHERE s.booking_id = ANY($1::uuid[])`,
          [sessions.map((session) => session.bookingId)],
        );
        // The periods paid at the counter (one accepted payment per period at most): what the régie recorded.
        const atCounter = await queryRows<CounterPaymentRecord & { periodKey: string }>(
          dataSource,
          `SELECT ${counterPaymentTable.selectListOf('c')}, p.period_key AS "periodKey"
             FROM payment.counter_payment c JOIN payment.payment p ON p.id = c.payment_id
            WHERE p.series_id = $1 AND p.status = 'succeeded'`,
          [seriesId],
        );
        const keys = [...new Set(sessions.map((session) => session.periodKey ?? 'season'))];
        const body: SeriesPaymentView = {
          seriesId,
          periods: keys.map((key) => {
            const own = sessions.filter((session) => (session.periodKey ?? 'season') === key);
            const ids = new Set(own.map((session) => session.bookingId));
            const mine = money.filter((row) => ids.has(row.bookingId));
            const accepted = mine.filter((row) => row.status === 'succeeded');
            const payable = own.filter((session) => session.status === 'payable');
            const paidAt = accepted.map((row) => row.paidAt?.getTime() ?? 0).filter((time) => time > 0);
            return {
              key,
              label: own[0]?.periodLabel ?? 'Toute la série',
              payableBookingIds: payable.map((session) => session.bookingId),
              payableCents: payable.reduce((sum, session) => sum + session.priceCents, 0),
              paidCents: accepted.reduce((sum, row) => sum + row.paidCents, 0),
              refundedCents: accepted.reduce((sum, row) => sum + row.refundedCents, 0),
              paidAt: paidAt.length > 0 ? new Date(Math.max(...paidAt)).toISOString() : null,
              inProgress: mine.some((row) => (inProgressPaymentStatuses as readonly string[]).includes(row.status)),
              counter: counterDetails(atCounter.find((row) => row.periodKey === key)),
            };
          }),
        };
        return body;
      },
    },
  };
}
