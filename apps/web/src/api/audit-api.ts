import type {
  AuditPage,
  AuditService,
  EstablishmentView,
  gatewayAuditOperations,
  OrganisationSummary,
  PaymentFlag,
  payerContactOperations,
} from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { gatewayAuditRoutes, payerContactRoutes } from './back-office-routes';
import { booking } from './booking-api';
import { allEstablishments } from './establishment-list';
import { api } from './http';
import { operationClient } from './operation-client';

const audit = operationClient<typeof gatewayAuditOperations>(api, '', gatewayAuditRoutes);
const payerContacts = operationClient<typeof payerContactOperations>(api, '/api/payment', payerContactRoutes);

/** « Contacter le payeur »: the message goes to the payer organisation, the flag keeps who and when. */
export function contactPayer(flagId: string, message: string): Promise<PaymentFlag> {
  return payerContacts.call('contactPayer', { params: { flagId }, body: { message } });
}

/** The viewer's filters, as the gateway reads them (instants in UTC, ids as UUIDs). */
export interface AuditFilters {
  from?: string;
  to?: string;
  service?: AuditService;
  action?: string;
  establishmentId?: string;
  organisationId?: string;
  actorAccountId?: string;
}

const defined = (filters: AuditFilters) =>
  Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== '')) as Record<
    string,
    string
  >;

/** « Journal d’audit »: the merged log of every service, for admins and collèges' managers (lazily loaded). */
export const auditApi = {
  page: (filters: AuditFilters, cursor: string | undefined, options?: RequestOptions): Promise<AuditPage> =>
    audit.call('auditEntries', { query: { ...defined(filters), limit: 50, ...(cursor ? { cursor } : {}) } }, options),
  /** The CSV export of the same filters, for a download link. */
  csvUrl: (filters: AuditFilters): string => {
    const query = new URLSearchParams(defined(filters)).toString();
    return `${audit.url('auditEntriesCsv')}${query ? `?${query}` : ''}`;
  },
  /** The collèges an admin may filter by: all of them (a manager's are those of their session). */
  establishments: (options?: RequestOptions): Promise<EstablishmentView[]> => allEstablishments(options),
  /** The organisations the caller may filter by, found by name, RNA or SIREN (managers: those that booked there). */
  organisations: async (text: string, options?: RequestOptions): Promise<OrganisationSummary[]> =>
    (await booking.call('searchOrganisations', { query: { q: text, limit: 10 } }, options)).items,
};
