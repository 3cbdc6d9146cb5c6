import { z } from 'zod';
import { bookingMeSchema } from '../gateway';
import { defineOperations, type OperationShape } from '../operation';
import {
  approveBookingSchema,
  bookingDetailsViewSchema,
  bookingQuerySchema,
  bookingViewSchema,
  cancelBookingSchema,
  refuseBookingSchema,
  requestBookingSchema,
} from './bookings';
import {
  itemsSchema,
  pageSchema,
  uuidSchema,
} from './common';
import {
  addManagerSchema,
  createEstablishmentSchema,
  establishmentQuerySchema,
  establishmentViewSchema,
  managersViewSchema,
  updateEstablishmentSchema,
} from './establishments';
import {
  csvImportReportSchema,
  csvImportSchema,
} from './imports';
import {
  createdInvitationViewSchema,
  createInvitationSchema,
  createOrganisationSchema,
  invitationPreviewSchema,
  invitationTokenBodySchema,
  invitationViewSchema,
  memberRoleSchema,
  memberViewSchema,
  organisationQuerySchema,
  organisationViewSchema,
  rejectOrganisationSchema,
  updateOrganisationSchema,
} from './organisations';
import {
  searchQuerySchema,
  searchResultsSchema,
} from './search';
import {
  approveSeriesSchema,
  cancelSeriesSchema,
  createSeriesSchema,
  previewSeriesSchema,
  refuseSeriesSchema,
  seriesCreatedViewSchema,
  seriesDecisionViewSchema,
  seriesPreviewViewSchema,
  seriesViewSchema,
} from './series';
import {
  calendarLinkViewSchema,
  calendarViewSchema,
  closureViewSchema,
  createClosureSchema,
  createSpaceSchema,
  openingRuleViewSchema,
  replaceOpeningRulesSchema,
  replaceTariffsSchema,
  spaceCalendarQuerySchema,
  spaceDetailsViewSchema,
  spaceViewSchema,
  tariffViewSchema,
  updateSpaceSchema,
} from './spaces';
import {
  statisticsQuerySchema,
  statisticsViewSchema,
} from './statistics';

const byId = z.object({ id: uuidSchema });
const VISITOR = 'anyone, visitors included';
const ADMIN = 'département admins';
const MANAGER = 'managers of the collège, and département admins';
const MEMBER = 'members of the organisation, and département admins';
const OWNER = 'owners of the organisation';
const PARTIES = "members of the booking's organisation, managers of its collège, and département admins";
const DECIDERS = "managers of the booking's collège, and département admins";

// Generic, so that each row keeps its own answer schema: the handlers and the web's client are typed by it.
const json = <S extends z.ZodType, C extends 200 | 201>(status: C, schema: S, description: string) => ({ status, description, json: schema });
const done = { status: 204, description: 'Done.' } as const satisfies OperationShape['success'];

/**
 * Every operation of the booking service: the service mounts its routes and
 * publishes its description from this table, its tests check every answer
 * against it, and the web derives its client from it. Through the gateway
 * every path is under `/api/booking`.
 */
