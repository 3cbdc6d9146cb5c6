import type { BookingModuleHandlers } from '../access/access-policy';
import type { AfterApproval } from '../conventions/stored-conventions';
import type { BookingDesk } from './booking-desk';

type BookingOperations =
  'requestBooking' | 'enterBooking' | 'listBookings' | 'booking' | 'approveBooking' | 'refuseBooking' | 'cancelBooking';

/** Single bookings: request, list, read and decide. Who may do what is the desk's to say, from the caller's `Access`. */
export function bookingHandlers(
  desk: BookingDesk,
  afterApproval: AfterApproval,
): BookingModuleHandlers<BookingOperations> {
  return {
    requestBooking: {
      access: 'anyone',
      handle: ({ body }, { access, requestId }) => desk.request(body, access, requestId),
    },
    enterBooking: {
      access: 'signedIn',
      handle: async ({ params, body }, { access, requestId }) => {
        const booking = await desk.enter(params.id, body, access, requestId);
        if (booking.status !== 'requested') await afterApproval(booking.id, access);
        return booking;
      },
    },
    listBookings: { access: 'anyone', handle: ({ query }, { access }) => desk.list(query, access) },
    booking: { access: 'anyone', handle: ({ params }, { access }) => desk.get(params.id, access) },
    approveBooking: {
      access: 'anyone',
      handle: async ({ params, body: { message } }, { access, requestId }) => {
        const booking = await desk.act(params.id, 'approve', access, { message, requestId });
        await afterApproval(params.id, access);
        return booking;
      },
    },
    refuseBooking: {
      access: 'anyone',
      handle: ({ params, body: { reason } }, { access, requestId }) =>
        desk.act(params.id, 'refuse', access, { reason, requestId }),
    },
    cancelBooking: {
      access: 'anyone',
      handle: ({ params, body: { reason } }, { access, requestId }) =>
        desk.act(params.id, 'cancel', access, { reason, requestId }),
    },
  };
}
