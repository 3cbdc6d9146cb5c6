import type {
  AuditEntryView,
  BookingStatus,
  BookingView,
  CalendarView,
  CancellationPolicyInput,
  ClosureView,
  CreatedInvitationView,
  CreateOrganisationBody,
  CreateSeriesBody,
  CreateSpaceBody,
  CsvImportKind,
  CsvImportReport,
  EstablishmentView,
  InvitationPreview,
  InvitationView,
  MembershipRole,
  MemberView,
  OpeningRuleInput,
  OrganisationStatus,
  OrganisationView,
  Page,
  PreviewSeriesBody,
  RequestBookingBody,
  SearchResults,
  SeriesCreatedView,
  SeriesDecisionView,
  SeriesPreviewView,
  SeriesView,
  SpaceDetailsView,
  SpaceView,
  StatisticsView,
  TariffInput,
  UpdateEstablishment,
  UpdateSpace,
} from '@salle/contracts';
import type { Query, RequestOptions } from './api-client';
import { api } from './http';

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

export const bookingApi = {
  search: (query: SearchParams, options?: RequestOptions) => api.get<SearchResults>(`${BOOKING}/search`, { ...options, query }),

  establishments: (query: { q?: string; status?: string; communeInsee?: string; page?: number; pageSize?: number } = {}, options?: RequestOptions) =>
    api.get<Page<EstablishmentView>>(`${BOOKING}/establishments`, { ...options, query }),
  establishment: (id: string, options?: RequestOptions) => api.get<EstablishmentView>(`${BOOKING}/establishments/${id}`, options),
  updateEstablishment: (id: string, changes: UpdateEstablishment) => api.patch<EstablishmentView>(`${BOOKING}/establishments/${id}`, changes),
  setCancellationPolicy: (id: string, policy: CancellationPolicyInput | null) =>
    api.patch<EstablishmentView>(`${BOOKING}/establishments/${id}`, { cancellationPolicy: policy }),
  managers: (id: string) => api.get<{ accountIds: string[] }>(`${BOOKING}/establishments/${id}/managers`),
  addManager: (id: string, accountId: string) => api.post<void>(`${BOOKING}/establishments/${id}/managers`, { accountId }),
  establishmentSpaces: (id: string, options?: RequestOptions) => api.get<{ items: SpaceView[] }>(`${BOOKING}/establishments/${id}/spaces`, options),
  createSpace: (establishmentId: string, body: CreateSpaceBody) => api.post<SpaceView>(`${BOOKING}/establishments/${establishmentId}/spaces`, body),
  closures: (establishmentId: string) => api.get<{ items: ClosureView[] }>(`${BOOKING}/establishments/${establishmentId}/closures`),
  addClosure: (establishmentId: string, body: { spaceId?: string; startsAt: string; endsAt: string; reason: string }) =>
    api.post<ClosureView>(`${BOOKING}/establishments/${establishmentId}/closures`, body),
  removeClosure: (closureId: string) => api.delete(`${BOOKING}/closures/${closureId}`),

  space: (id: string, options?: RequestOptions) => api.get<SpaceDetailsView>(`${BOOKING}/spaces/${id}`, options),
  updateSpace: (id: string, changes: UpdateSpace) => api.patch<SpaceView>(`${BOOKING}/spaces/${id}`, changes),
  replaceOpeningRules: (id: string, rules: OpeningRuleInput[]) => api.put<{ rules: unknown[] }>(`${BOOKING}/spaces/${id}/opening-rules`, { rules }),
  replaceTariffs: (id: string, tariffs: TariffInput[]) => api.put<{ tariffs: unknown[] }>(`${BOOKING}/spaces/${id}/tariffs`, { tariffs }),
  calendar: (id: string, from: string, to: string, options?: RequestOptions) =>
    api.get<CalendarView>(`${BOOKING}/spaces/${id}/calendar`, { ...options, query: { from, to } }),

  declareOrganisation: (body: CreateOrganisationBody) => api.post<OrganisationView>(`${BOOKING}/organisations`, body),
  organisation: (id: string, options?: RequestOptions) => api.get<OrganisationView>(`${BOOKING}/organisations/${id}`, options),
  organisations: (query: { status?: OrganisationStatus; page?: number; pageSize?: number }, options?: RequestOptions) =>
    api.get<Page<OrganisationView>>(`${BOOKING}/organisations`, { ...options, query }),
  verifyOrganisation: (id: string) => api.post<OrganisationView>(`${BOOKING}/organisations/${id}/verify`),
  rejectOrganisation: (id: string, reason: string) => api.post<OrganisationView>(`${BOOKING}/organisations/${id}/reject`, { reason }),
  members: (id: string) => api.get<{ items: MemberView[] }>(`${BOOKING}/organisations/${id}/members`),
  removeMember: (id: string, accountId: string) => api.delete(`${BOOKING}/organisations/${id}/members/${accountId}`),
  setMemberRole: (id: string, accountId: string, role: MembershipRole) => api.patch<MemberView>(`${BOOKING}/organisations/${id}/members/${accountId}`, { role }),
  invite: (id: string, role: MembershipRole) => api.post<CreatedInvitationView>(`${BOOKING}/organisations/${id}/invitations`, { role }),
  invitations: (id: string) => api.get<{ items: InvitationView[] }>(`${BOOKING}/organisations/${id}/invitations`),
  revokeInvitation: (id: string, invitationId: string) => api.delete(`${BOOKING}/organisations/${id}/invitations/${invitationId}`),
  // The link's secret goes in bodies only, never in a URL that logs could keep.
  lookupInvitation: (token: string) => api.post<InvitationPreview>(`${BOOKING}/invitations/lookup`, { token }),
  acceptInvitation: (token: string) => api.post<OrganisationView>(`${BOOKING}/invitations/accept`, { token }),

  requestBooking: (body: RequestBookingBody) => api.post<BookingView>(`${BOOKING}/bookings`, body),
  bookings: (
    query: { organisationId?: string; establishmentId?: string; status?: BookingStatus; from?: string; to?: string; page?: number; pageSize?: number },
    options?: RequestOptions,
  ) => api.get<Page<BookingView>>(`${BOOKING}/bookings`, { ...options, query }),
  booking: (id: string, options?: RequestOptions) => api.get<BookingDetails>(`${BOOKING}/bookings/${id}`, options),
  approve: (id: string, message?: string) => api.post<BookingView>(`${BOOKING}/bookings/${id}/approve`, message ? { message } : {}),
  refuse: (id: string, reason: string) => api.post<BookingView>(`${BOOKING}/bookings/${id}/refuse`, { reason }),
  cancel: (id: string, reason?: string) => api.post<BookingView>(`${BOOKING}/bookings/${id}/cancel`, reason ? { reason } : {}),

  previewSeries: (body: PreviewSeriesBody) => api.post<SeriesPreviewView>(`${BOOKING}/series/preview`, body),
  createSeries: (body: CreateSeriesBody) => api.post<SeriesCreatedView>(`${BOOKING}/series`, body),
  series: (id: string, options?: RequestOptions) => api.get<SeriesView>(`${BOOKING}/series/${id}`, options),
  approveSeries: (id: string, message?: string) => api.post<SeriesDecisionView>(`${BOOKING}/series/${id}/approve`, message ? { message } : {}),
  refuseSeries: (id: string, reason: string) => api.post<SeriesDecisionView>(`${BOOKING}/series/${id}/refuse`, { reason }),

  calendarLink: (owner: 'establishments' | 'organisations', id: string) => api.get<{ path: string }>(`${BOOKING}/${owner}/${id}/calendar-link`),
  rotateCalendarLink: (owner: 'establishments' | 'organisations', id: string) => api.post<{ path: string }>(`${BOOKING}/${owner}/${id}/calendar-link`),

  statistics: (query: { from: string; to: string; establishmentId?: string }, options?: RequestOptions) =>
    api.get<StatisticsView>(`${BOOKING}/statistics`, { ...options, query }),
  importCsv: (kind: CsvImportKind, csv: string, dryRun: boolean) => api.post<CsvImportReport>(`${BOOKING}/imports/${kind}`, { csv, dryRun }),
};

/** Links the browser follows itself (downloads). */
export const bookingDownloads = {
  establishmentsCsv: `${BOOKING}/exports/establishments.csv`,
  spacesCsv: `${BOOKING}/exports/spaces.csv`,
  statisticsCsv: (from: string, to: string, establishmentId?: string) =>
    `${BOOKING}/exports/statistics.csv?${new URLSearchParams({ from, to, ...(establishmentId ? { establishmentId } : {}) }).toString()}`,
};

/** The public address of an ICS feed whose booking-service path is `path`. */
export function calendarFeedUrl(path: string, origin: string = window.location.origin): string {
  return `${origin}${BOOKING}${path}`;
}
