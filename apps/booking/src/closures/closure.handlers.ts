import type { DataSource } from 'typeorm';
import type { BookingModuleHandlers } from '../access/access-policy';
import type { BookingLifecycle } from '../bookings/booking-lifecycle';
import { EstablishmentCatalogue } from '../catalogue/establishment-catalogue';
import { ClosureDesk } from './closure-desk';

/** Adding a closure, after listing the bookings it would cancel. Listing and removing closures stay in the catalogue. */
export function closureHandlers(
  dataSource: DataSource,
  lifecycle: BookingLifecycle,
): BookingModuleHandlers<'previewClosure' | 'createClosure'> {
  const closures = new ClosureDesk(dataSource, lifecycle, new EstablishmentCatalogue(dataSource));
  return {
    previewClosure: {
      access: 'signedIn',
      handle: ({ params, body }, { access }) => closures.preview(params.id, body, access),
    },
    createClosure: {
      access: 'signedIn',
      handle: ({ params, body }, { access, requestId }) => closures.add(params.id, body, access, requestId),
    },
  };
}
