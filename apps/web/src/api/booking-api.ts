import {
  type bookingOperations,
  type AuditEntryView,
  type BookingStatus,
  type BookingView,
  type CancellationPolicyInput,
  type ClaimStatus,
  type ConventionTemplate,
  type CreateClosureBody,
  type CreateOrganisationBody,
  type CreateSeriesBody,
  type CreateSpaceBody,
  type CsvImportKind,
  type InsuranceCertificateView,
  type MembershipRole,
  type OpeningRuleInput,
  type OperationRequest,
  type OrganisationStatus,
  type PreviewSeriesBody,
  type RenterCategory,
  type RequestBookingBody,
  type SpaceAccessInstructions,
  type TariffInput,
  type UpdateEstablishment,
  type UpdateSpace,
  type UploadInsuranceCertificateQuery,
  type UploadSpacePhotoQuery,
  type SpacePhotoView,
} from '@salle/contracts';
import type { Query, RequestOptions } from './api-client';
import { api } from './http';
import { operationClient } from './operation-client';
import { bookingRoutes } from './operation-routes';

/** The booking service, as the gateway exposes it to the browser. */
export const BOOKING = '/api/booking';

export type BookingDetails = BookingView & { history: AuditEntryView[] };

export interface SearchParams extends Query {
  from: string;
  to: string;
  durationMinutes?: number;
  weekdays?: number[];
  timeFrom?: string;
  timeTo?: string;
  minCapacity?: number;
  kinds?: string[];
  equipment?: string[];
  stepFree?: boolean;
  communeInsee?: string;
  latitude?: number;
  longitude?: number;
  radiusKm?: number;
  category?: string;
  sort?: 'distance' | 'date';
  pageSize?: number;
  cursor?: string;
}

/** The booking service's operations behind the gateway, from its table in the contracts. */
export const booking = operationClient<typeof bookingOperations>(api, BOOKING, bookingRoutes);
const call = booking.call;

const IMPORT_OPERATIONS = {
  establishments: 'importEstablishments',
  spaces: 'importSpaces',
  opening_rules: 'importOpeningRules',
  tariffs: 'importTariffs',
} as const satisfies Record<CsvImportKind, keyof typeof bookingOperations>;

/** What an operation's query accepts, as its schema says. */
type QueryOf<K extends keyof typeof bookingOperations> = OperationRequest<(typeof bookingOperations)[K]>['query'];

