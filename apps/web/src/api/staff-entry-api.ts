import type { CreateOrganisationBody, EnterBookingBody, EnterSeriesBody, PreviewSeriesBody } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { booking } from './booking-api';

/**
 * What a collège's staff call to enter a request for an organisation that phoned or came in, apart from
 * `bookingApi` so that the first page (the search) does not carry it: find or create the organisation's record,
 * then enter a one-off booking or a weekly series on its behalf.
 */
export const staffEntryApi = {
  lookUpOrganisation: (establishmentId: string, number: string, options?: RequestOptions) =>
    booking.call('lookUpOrganisation', { params: { id: establishmentId }, query: { number } }, options),
  enterOrganisation: (establishmentId: string, body: CreateOrganisationBody) =>
    booking.call('enterOrganisation', { params: { id: establishmentId }, body }),
  enterBooking: (establishmentId: string, body: EnterBookingBody) =>
    booking.call('enterBooking', { params: { id: establishmentId }, body }),
  previewSeries: (establishmentId: string, body: PreviewSeriesBody) =>
    booking.call('previewEnteredSeries', { params: { id: establishmentId }, body }),
  enterSeries: (establishmentId: string, body: EnterSeriesBody) =>
    booking.call('enterSeries', { params: { id: establishmentId }, body }),
};
