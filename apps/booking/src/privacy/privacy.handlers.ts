import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { eraseFromBooking, type ErasureYears } from './erasure';
import { bookingPersonalData } from './personal-data';

/** The caller's own data (right of access): the account id comes from the internal token, never from the input. */
export function privacyHandlers(
  dataSource: DataSource,
  /** Until when an erasure keeps the person's bookings and signatures of conventions. */
  years: ErasureYears = {},
): BookingModuleHandlers<'personalData' | 'erasePersonalData'> {
  return {
    personalData: {
      access: 'signedIn',
      handle: (_input, { access }) => bookingPersonalData(dataSource, access.requireCaller().accountId),
    },
    // Asked by the gateway when an admin executes a person's erasure request.
    erasePersonalData: {
      access: 'admin',
      handle: ({ params }) => eraseFromBooking(dataSource, params.accountId, years),
    },
  };
}
