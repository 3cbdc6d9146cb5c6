import { reply } from '@salle/http';
import type { PaymentHandlers } from '../access/access-policy';
import type { CounterDesk } from './counter-desk';

/** Record a payment received at the collège's counter, for a booking or a series' payment period. */
export function counterHandlers(
  desk: CounterDesk,
): Pick<PaymentHandlers, 'recordCounterPayment' | 'recordPeriodCounterPayment'> {
  return {
    recordCounterPayment: {
      // The collège is the booking's: checked by the desk once the booking is read (others 404, its organisation 403).
      access: 'signedIn',
      handle: async ({ params: { bookingId }, body }, { access }) =>
        reply(await desk.record({ bookingId }, body, access), { status: 201 }),
    },
    recordPeriodCounterPayment: {
      access: 'signedIn',
      handle: async ({ params: { seriesId, periodKey }, body }, { access }) =>
        reply(await desk.record({ seriesId, periodKey }, body, access), { status: 201 }),
    },
  };
}
