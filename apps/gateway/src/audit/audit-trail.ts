import type { DataSource } from 'typeorm';
import type { Caller, TokenIssuer } from '@salle/auth';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ROLE_LABELS,
  AUDIT_SERVICE_LABELS,
  AUDIT_SERVICES,
  auditPageSchema,
  compareAuditEntries,
  encodeAuditCursor,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type AuditService,
  type InternalAccessClaim,
} from '@salle/contracts';
import { writeCsv } from '@salle/csv';
import { auditScopeOf, listAudit } from '@salle/db';
import { forbidden } from '@salle/http';
import { auditUnavailable } from '../errors';
import { injectTraceHeaders, type Logger } from '@salle/runtime';

type RemoteService = Exclude<AuditService, 'gateway'>;

/** At most this many entries in one CSV export (50 pages of the largest size). */
export const AUDIT_CSV_MAX_ENTRIES = 10_000;

/**
 * The département's audit log: every service keeps its own (`audit_log`, written in the transaction of each
 * change) and answers `GET /audit-entries` page by page in one order (instant, service, number, newest first);
 * the gateway asks each for a page after the same cursor, reads its own table, merges them in that order and
 * keeps the page size. No service reads another's tables. A manager reads only their collèges' entries: the
 * services filter by the collèges named in the internal token, the gateway's own entries (accounts) have none.
 */
export class AuditTrail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly urls: Record<RemoteService, string>,
    private readonly issuer: TokenIssuer,
    private readonly claims: { of(caller: Caller, requestId: string): Promise<{ access: InternalAccessClaim }> },
    private readonly logger: Logger,
    private readonly timeoutMs = 10_000,
  ) {}

  async page(caller: Caller, query: AuditQuery, requestId: string): Promise<AuditPage> {
    const claim = await this.claims.of(caller, requestId);
    const scope = auditScopeOf(
      { isAdmin: caller.roles.includes('department_admin'), establishments: claim.access.establishments },
      query.establishmentId,
    );
    if (scope === 'forbidden')
      throw forbidden('Le journal d’audit est réservé aux agents du département et aux gestionnaires de collège.');
    const services = query.service ? [query.service] : AUDIT_SERVICES;
    const pages = await Promise.all(
      services.map((service) =>
        service === 'gateway'
          ? listAudit(this.dataSource, 'gateway', 'SELECT * FROM gateway.audit_log', query, scope)
          : this.remotePage(service, caller, claim, query, requestId),
      ),
    );
    const merged = pages.flatMap((page) => page.items).sort(compareAuditEntries);
    const items = merged.slice(0, query.limit);
    const more = merged.length > query.limit || pages.some((page) => page.nextCursor !== undefined);
    const last = items.at(-1);
    return { items, ...(more && last ? { nextCursor: encodeAuditCursor(last) } : {}) };
  }

  /** Every entry the filters select, newest first, up to AUDIT_CSV_MAX_ENTRIES, as a French spreadsheet's CSV. */
  async csv(caller: Caller, filters: Omit<AuditQuery, 'cursor' | 'limit'>, requestId: string): Promise<string> {
    const entries: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(caller, { ...filters, limit: 200, ...(cursor ? { cursor } : {}) }, requestId);
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && entries.length < AUDIT_CSV_MAX_ENTRIES);
    return auditCsv(entries.slice(0, AUDIT_CSV_MAX_ENTRIES));
  }

  private async remotePage(
    service: RemoteService,
    caller: Caller,
    claim: { access: InternalAccessClaim },
    query: AuditQuery,
    requestId: string,
  ): Promise<AuditPage> {
    const url = new URL('/audit-entries', this.urls[service]);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, `${value}`);
    let response: Response;
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${await this.issuer.mint(caller, service, claim)}`,
        'x-request-id': requestId,
      };
      injectTraceHeaders(headers);
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      this.logger.warn({ requestId, service, reason: (error as Error).name }, 'audit log part unavailable');
      throw auditUnavailable();
    }
    if (response.status === 403) throw forbidden('Ce journal ne vous est pas ouvert.');
    const parsed = response.ok ? auditPageSchema.safeParse(await response.json()) : undefined;
    if (!parsed?.success) {
      this.logger.warn({ requestId, service, status: response.status }, 'audit log part refused or malformed');
      throw auditUnavailable();
    }
    return parsed.data;
  }
}

const parisTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'medium',
});

const CSV_HEADERS = [
  'Date (heure de Paris)',
  'Service',
  'Action',
  'Code de l’action',
  'Rôle',
  'Compte',
  'Pour le compte de',
  'Objet',
  'Identifiant de l’objet',
  'Collège',
  'Organisme',
  'Avant',
  'Après',
];

/** The audit trail for a spreadsheet: `writeCsv` of `libs/csv`, as the product's other exports. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const side = (entry: AuditEntry, key: 'before' | 'after') =>
    Object.keys(entry.changes).length === 0
      ? ''
      : JSON.stringify(
          Object.fromEntries(Object.entries(entry.changes).map(([field, change]) => [field, change[key]])),
        );
  const rows = entries.map((entry) => [
    parisTime.format(new Date(entry.at)),
    AUDIT_SERVICE_LABELS[entry.service],
    AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
    entry.action,
    AUDIT_ROLE_LABELS[entry.actorRole] ?? entry.actorRole,
    entry.actorAccountId ?? '',
    entry.onBehalfOf ?? '',
    entry.objectType,
    entry.objectId,
    entry.establishmentId ?? '',
    entry.organisationId ?? '',
    side(entry, 'before'),
    side(entry, 'after'),
  ]);
  return writeCsv(CSV_HEADERS, rows);
}
