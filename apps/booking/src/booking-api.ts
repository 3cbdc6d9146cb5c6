import { bookingOperations } from '@salle/contracts';
import { openApiDocument } from '@salle/http';

/** The published description of the booking table (`bookingOperations` in the contracts), built once. */
export function bookingApiDescription() {
  return openApiDocument(
    {
      title: 'Salle sur demande: booking service',
      version: '1',
      description:
        'Collèges, spaces, opening rules, tariffs, organisations, free-slot search, bookings and series. ' +
        'Through the gateway every path is under `/api/booking`; the gateway authenticates the person and passes an internal token. ' +
        'Errors are `application/problem+json` with a stable `code` and, for malformed requests, `errors` naming each field.',
    },
    bookingOperations,
  );
}
