import type { DataSource } from 'typeorm';
import { bookingOperations, pickOperations } from '@salle/contracts';
import { openApiDocument, operationRoutes } from '@salle/http';
import type { Logger } from '@salle/runtime';
import type { ObjectStore } from '@salle/storage';
import type { BookingAccessPolicy, BookingModuleHandlers } from './access/access-policy';
import { meHandlers } from './access/me.handlers';
import { BookingDesk } from './bookings/booking-desk';
import type { BookingLifecycle } from './bookings/booking-lifecycle';
import { bookingHandlers } from './bookings/booking.handlers';
import { calendarHandlers } from './calendars/calendar.handlers';
import { insuranceHandlers } from './documents/insurance.handlers';
import { conventionHandlers } from './conventions/convention.handlers';
import { ConventionTemplates } from './conventions/convention-templates';
import { StoredConventions, type AfterApproval } from './conventions/stored-conventions';
import { catalogueHandlers } from './catalogue/catalogue.handlers';
import { closureHandlers } from './closures/closure.handlers';
import { conversationHandlers } from './conversations/conversation.handlers';
import { importHandlers } from './imports/imports.handlers';
import { organisationHandlers } from './organisations/organisation.handlers';
import { photoHandlers } from './photos/photos.handlers';
import { planningHandlers } from './planning/planning.handlers';
import type { RegisterSearch } from './organisations/register-search';
import { privacyHandlers } from './privacy/privacy.handlers';
import { searchHandlers } from './search/search.handlers';
import { seriesHandlers } from './series/series.handlers';
import { statisticsHandlers } from './statistics/statistics.handlers';

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

/** The routes of every operation of the table but the description, mounted after the internal token's verification. */
export function bookingTableRoutes(
  dataSource: DataSource,
  policy: BookingAccessPolicy,
  lifecycle: BookingLifecycle,
  registerSearch: RegisterSearch,
  store: ObjectStore,
  logger: Logger,
) {
  const templates = new ConventionTemplates(dataSource);
  const conventions = new StoredConventions(dataSource, store, templates);
  const afterApproval: AfterApproval = (bookingId, access) => conventions.issueAfterApproval(bookingId, access, logger);
  const { openApi: _mountedBefore, ...operations } = bookingOperations;
  const handlers: BookingModuleHandlers<keyof typeof operations> = {
    ...catalogueHandlers(dataSource),
    ...searchHandlers(dataSource),
    ...calendarHandlers(dataSource),
    ...organisationHandlers(dataSource, registerSearch),
    ...insuranceHandlers(dataSource, store),
    ...photoHandlers(dataSource, store),
    ...conventionHandlers(templates, conventions),
    ...meHandlers(dataSource),
    ...privacyHandlers(dataSource),
    ...bookingHandlers(new BookingDesk(dataSource, lifecycle), afterApproval),
    ...seriesHandlers(dataSource, lifecycle, afterApproval),
    ...importHandlers(dataSource),
    ...statisticsHandlers(dataSource),
    ...planningHandlers(dataSource),
    ...closureHandlers(dataSource, lifecycle),
    ...conversationHandlers(dataSource, store),
  };
  return operationRoutes(operations, handlers, policy);
}

/** `GET /openapi.json`, for visitors: mounted before the internal token's verification, as a bad token must not hide it. */
export function bookingDescriptionRoute(policy: BookingAccessPolicy) {
  const description = bookingApiDescription();
  // A copy typed as plain JSON (the generator's type is an interface without an index signature, and its version a mere string).
  const document = { ...description, openapi: '3.1.0' as const };
  return operationRoutes(
    pickOperations(bookingOperations, ['openApi']),
    { openApi: { access: 'public', handle: () => document } },
    policy,
  );
}
