import type { AuditPage, AuditService, gatewayAuditOperations } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { gatewayAuditRoutes } from './back-office-routes';
import { api } from './http';
import { operationClient } from './operation-client';

const audit = operationClient<typeof gatewayAuditOperations>(api, '', gatewayAuditRoutes);

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
};
