import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import { BookingIncidents } from './booking-incidents';

/** Incidents noted by the collège on a booking; who may do what is checked from the booking and the caller. */
export function incidentHandlers(dataSource: DataSource): BookingModuleHandlers<'recordIncident' | 'incidents'> {
  const incidents = new BookingIncidents(dataSource);
  return {
    recordIncident: {
      access: 'signedIn',
      handle: ({ params, body }, { access }) => incidents.record(params.id, body, access),
    },
    incidents: {
      access: 'signedIn',
      handle: async ({ params }, { access }) => ({ items: await incidents.ofBooking(params.id, access) }),
    },
  };
}