export const bookingApi = {
  // The query string carries the flag as text; the form offers only the schema's categories (the service refuses others with a 400).
  search: ({ stepFree, category, ...query }: SearchParams, options?: RequestOptions) =>
    call(
      'search',
      {
        query: {
          ...query,
          stepFree: stepFree === undefined ? undefined : stepFree ? 'true' : 'false',
          category: category as QueryOf<'search'>['category'],
        },
      },
      options,
    ),

  establishments: (query: QueryOf<'listEstablishments'> = {}, options?: RequestOptions) =>
    call('listEstablishments', { query }, options),
  establishment: (id: string, options?: RequestOptions) => call('establishment', { params: { id } }, options),
  updateEstablishment: (id: string, changes: UpdateEstablishment) =>
    call('updateEstablishment', { params: { id }, body: changes }),
  setCancellationPolicy: (id: string, policy: CancellationPolicyInput | null) =>
    call('updateEstablishment', { params: { id }, body: { cancellationPolicy: policy } }),
  managers: (id: string) => call('managers', { params: { id } }),
  inviteManager: (id: string, email: string) => call('inviteManager', { params: { id }, body: { email } }),
  cancelManagerInvitation: (id: string, invitationId: string) =>
    call('cancelManagerInvitation', { params: { id, invitationId } }),
  revokeManager: (id: string, accountId: string) => call('revokeManager', { params: { id, accountId } }),
  establishmentSpaces: (id: string, options?: RequestOptions) =>
    call('establishmentSpaces', { params: { id } }, options),
  createSpace: (establishmentId: string, body: CreateSpaceBody) =>
    call('createSpace', { params: { id: establishmentId }, body }),
  closures: (establishmentId: string) => call('closures', { params: { id: establishmentId } }),
  /** The live bookings a closure would cancel, to list before confirming. */
  previewClosure: (establishmentId: string, body: CreateClosureBody) =>
    call('previewClosure', { params: { id: establishmentId }, body }),
  addClosure: (establishmentId: string, body: CreateClosureBody) =>
    call('createClosure', { params: { id: establishmentId }, body }),
  removeClosure: (closureId: string) => call('deleteClosure', { params: { id: closureId } }),

  space: (id: string, options?: RequestOptions) => call('space', { params: { id } }, options),
  spaceQuote: (id: string, query: { durationMinutes: number; category: RenterCategory }, options?: RequestOptions) =>
    call('spaceQuote', { params: { id }, query }, options),
  updateSpace: (id: string, changes: UpdateSpace) => call('updateSpace', { params: { id }, body: changes }),
  replaceOpeningRules: (id: string, rules: OpeningRuleInput[]) =>
    call('replaceOpeningRules', { params: { id }, body: { rules } }),
  replaceTariffs: (id: string, tariffs: TariffInput[]) => call('replaceTariffs', { params: { id }, body: { tariffs } }),
  accessInstructions: (id: string, options?: RequestOptions) =>
    call('spaceAccessInstructions', { params: { id } }, options),
  replaceAccessInstructions: (id: string, body: SpaceAccessInstructions) =>
    call('replaceSpaceAccessInstructions', { params: { id }, body }),
  calendar: (id: string, from: string, to: string, options?: RequestOptions) =>
    call('spaceCalendar', { params: { id }, query: { from, to } }, options),

  declareOrganisation: (body: CreateOrganisationBody) => call('createOrganisation', { body }),
  organisation: (id: string, options?: RequestOptions) => call('organisation', { params: { id } }, options),
  organisations: (query: { status?: OrganisationStatus; page?: number; pageSize?: number }, options?: RequestOptions) =>
    call('listOrganisations', { query }, options),
  verifyOrganisation: (id: string) => call('verifyOrganisation', { params: { id } }),
  rejectOrganisation: (id: string, reason: string) => call('rejectOrganisation', { params: { id }, body: { reason } }),
  /** A rejected organisation that never booked, with its members, invitations, claims and certificates. */
  deleteOrganisation: (id: string) => call('deleteOrganisation', { params: { id } }),
  calendarHorizon: (options?: RequestOptions) => call('calendarHorizon', {}, options),
  registerCheck: (id: string) => call('organisationRegisterCheck', { params: { id } }),
  claimNumber: (number: string, statement: string) => call('createClaim', { body: { number, statement } }),
  claims: (status?: ClaimStatus, options?: RequestOptions) => call('claims', { query: { status } }, options),
  decideClaim: (id: string, grant: boolean, reason: string) =>
    call(grant ? 'grantClaim' : 'dismissClaim', { params: { id }, body: { reason } }),
  members: (id: string) => call('members', { params: { id } }),
  removeMember: (id: string, accountId: string) => call('removeMember', { params: { id, accountId } }),
  setMemberRole: (id: string, accountId: string, role: MembershipRole) =>
    call('changeMemberRole', { params: { id, accountId }, body: { role } }),
  invite: (id: string, role: MembershipRole) => call('createInvitation', { params: { id }, body: { role } }),
  invitations: (id: string) => call('invitations', { params: { id } }),
  revokeInvitation: (id: string, invitationId: string) => call('revokeInvitation', { params: { id, invitationId } }),
  // The link's secret goes in bodies only, never in a URL that logs could keep.
  lookupInvitation: (token: string) => call('lookUpInvitation', { body: { token } }),
  acceptInvitation: (token: string) => call('acceptInvitation', { body: { token } }),
  insuranceCertificate: (id: string, options?: RequestOptions) =>
    call('insuranceCertificate', { params: { id } }, options),
  /** The file goes as the body, as it is; what the certificate says goes in the query (the operation's schema). */
  uploadInsuranceCertificate: (id: string, details: UploadInsuranceCertificateQuery, file: Blob) =>
    api.upload<InsuranceCertificateView>(booking.url('uploadInsuranceCertificate', { id }), file, {
      query: { ...details },
    }),
  conventionTemplate: (options?: RequestOptions) => call('conventionTemplate', {}, options),
  replaceConventionTemplate: (body: ConventionTemplate) => call('replaceConventionTemplate', { body }),
  /** The convention of a booking (of its series if it has one): a draft until approval, then the stored one. */
  conventionUrl: (id: string) => booking.url('bookingConvention', { id }),
  /** Opened as a plain link: the session cookie goes with it and the service checks the caller's rights. */
  insuranceCertificateFileUrl: (id: string) => booking.url('insuranceCertificateFile', { id }),
  spacePhotos: (id: string, options?: RequestOptions) => call('spacePhotos', { params: { id } }, options),
  /** The file goes as the body, as it is; its description and name in the query (the operation's schema). */
  uploadSpacePhoto: (id: string, details: UploadSpacePhotoQuery, file: Blob) =>
    api.upload<SpacePhotoView>(booking.url('uploadSpacePhoto', { id }), file, { query: { ...details } }),
  reorderSpacePhotos: (id: string, photoIds: string[]) =>
    call('reorderSpacePhotos', { params: { id }, body: { photoIds } }),
  deleteSpacePhoto: (id: string, photoId: string) => call('deleteSpacePhoto', { params: { id, photoId } }),
  /** A photo at one of its widths: a plain image address (cached by the browser for a published space). */
  spacePhotoUrl: (id: string, photoId: string, size: '400' | '1200') =>
    booking.url('spacePhotoFile', { id, photoId, size }),

  requestBooking: (body: RequestBookingBody) => call('requestBooking', { body }),
  bookings: (
    query: {
      organisationId?: string;
      establishmentId?: string;
      status?: BookingStatus;
      from?: string;
      to?: string;
      page?: number;
      pageSize?: number;
    },
    options?: RequestOptions,
  ) => call('listBookings', { query }, options),
  booking: (id: string, options?: RequestOptions) => call('booking', { params: { id } }, options),
  approve: (id: string, message?: string) =>
    call('approveBooking', { params: { id }, body: message ? { message } : {} }),
  refuse: (id: string, reason: string) => call('refuseBooking', { params: { id }, body: { reason } }),
  cancel: (id: string, reason?: string) => call('cancelBooking', { params: { id }, body: reason ? { reason } : {} }),

  previewSeries: (body: PreviewSeriesBody) => call('previewSeries', { body }),
  createSeries: (body: CreateSeriesBody) => call('createSeries', { body }),
  series: (id: string, options?: RequestOptions) => call('series', { params: { id } }, options),
  /** The whole series, or only `bookingIds` among its occurrences. */
  approveSeries: (id: string, message?: string, bookingIds?: string[]) =>
    call('approveSeries', { params: { id }, body: { ...(message ? { message } : {}), bookingIds } }),
  refuseSeries: (id: string, reason: string, bookingIds?: string[]) =>
    call('refuseSeries', { params: { id }, body: { reason, bookingIds } }),
  cancelSeries: (id: string, reason?: string, bookingIds?: string[]) =>
    call('cancelSeries', { params: { id }, body: { ...(reason ? { reason } : {}), bookingIds } }),

  conversation: (bookingId: string, options?: RequestOptions) =>
    call('bookingMessages', { params: { id: bookingId } }, options),
  postMessage: (bookingId: string, body: string) =>
    call('postBookingMessage', { params: { id: bookingId }, body: { body } }),
  markConversationRead: (bookingId: string) => call('readBookingMessages', { params: { id: bookingId } }),
  unreadMessages: (options?: RequestOptions) => call('unreadMessages', {}, options),
  /** Who is asking: an organisation that booked or asked at the collège, with its history there. */
  requester: (establishmentId: string, organisationId: string, options?: RequestOptions) =>
    call('requester', { params: { id: establishmentId, organisationId } }, options),
  establishmentPlanning: (id: string, query: { from: string; days: number }, options?: RequestOptions) =>
    call('establishmentPlanning', { params: { id }, query }, options),
  departmentPlanning: (query: { from: string; days: number }, options?: RequestOptions) =>
    call('departmentPlanning', { query }, options),

  calendarLink: (owner: 'establishments' | 'organisations', id: string) =>
    call(owner === 'establishments' ? 'establishmentCalendarLink' : 'organisationCalendarLink', { params: { id } }),
  rotateCalendarLink: (owner: 'establishments' | 'organisations', id: string) =>
    call(owner === 'establishments' ? 'rotateEstablishmentCalendarLink' : 'rotateOrganisationCalendarLink', {
      params: { id },
    }),

  statistics: (query: { from: string; to: string; establishmentId?: string }, options?: RequestOptions) =>
    call('statistics', { query }, options),
  statisticsHeatmap: (query: { from: string; to: string; establishmentId?: string }, options?: RequestOptions) =>
    call('statisticsHeatmap', { query }, options),
  /** Sends the file's bytes (the service detects their encoding: Excel writes Windows-1252) and its name, for the audit log. */
  importCsv: (kind: CsvImportKind, bytes: Uint8Array, dryRun: boolean, fileName?: string) =>
    call(IMPORT_OPERATIONS[kind], { body: { csvBase64: toBase64(bytes), dryRun, ...(fileName ? { fileName } : {}) } }),
};

