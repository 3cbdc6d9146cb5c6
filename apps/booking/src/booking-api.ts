import { z } from 'zod';
import {
  addManagerSchema,
  approveBookingSchema,
  approveSeriesSchema,
  bookingDetailsViewSchema,
  bookingMeSchema,
  bookingQuerySchema,
  bookingViewSchema,
  calendarLinkViewSchema,
  calendarViewSchema,
  cancelBookingSchema,
  cancelSeriesSchema,
  closureViewSchema,
  createClosureSchema,
  createdInvitationViewSchema,
  createEstablishmentSchema,
  createInvitationSchema,
  createOrganisationSchema,
  createSeriesSchema,
  createSpaceSchema,
  csvImportReportSchema,
  csvImportSchema,
  establishmentQuerySchema,
  establishmentViewSchema,
  invitationPreviewSchema,
  invitationTokenBodySchema,
  invitationViewSchema,
  itemsSchema,
  managersViewSchema,
  memberRoleSchema,
  memberViewSchema,
  organisationQuerySchema,
  openingRuleViewSchema,
  organisationViewSchema,
  pageSchema,
  previewSeriesSchema,
  refuseBookingSchema,
  refuseSeriesSchema,
  rejectOrganisationSchema,
  replaceOpeningRulesSchema,
  replaceTariffsSchema,
  requestBookingSchema,
  searchQuerySchema,
  searchResultsSchema,
  seriesCreatedViewSchema,
  seriesDecisionViewSchema,
  seriesPreviewViewSchema,
  seriesViewSchema,
  spaceCalendarQuerySchema,
  spaceDetailsViewSchema,
  spaceViewSchema,
  statisticsQuerySchema,
  statisticsViewSchema,
  tariffViewSchema,
  updateEstablishmentSchema,
  updateOrganisationSchema,
  updateSpaceSchema,
  uuidSchema,
} from '@salle/contracts';
import { openApiDocument, type ApiOperation } from '@salle/http';

const byId = z.object({ id: uuidSchema });
const VISITOR = 'anyone, visitors included';
const ADMIN = 'département admins';
const MANAGER = 'managers of the collège, and département admins';
const MEMBER = 'members of the organisation, and département admins';
const OWNER = 'owners of the organisation';
const PARTIES = "members of the booking's organisation, managers of its collège, and département admins";
const DECIDERS = "managers of the booking's collège, and département admins";

type Operation = ApiOperation;
const json = (status: 200 | 201, schema: z.ZodType, description: string): Operation['success'] => ({ status, description, json: schema });
const done: Operation['success'] = { status: 204, description: 'Done.' };

/**
 * Every endpoint of the booking service, with the contracts schemas its
 * handler validates with. A test checks that this lists exactly the routes
 * the service mounts, and the booking tests check every JSON answer they get
 * against the schema described here (test/booking-test-service.ts).
 */
