import type { ConventionSigningView, RecordPaperConventionQuery } from '@salle/contracts';
import { booking } from './booking-api';
import { api } from './http';

/**
 * Recording a convention signed on paper at the collège, apart from `followUpApi` so that only the collège's form
 * (a lazily loaded module) carries it: the scan goes as the body, what the paper says in the query.
 */
export const paperConventionApi = {
  record: (bookingId: string, details: RecordPaperConventionQuery, file: Blob) =>
    api.upload<ConventionSigningView>(booking.url('recordPaperConvention', { id: bookingId }), file, {
      query: { ...details },
    }),
};