/** Links the browser follows itself (downloads). */
export const bookingDownloads = {
  establishmentsCsv: booking.url('exportEstablishments'),
  spacesCsv: booking.url('exportSpaces'),
  /** Every space's for admins, their collèges' for managers. */
  openingRulesCsv: booking.url('exportOpeningRules'),
  tariffsCsv: booking.url('exportTariffs'),
  statisticsHeatmapCsv: (from: string, to: string, establishmentId?: string) =>
    `${booking.url('exportStatisticsHeatmap')}?${new URLSearchParams({ from, to, ...(establishmentId ? { establishmentId } : {}) }).toString()}`,
  statisticsCsv: (from: string, to: string, establishmentId?: string) =>
    `${booking.url('exportStatistics')}?${new URLSearchParams({ from, to, ...(establishmentId ? { establishmentId } : {}) }).toString()}`,
  /** A collège's planning as a PDF, or the département's without `establishmentId`. */
  planningPdf: (from: string, days: number, establishmentId?: string) =>
    `${establishmentId ? booking.url('establishmentPlanningPdf', { id: establishmentId }) : booking.url('departmentPlanningPdf')}?${new URLSearchParams({ from, days: String(days) }).toString()}`,
};

/** The public address of an ICS feed whose booking-service path is `path`. */
export function calendarFeedUrl(path: string, origin: string = window.location.origin): string {
  return `${origin}${BOOKING}${path}`;
}

/** Base64 of a file's bytes, in chunks small enough for `String.fromCharCode`'s argument list. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}