export const bookingOperations: Operation[] = [
  // Catalogue
  { method: 'get', path: '/establishments', tags: ['catalogue'], summary: 'List collèges (active ones for visitors)', access: VISITOR, query: establishmentQuerySchema, success: json(200, pageSchema(establishmentViewSchema), 'A page of collèges.') },
  { method: 'post', path: '/establishments', tags: ['catalogue'], summary: 'Create a collège', access: ADMIN, body: createEstablishmentSchema, success: json(201, establishmentViewSchema, 'The collège.'), refusals: [401, 403, 409] },
  { method: 'get', path: '/establishments/:id', tags: ['catalogue'], summary: 'Read a collège', access: VISITOR, params: byId, success: json(200, establishmentViewSchema, 'The collège.'), refusals: [404] },
  { method: 'patch', path: '/establishments/:id', tags: ['catalogue'], summary: 'Update a collège (status: admins only)', access: MANAGER, params: byId, body: updateEstablishmentSchema, success: json(200, establishmentViewSchema, 'The collège.'), refusals: [401, 403, 404] },
  { method: 'get', path: '/establishments/:id/managers', tags: ['catalogue'], summary: "List a collège's managers", access: MANAGER, params: byId, success: json(200, managersViewSchema, 'The managers.'), refusals: [401, 403, 404] },
  { method: 'post', path: '/establishments/:id/managers', tags: ['catalogue'], summary: 'Make an account a manager of a collège', access: ADMIN, params: byId, body: addManagerSchema, success: done, refusals: [401, 403, 404] },
  { method: 'get', path: '/establishments/:id/spaces', tags: ['catalogue'], summary: "List a collège's spaces (active ones for visitors)", access: VISITOR, params: byId, success: json(200, itemsSchema(spaceViewSchema), 'The spaces.'), refusals: [404] },
  { method: 'post', path: '/establishments/:id/spaces', tags: ['catalogue'], summary: 'Add a space to a collège', access: MANAGER, params: byId, body: createSpaceSchema, success: json(201, spaceViewSchema, 'The space.'), refusals: [401, 403, 404] },
  { method: 'get', path: '/establishments/:id/closures', tags: ['catalogue'], summary: "List a collège's closures", access: VISITOR, params: byId, success: json(200, itemsSchema(closureViewSchema), 'The closures.'), refusals: [404] },
  { method: 'post', path: '/establishments/:id/closures', tags: ['catalogue'], summary: 'Close a collège or one of its spaces for a period', access: MANAGER, params: byId, body: createClosureSchema, success: json(201, closureViewSchema, 'The closure.'), refusals: [401, 403, 404] },
  { method: 'delete', path: '/closures/:id', tags: ['catalogue'], summary: 'Remove a closure', access: MANAGER, params: byId, success: done, refusals: [401, 403, 404] },
  { method: 'get', path: '/spaces/:id', tags: ['catalogue'], summary: 'Read a space, its opening rules and tariffs', access: VISITOR, params: byId, success: json(200, spaceDetailsViewSchema, 'The space, its opening rules and tariffs.'), refusals: [404] },
  { method: 'patch', path: '/spaces/:id', tags: ['catalogue'], summary: 'Update a space', access: MANAGER, params: byId, body: updateSpaceSchema, success: json(200, spaceViewSchema, 'The space.'), refusals: [401, 403, 404] },
  { method: 'put', path: '/spaces/:id/opening-rules', tags: ['catalogue'], summary: "Replace a space's opening rules", access: MANAGER, params: byId, body: replaceOpeningRulesSchema, success: json(200, z.strictObject({ rules: z.array(openingRuleViewSchema) }), 'The opening rules now in force.'), refusals: [401, 403, 404] },
  { method: 'put', path: '/spaces/:id/tariffs', tags: ['catalogue'], summary: "Replace a space's tariffs", access: MANAGER, params: byId, body: replaceTariffsSchema, success: json(200, z.strictObject({ tariffs: z.array(tariffViewSchema) }), 'The tariffs now in force.'), refusals: [401, 403, 404] },

  // Search and calendars
  { method: 'get', path: '/search', tags: ['search'], summary: 'Free slots across every space, with their price', access: VISITOR, query: searchQuerySchema, success: json(200, searchResultsSchema, 'Spaces with their free slots, and the next cursor.') },
  { method: 'get', path: '/spaces/:id/calendar', tags: ['search'], summary: "A space's days: free, booked, closed, school time (renters named to the parties only)", access: VISITOR, params: byId, query: spaceCalendarQuerySchema, success: json(200, calendarViewSchema, "The space's days."), refusals: [404] },
  { method: 'get', path: '/calendars/establishments/:file', tags: ['calendars'], summary: "A collège's bookings as an ICS feed (`<token>.ics`)", access: 'whoever holds the secret link', params: z.object({ file: z.string() }), success: { status: 200, description: 'RFC 5545 calendar.', mediaType: 'text/calendar' }, refusals: [404] },
  { method: 'get', path: '/calendars/organisations/:file', tags: ['calendars'], summary: "An organisation's bookings as an ICS feed (`<token>.ics`)", access: 'whoever holds the secret link', params: z.object({ file: z.string() }), success: { status: 200, description: 'RFC 5545 calendar.', mediaType: 'text/calendar' }, refusals: [404] },
  { method: 'get', path: '/establishments/:id/calendar-link', tags: ['calendars'], summary: "The secret link of a collège's ICS feed", access: MANAGER, params: byId, success: json(200, calendarLinkViewSchema, 'The secret path.'), refusals: [401, 403, 404] },
  { method: 'post', path: '/establishments/:id/calendar-link', tags: ['calendars'], summary: "Rotate the secret link of a collège's ICS feed (the old one stops working)", access: MANAGER, params: byId, success: json(200, calendarLinkViewSchema, 'The secret path.'), refusals: [401, 403, 404] },
  { method: 'get', path: '/organisations/:id/calendar-link', tags: ['calendars'], summary: "The secret link of an organisation's ICS feed", access: 'members of the organisation', params: byId, success: json(200, calendarLinkViewSchema, 'The secret path.'), refusals: [401, 403, 404] },
  { method: 'post', path: '/organisations/:id/calendar-link', tags: ['calendars'], summary: "Rotate the secret link of an organisation's ICS feed", access: OWNER, params: byId, success: json(200, calendarLinkViewSchema, 'The secret path.'), refusals: [401, 403, 404] },

  // Organisations and people
  { method: 'get', path: '/me', tags: ['organisations'], summary: "The caller's organisations and collèges", access: 'any signed-in person', success: json(200, bookingMeSchema, 'What the caller acts for.'), refusals: [401] },
  { method: 'post', path: '/organisations', tags: ['organisations'], summary: 'Declare an organisation (the caller becomes its owner; a département admin verifies it)', access: 'any signed-in person', body: createOrganisationSchema, success: json(201, organisationViewSchema, 'The organisation.'), refusals: [401, 409] },
  { method: 'get', path: '/organisations', tags: ['organisations'], summary: 'List organisations (the review queue for admins)', access: 'any signed-in person: admins see every organisation, others their own', query: organisationQuerySchema, success: json(200, pageSchema(organisationViewSchema), 'A page of organisations.'), refusals: [401] },
  { method: 'get', path: '/organisations/:id', tags: ['organisations'], summary: 'Read an organisation', access: MEMBER, params: byId, success: json(200, organisationViewSchema, 'The organisation.'), refusals: [401, 404] },
  { method: 'patch', path: '/organisations/:id', tags: ['organisations'], summary: "Update an organisation's address or insurance", access: OWNER, params: byId, body: updateOrganisationSchema, success: json(200, organisationViewSchema, 'The organisation.'), refusals: [401, 403, 404] },
  { method: 'post', path: '/organisations/:id/verify', tags: ['organisations'], summary: 'Verify an organisation', access: ADMIN, params: byId, success: json(200, organisationViewSchema, 'The organisation.'), refusals: [401, 403, 404, 409] },
  { method: 'post', path: '/organisations/:id/reject', tags: ['organisations'], summary: 'Reject an organisation, with a reason', access: ADMIN, params: byId, body: rejectOrganisationSchema, success: json(200, organisationViewSchema, 'The organisation.'), refusals: [401, 403, 404, 409] },
  { method: 'get', path: '/organisations/:id/members', tags: ['organisations'], summary: "List an organisation's members", access: MEMBER, params: byId, success: json(200, itemsSchema(memberViewSchema), 'The members.'), refusals: [401, 404] },
  { method: 'patch', path: '/organisations/:id/members/:accountId', tags: ['organisations'], summary: "Change a member's role (people join through invitation links only); the last owner stays owner", access: OWNER, params: z.object({ id: uuidSchema, accountId: uuidSchema }), body: memberRoleSchema, success: json(200, memberViewSchema, 'The member, with the new role.'), refusals: [401, 403, 404, 409] },
  { method: 'delete', path: '/organisations/:id/members/:accountId', tags: ['organisations'], summary: 'Remove a member (owners remove anyone, members themselves)', access: MEMBER, params: z.object({ id: uuidSchema, accountId: uuidSchema }), success: done, refusals: [401, 403, 404, 409] },

  { method: 'post', path: '/organisations/:id/invitations', tags: ['organisations'], summary: 'Create an invitation link (its secret is returned once; it works once, for 7 days)', access: OWNER, params: byId, body: createInvitationSchema, success: json(201, createdInvitationViewSchema, 'The invitation, with its secret (shown once).'), refusals: [401, 403, 404] },
  { method: 'get', path: '/organisations/:id/invitations', tags: ['organisations'], summary: 'The invitation links that can still be used', access: OWNER, params: byId, success: json(200, itemsSchema(invitationViewSchema), 'The usable invitations.'), refusals: [401, 403, 404] },
  { method: 'delete', path: '/organisations/:id/invitations/:invitationId', tags: ['organisations'], summary: 'Revoke an invitation link', access: OWNER, params: z.object({ id: uuidSchema, invitationId: uuidSchema }), success: done, refusals: [401, 403, 404] },
  { method: 'post', path: '/invitations/lookup', tags: ['organisations'], summary: 'What an invitation link leads to (the secret travels in the body)', access: 'any signed-in person holding the link', body: invitationTokenBodySchema, success: json(200, invitationPreviewSchema, 'What the link leads to.'), refusals: [401, 404, 410] },
  { method: 'post', path: '/invitations/accept', tags: ['organisations'], summary: 'Join the organisation with the role the link gives', access: 'any person signed in with FranceConnect holding the link', body: invitationTokenBodySchema, success: json(200, organisationViewSchema, 'The organisation joined.'), refusals: [401, 403, 404, 409, 410] },

  // Bookings
  { method: 'post', path: '/bookings', tags: ['bookings'], summary: 'Request a slot for an organisation (priced by the server)', access: 'members of the organisation', body: requestBookingSchema, success: json(201, bookingViewSchema, 'The booking.'), refusals: [401, 403, 404, 409, 422] },
  { method: 'get', path: '/bookings', tags: ['bookings'], summary: "List an organisation's or a collège's bookings", access: `${MEMBER}; ${MANAGER}`, query: bookingQuerySchema, success: json(200, pageSchema(bookingViewSchema), 'A page of bookings.'), refusals: [401, 403, 404] },
  { method: 'get', path: '/bookings/:id', tags: ['bookings'], summary: 'Read a booking and its history', access: PARTIES, params: byId, success: json(200, bookingDetailsViewSchema, 'The booking and its history.'), refusals: [401, 404] },
  { method: 'post', path: '/bookings/:id/approve', tags: ['bookings'], summary: 'Approve a request, with an optional message', access: DECIDERS, params: byId, body: approveBookingSchema, success: json(200, bookingViewSchema, 'The booking.'), refusals: [401, 403, 404, 409] },
  { method: 'post', path: '/bookings/:id/refuse', tags: ['bookings'], summary: 'Refuse a request, with a reason', access: DECIDERS, params: byId, body: refuseBookingSchema, success: json(200, bookingViewSchema, 'The booking.'), refusals: [401, 403, 404, 409] },
  { method: 'post', path: '/bookings/:id/cancel', tags: ['bookings'], summary: "Cancel a booking (the refund follows the collège's policy)", access: PARTIES, params: byId, body: cancelBookingSchema, success: json(200, bookingViewSchema, 'The booking.'), refusals: [401, 403, 404, 409] },

  // Series
  { method: 'post', path: '/series/preview', tags: ['series'], summary: 'Each occurrence of a weekly series with its state (free, conflict, closed), before submitting', access: 'members of the organisation', body: previewSeriesSchema, success: json(200, seriesPreviewViewSchema, 'Each occurrence with its state.'), refusals: [401, 403, 404] },
  { method: 'post', path: '/series', tags: ['series'], summary: 'Request a weekly series for the season', access: 'members of the organisation', body: createSeriesSchema, success: json(201, seriesCreatedViewSchema, 'The series and what happened to each occurrence.'), refusals: [401, 403, 404, 409, 422] },
  { method: 'get', path: '/series/:id', tags: ['series'], summary: 'Read a series and its occurrences', access: PARTIES, params: byId, success: json(200, seriesViewSchema, 'The series.'), refusals: [401, 404] },
  { method: 'post', path: '/series/:id/approve', tags: ['series'], summary: 'Approve a series, whole or some occurrences', access: DECIDERS, params: byId, body: approveSeriesSchema, success: json(200, seriesDecisionViewSchema, "Each occurrence's outcome."), refusals: [401, 403, 404, 409] },
  { method: 'post', path: '/series/:id/refuse', tags: ['series'], summary: 'Refuse a series, whole or some occurrences, with a reason', access: DECIDERS, params: byId, body: refuseSeriesSchema, success: json(200, seriesDecisionViewSchema, "Each occurrence's outcome."), refusals: [401, 403, 404, 409] },
  { method: 'post', path: '/series/:id/cancel', tags: ['series'], summary: 'Cancel a series, whole or some occurrences', access: PARTIES, params: byId, body: cancelSeriesSchema, success: json(200, seriesDecisionViewSchema, "Each occurrence's outcome."), refusals: [401, 403, 404, 409] },

  // Operations
  { method: 'post', path: '/imports/establishments', tags: ['operations'], summary: 'Import collèges from CSV: all lines or none, errors per line', access: ADMIN, body: csvImportSchema, success: json(200, csvImportReportSchema, 'What the import did (or would do, in a dry run).'), refusals: [401, 403, 413, 422] },
  { method: 'post', path: '/imports/spaces', tags: ['operations'], summary: 'Import spaces from CSV: all lines or none, errors per line', access: ADMIN, body: csvImportSchema, success: json(200, csvImportReportSchema, 'What the import did (or would do, in a dry run).'), refusals: [401, 403, 413, 422] },
  { method: 'get', path: '/exports/establishments.csv', tags: ['operations'], summary: 'Export collèges as CSV (the import format)', access: ADMIN, success: { status: 200, description: 'CSV file.', mediaType: 'text/csv' }, refusals: [401, 403] },
  { method: 'get', path: '/exports/spaces.csv', tags: ['operations'], summary: 'Export spaces as CSV (the import format)', access: ADMIN, success: { status: 200, description: 'CSV file.', mediaType: 'text/csv' }, refusals: [401, 403] },
  { method: 'get', path: '/statistics', tags: ['operations'], summary: 'Bookings, hours, revenue and occupancy per collège and month', access: `${ADMIN}; managers for their collèges`, query: statisticsQuerySchema, success: json(200, statisticsViewSchema, 'The figures.'), refusals: [401, 403] },
  { method: 'get', path: '/exports/statistics.csv', tags: ['operations'], summary: 'The statistics as CSV', access: `${ADMIN}; managers for their collèges`, query: statisticsQuerySchema, success: { status: 200, description: 'CSV file.', mediaType: 'text/csv' }, refusals: [401, 403] },

  { method: 'get', path: '/openapi.json', tags: ['operations'], summary: 'This description', access: VISITOR, success: json(200, z.object({ openapi: z.literal('3.1.0') }).loose(), 'OpenAPI 3.1 document.') },
];

/** The published description, built once. */
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
