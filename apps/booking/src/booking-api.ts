import type { EventSecrets } from '@salle/events';
import type { DataSource } from 'typeorm';
import { bookingOperations, pickOperations, serviceAuditOperations } from '@salle/contracts';
import { openApiDocument, operationRoutes } from '@salle/http';
import { lazy, type Logger } from '@salle/runtime';
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
import { ConventionSignatories } from './conventions/convention-signatories';
import { ConventionSigning, type SigningSettings } from './conventions/convention-signing';
import { conventionSigningHandlers } from './conventions/convention-signing.handlers';
import { PaperConventions } from './conventions/paper-conventions';
import { ConventionLinks } from './documents/convention-links';
import { sealedDocumentHandlers } from './documents/sealed-documents.handlers';
import { catalogueHandlers } from './catalogue/catalogue.handlers';
import { closureHandlers } from './closures/closure.handlers';
import { conversationHandlers } from './conversations/conversation.handlers';
import { importHandlers } from './imports/imports.handlers';
import { incidentHandlers } from './incidents/incident.handlers';
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
    { ...bookingOperations, ...serviceAuditOperations },
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
  signingSettings: SigningSettings,
  sealing: { linkSecret: string; trustedSealCertificates: string[]; eventSecrets: EventSecrets },
  retention: {
    /** BOOKING_CONVENTION_DELETE_AFTER_YEARS, below which a deleted convention is not issued again (and until when an
     * erasure keeps the signatures). */
    conventionYears?: number;
    /** BOOKING_RECORDS_DELETE_AFTER_YEARS, which an erasure states as the end of the bookings it keeps. */
    bookingYears?: number;
  } = {},
) {
  const templates = new ConventionTemplates(dataSource);
  const conventions = new StoredConventions(
    dataSource,
    store,
    templates,
    retention.conventionYears,
    signingSettings.mode !== 'off',
    signingSettings.conventionMode,
  );
  const signing = new ConventionSigning(dataSource, conventions, lifecycle, store, signingSettings, logger);
  const afterApproval: AfterApproval = (bookingId, access) => conventions.issueAfterApproval(bookingId, access, logger);
  const { openApi: _mountedBefore, ...operations } = bookingOperations;
  const handlers: BookingModuleHandlers<keyof typeof operations> = {
    ...catalogueHandlers(dataSource),
    ...searchHandlers(dataSource),
    ...calendarHandlers(dataSource),
    ...organisationHandlers(dataSource, registerSearch, sealing.eventSecrets, store),
    ...insuranceHandlers(dataSource, store),
    ...photoHandlers(dataSource, store),
    ...conventionHandlers(templates, conventions),
    ...conventionSigningHandlers(
      signing,
      new ConventionSignatories(dataSource),
      new PaperConventions(dataSource, conventions, signing, store, signingSettings, lifecycle, logger),
    ),
    ...sealedDocumentHandlers(
      new ConventionLinks(dataSource, store, sealing.linkSecret),
      sealing.trustedSealCertificates,
    ),
    ...meHandlers(dataSource),
    ...privacyHandlers(dataSource, retention),
    ...bookingHandlers(new BookingDesk(dataSource, lifecycle), afterApproval),
    ...seriesHandlers(dataSource, lifecycle, afterApproval),
    ...importHandlers(dataSource),
    ...statisticsHandlers(dataSource),
    ...planningHandlers(dataSource),
    ...closureHandlers(dataSource, lifecycle),
    ...conversationHandlers(dataSource, store),
    ...incidentHandlers(dataSource),
  };
  return operationRoutes(operations, handlers, policy);
}

/** `GET /openapi.json`, for visitors: mounted before the internal token's verification, as a bad token must not hide it. */
export function bookingDescriptionRoute(policy: BookingAccessPolicy) {
  // A copy typed as plain JSON (the generator's type is an interface without an index signature, and its version a
  // mere string), built at the first request for it rather than at every start.
  const document = lazy(() => ({ ...bookingApiDescription(), openapi: '3.1.0' as const }));
  return operationRoutes(
    pickOperations(bookingOperations, ['openApi']),
    { openApi: { access: 'public', handle: () => document() } },
    policy,
  );
}