export const bookingOperations = defineOperations({
  // Catalogue
  listEstablishments: { method: 'get', path: '/establishments', tags: ['catalogue'], summary: 'List collèges (active ones for visitors)', access: VISITOR, query: establishmentQuerySchema, success: json(200, pageSchema(establishmentViewSchema), 'A page of collèges.') },
  createEstablishment: { method: 'post', path: '/establishments', tags: ['catalogue'], summary: 'Create a collège', access: ADMIN, body: createEstablishmentSchema, success: json(201, establishmentViewSchema, 'The collège.'), refusals: [401, 403, 409] },
  establishment: { method: 'get', path: '/establishments/:id', tags: ['catalogue'], summary: 'Read a collège', access: VISITOR, params: byId, success: json(200, establishmentViewSchema, 'The collège.'), refusals: [404] },
  updateEstablishment: { method: 'patch', path: '/establishments/:id', tags: ['catalogue'], summary: 'Update a collège (status: admins only)', access: MANAGER, params: byId, body: updateEstablishmentSchema, success: json(200, establishmentViewSchema, 'The collège.'), refusals: [401, 403, 404] },
  managers: { method: 'get', path: '/establishments/:id/managers', tags: ['catalogue'], summary: "List a collège's managers", access: MANAGER, params: byId, success: json(200, managersViewSchema, 'The managers.'), refusals: [401, 403, 404] },
  addManager: { method: 'post', path: '/establishments/:id/managers', tags: ['catalogue'], summary: 'Make an account a manager of a collège', access: ADMIN, params: byId, body: addManagerSchema, success: done, refusals: [401, 403, 404] },
  establishmentSpaces: { method: 'get', path: '/establishments/:id/spaces', tags: ['catalogue'], summary: "List a collège's spaces (active ones for visitors)", access: VISITOR, params: byId, success: json(200, itemsSchema(spaceViewSchema), 'The spaces.'), refusals: [404] },
  createSpace: { method: 'post', path: '/establishments/:id/spaces', tags: ['catalogue'], summary: 'Add a space to a collège', access: MANAGER, params: byId, body: createSpaceSchema, success: json(201, spaceViewSchema, 'The space.'), refusals: [401, 403, 404] },
  closures: { method: 'get', path: '/establishments/:id/closures', tags: ['catalogue'], summary: "List a collège's closures", access: VISITOR, params: byId, success: json(200, itemsSchema(closureViewSchema), 'The closures.'), refusals: [404] },
  createClosure: { method: 'post', path: '/establishments/:id/closures', tags: ['catalogue'], summary: 'Close a collège or one of its spaces for a period', access: MANAGER, params: byId, body: createClosureSchema, success: json(201, closureViewSchema, 'The closure.'), refusals: [401, 403, 404] },
  deleteClosure: { method: 'delete', path: '/closures/:id', tags: ['catalogue'], summary: 'Remove a closure', access: MANAGER, params: byId, success: done, refusals: [401, 403, 404] },
  space: { method: 'get', path: '/spaces/:id', tags: ['catalogue'], summary: 'Read a space, its opening rules and tariffs', access: VISITOR, params: byId, success: json(200, spaceDetailsViewSchema, 'The space, its opening rules and tariffs.'), refusals: [404] },
  updateSpace: { method: 'patch', path: '/spaces/:id', tags: ['catalogue'], summary: 'Update a space', access: MANAGER, params: byId, body: updateSpaceSchema, success: json(200, spaceViewSchema, 'The space.'), refusals: [401, 403, 404] },
  replaceOpeningRules: { method: 'put', path: '/spaces/:id/opening-rules', tags: ['catalogue'], summary: "Replace a space's opening rules", access: MANAGER, params: byId, body: replaceOpeningRulesSchema, success: json(200, z.strictObject({ rules: z.array(openingRuleViewSchema) }), 'The opening rules now in force.'), refusals: [401, 403, 404] },
  replaceTariffs: { method: 'put', path: '/spaces/:id/tariffs', tags: ['catalogue'], summary: "Replace a space's tariffs", access: MANAGER, params: byId, body: replaceTariffsSchema, success: json(200, z.strictObject({ tariffs: z.array(tariffViewSchema) }), 'The tariffs now in force.'), refusals: [401, 403, 404] },

  // Search and calendars
  search: { method: 'get', path: '/search', tags: ['search'], summary: 'Free slots across every space, with their price', access: VISITOR, query: searchQuerySchema, success: json(200, searchResultsSchema, 'Spaces with their free slots, and the next cursor.') },
  spaceCalendar: { method: 'get', path: '/spaces/:id/calendar', tags: ['search'], summary: "A space's days: free, booked, closed, school time (renters named to the parties only)", access: VISITOR, params: byId, query: spaceCalendarQuerySchema, success: json(200, calendarViewSchema, "The space's days."), refusals: [404] },
  establishmentFeed: { method: 'get', path: '/calendars/establishments/:file', tags: ['calendars'], summary: "A collège's bookings as an ICS feed (`<token>.ics`)", access: 'whoever holds the secret link', params: z.object({ file: z.string() }), success: { status: 200, description: 'RFC 5545 calendar.', mediaType: 'text/calendar' }, refusals: [404] },
  organisationFeed: { method: 'get', path: '/calendars/organisations/:file', tags: ['calendars'], summary: "An organisation's bookings as an ICS feed (`<token>.ics`)", access: 'whoever holds the secret link', params: z.object({ file: z.string() }), success: { status: 200, description: 'RFC 5545 calendar.', mediaType: 'text/calendar' }, refusals: [404] },
  establishmentCalendarLink: { method: 'get', path: '/establishments/:id/calendar-link', tags: ['calendars'], summary: "The secret link of a collège's ICS feed", access: MANAGER, params: byId, success: json(200, calendarLinkViewSchema, 'The secret path.'), refusals: [401, 403, 404] },
  rotateEstablishmentCalendarLink: { method: 'post', path: '/establishments/:id/calendar-link', tags: ['calendars'], summary: "Rotate the secret link of a collège's ICS feed (the old one stops working)", access: MANAGER, params: byId, success: json(200, calendarLinkViewSchema, 'The secret path.'), refusals: [401, 403, 404] },
  organisationCalendarLink: { method: 'get', path: '/organisations/:id/calendar-link', tags: ['calendars'], summary: "The secret link of an organisation's ICS feed", access: 'members of the organisation', params: byId, success: json(200, calendarLinkViewSchema, 'The secret path.'), refusals: [401, 403, 404] },
  rotateOrganisationCalendarLink: { method: 'post', path: '/organisations/:id/calendar-link', tags: ['calendars'], summary: "Rotate the secret link of an organisation's ICS feed", access: OWNER, params: byId, success: json(200, calendarLinkViewSchema, 'The secret path.'), refusals: [401, 403, 404] },

  // Organisations and people
  me: { method: 'get', path: '/me', tags: ['organisations'], summary: "The caller's organisations and collèges", access: 'any signed-in person', success: json(200, bookingMeSchema, 'What the caller acts for.'), refusals: [401] },
  createOrganisation: { method: 'post', path: '/organisations', tags: ['organisations'], summary: 'Declare an organisation (the caller becomes its owner; a département admin verifies it)', access: 'any signed-in person', body: createOrganisationSchema, success: json(201, organisationViewSchema, 'The organisation.'), refusals: [401, 403, 409] },
  listOrganisations: { method: 'get', path: '/organisations', tags: ['organisations'], summary: 'List organisations (the review queue for admins)', access: 'any signed-in person: admins see every organisation, others their own', query: organisationQuerySchema, success: json(200, pageSchema(organisationViewSchema), 'A page of organisations.'), refusals: [401] },
  organisation: { method: 'get', path: '/organisations/:id', tags: ['organisations'], summary: 'Read an organisation', access: MEMBER, params: byId, success: json(200, organisationViewSchema, 'The organisation.'), refusals: [401, 404] },
  updateOrganisation: { method: 'patch', path: '/organisations/:id', tags: ['organisations'], summary: "Update an organisation's address or insurance", access: OWNER, params: byId, body: updateOrganisationSchema, success: json(200, organisationViewSchema, 'The organisation.'), refusals: [401, 403, 404] },
  verifyOrganisation: { method: 'post', path: '/organisations/:id/verify', tags: ['organisations'], summary: 'Verify an organisation', access: ADMIN, params: byId, success: json(200, organisationViewSchema, 'The organisation.'), refusals: [401, 403, 404, 409] },
  rejectOrganisation: { method: 'post', path: '/organisations/:id/reject', tags: ['organisations'], summary: 'Reject an organisation, with a reason', access: ADMIN, params: byId, body: rejectOrganisationSchema, success: json(200, organisationViewSchema, 'The organisation.'), refusals: [401, 403, 404, 409] },
  members: { method: 'get', path: '/organisations/:id/members', tags: ['organisations'], summary: "List an organisation's members", access: MEMBER, params: byId, success: json(200, itemsSchema(memberViewSchema), 'The members.'), refusals: [401, 404] },
  changeMemberRole: { method: 'patch', path: '/organisations/:id/members/:accountId', tags: ['organisations'], summary: "Change a member's role (people join through invitation links only); the last owner stays owner", access: OWNER, params: z.object({ id: uuidSchema, accountId: uuidSchema }), body: memberRoleSchema, success: json(200, memberViewSchema, 'The member, with the new role.'), refusals: [401, 403, 404, 409] },
  removeMember: { method: 'delete', path: '/organisations/:id/members/:accountId', tags: ['organisations'], summary: 'Remove a member (owners remove anyone, members themselves)', access: MEMBER, params: z.object({ id: uuidSchema, accountId: uuidSchema }), success: done, refusals: [401, 403, 404, 409] },

  createInvitation: { method: 'post', path: '/organisations/:id/invitations', tags: ['organisations'], summary: 'Create an invitation link (its secret is returned once; it works once, for 7 days)', access: OWNER, params: byId, body: createInvitationSchema, success: json(201, createdInvitationViewSchema, 'The invitation, with its secret (shown once).'), refusals: [401, 403, 404] },
  invitations: { method: 'get', path: '/organisations/:id/invitations', tags: ['organisations'], summary: 'The invitation links that can still be used', access: OWNER, params: byId, success: json(200, itemsSchema(invitationViewSchema), 'The usable invitations.'), refusals: [401, 403, 404] },
  revokeInvitation: { method: 'delete', path: '/organisations/:id/invitations/:invitationId', tags: ['organisations'], summary: 'Revoke an invitation link', access: OWNER, params: z.object({ id: uuidSchema, invitationId: uuidSchema }), success: done, refusals: [401, 403, 404] },
  lookUpInvitation: { method: 'post', path: '/invitations/lookup', tags: ['organisations'], summary: 'What an invitation link leads to (the secret travels in the body)', access: 'any signed-in person holding the link', body: invitationTokenBodySchema, success: json(200, invitationPreviewSchema, 'What the link leads to.'), refusals: [401, 404, 410] },
  acceptInvitation: { method: 'post', path: '/invitations/accept', tags: ['organisations'], summary: 'Join the organisation with the role the link gives', access: 'any person signed in with FranceConnect holding the link', body: invitationTokenBodySchema, success: json(200, organisationViewSchema, 'The organisation joined.'), refusals: [401, 403, 404, 409, 410] },

  // Bookings
  requestBooking: { method: 'post', path: '/bookings', tags: ['bookings'], summary: 'Request a slot for an organisation (priced by the server)', access: 'members of the organisation', body: requestBookingSchema, success: json(201, bookingViewSchema, 'The booking.'), refusals: [401, 403, 404, 409, 422] },
  listBookings: { method: 'get', path: '/bookings', tags: ['bookings'], summary: "List an organisation's or a collège's bookings", access: `${MEMBER}; ${MANAGER}`, query: bookingQuerySchema, success: json(200, pageSchema(bookingViewSchema), 'A page of bookings.'), refusals: [401, 403, 404] },
  booking: { method: 'get', path: '/bookings/:id', tags: ['bookings'], summary: 'Read a booking and its history', access: PARTIES, params: byId, success: json(200, bookingDetailsViewSchema, 'The booking and its history.'), refusals: [401, 404] },
  approveBooking: { method: 'post', path: '/bookings/:id/approve', tags: ['bookings'], summary: 'Approve a request, with an optional message', access: DECIDERS, params: byId, body: approveBookingSchema, success: json(200, bookingViewSchema, 'The booking.'), refusals: [401, 403, 404, 409] },
  refuseBooking: { method: 'post', path: '/bookings/:id/refuse', tags: ['bookings'], summary: 'Refuse a request, with a reason', access: DECIDERS, params: byId, body: refuseBookingSchema, success: json(200, bookingViewSchema, 'The booking.'), refusals: [401, 403, 404, 409] },
  cancelBooking: { method: 'post', path: '/bookings/:id/cancel', tags: ['bookings'], summary: "Cancel a booking (the refund follows the collège's policy)", access: PARTIES, params: byId, body: cancelBookingSchema, success: json(200, bookingViewSchema, 'The booking.'), refusals: [401, 403, 404, 409] },

  // Series
  previewSeries: { method: 'post', path: '/series/preview', tags: ['series'], summary: 'Each occurrence of a weekly series with its state (free, conflict, closed), before submitting', access: 'members of the organisation', body: previewSeriesSchema, success: json(200, seriesPreviewViewSchema, 'Each occurrence with its state.'), refusals: [401, 403, 404] },
  createSeries: { method: 'post', path: '/series', tags: ['series'], summary: 'Request a weekly series for the season', access: 'members of the organisation', body: createSeriesSchema, success: json(201, seriesCreatedViewSchema, 'The series and what happened to each occurrence.'), refusals: [401, 403, 404, 409, 422] },
  series: { method: 'get', path: '/series/:id', tags: ['series'], summary: 'Read a series and its occurrences', access: PARTIES, params: byId, success: json(200, seriesViewSchema, 'The series.'), refusals: [401, 404] },
  approveSeries: { method: 'post', path: '/series/:id/approve', tags: ['series'], summary: 'Approve a series, whole or some occurrences', access: DECIDERS, params: byId, body: approveSeriesSchema, success: json(200, seriesDecisionViewSchema, "Each occurrence's outcome."), refusals: [401, 403, 404, 409] },
  refuseSeries: { method: 'post', path: '/series/:id/refuse', tags: ['series'], summary: 'Refuse a series, whole or some occurrences, with a reason', access: DECIDERS, params: byId, body: refuseSeriesSchema, success: json(200, seriesDecisionViewSchema, "Each occurrence's outcome."), refusals: [401, 403, 404, 409] },
  cancelSeries: { method: 'post', path: '/series/:id/cancel', tags: ['series'], summary: 'Cancel a series, whole or some occurrences', access: PARTIES, params: byId, body: cancelSeriesSchema, success: json(200, seriesDecisionViewSchema, "Each occurrence's outcome."), refusals: [401, 403, 404, 409] },

  // Operations
  importEstablishments: { method: 'post', path: '/imports/establishments', tags: ['operations'], summary: 'Import collèges from CSV: all lines or none, errors per line', access: ADMIN, body: csvImportSchema, success: json(200, csvImportReportSchema, 'What the import did (or would do, in a dry run).'), refusals: [401, 403, 413, 422] },
  importSpaces: { method: 'post', path: '/imports/spaces', tags: ['operations'], summary: 'Import spaces from CSV: all lines or none, errors per line', access: ADMIN, body: csvImportSchema, success: json(200, csvImportReportSchema, 'What the import did (or would do, in a dry run).'), refusals: [401, 403, 413, 422] },
  exportEstablishments: { method: 'get', path: '/exports/establishments.csv', tags: ['operations'], summary: 'Export collèges as CSV (the import format)', access: ADMIN, success: { status: 200, description: 'CSV file.', mediaType: 'text/csv' }, refusals: [401, 403] },
  exportSpaces: { method: 'get', path: '/exports/spaces.csv', tags: ['operations'], summary: 'Export spaces as CSV (the import format)', access: ADMIN, success: { status: 200, description: 'CSV file.', mediaType: 'text/csv' }, refusals: [401, 403] },
  statistics: { method: 'get', path: '/statistics', tags: ['operations'], summary: 'Bookings, hours, revenue and occupancy per collège and month', access: `${ADMIN}; managers for their collèges`, query: statisticsQuerySchema, success: json(200, statisticsViewSchema, 'The figures.'), refusals: [401, 403, 404] },
  exportStatistics: { method: 'get', path: '/exports/statistics.csv', tags: ['operations'], summary: 'The statistics as CSV', access: `${ADMIN}; managers for their collèges`, query: statisticsQuerySchema, success: { status: 200, description: 'CSV file.', mediaType: 'text/csv' }, refusals: [401, 403, 404] },

  openApi: { method: 'get', path: '/openapi.json', tags: ['operations'], summary: 'This description', access: VISITOR, success: json(200, z.object({ openapi: z.literal('3.1.0') }).loose(), 'OpenAPI 3.1 document.') },
});
