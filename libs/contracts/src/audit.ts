import { z } from 'zod';
import { utcInstantSchema, uuidSchema } from './booking/common';
import { defineOperations } from './operation';

/**
 * The audit log: every state change of the product, who made it (account and role), on whose behalf, what (a
 * stable action code), on which object, the changed fields before and after (ids and values, never a person's
 * name, e-mail or phone), and when. Each service writes its own entries in the transaction of the change, in its
 * own `audit_log` table; the gateway merges them by time for the département's viewer (« Journal d’audit »).
 */
export const AUDIT_SERVICES = ['booking', 'gateway', 'notification', 'payment'] as const;
export const auditServiceSchema = z.enum(AUDIT_SERVICES);
export type AuditService = z.infer<typeof auditServiceSchema>;

/** What an entry's `changes` holds for one field: its value before and after (null when created or removed). */
export const auditChangeSchema = z.strictObject({ before: z.unknown(), after: z.unknown() });
export type AuditChanges = Record<string, z.infer<typeof auditChangeSchema>>;

export const auditEntrySchema = z.strictObject({
  /** `<service>:<number>`, unique across services. */
  id: z.string(),
  at: utcInstantSchema,
  service: auditServiceSchema,
  /** A stable code: `space.updated`, `payment.flag_resolved`, `booking.approved`… */
  action: z.string(),
  actorAccountId: z.uuid().nullable(),
  /** `department_admin`, `establishment_manager`, `organisation_owner`, `organisation_member`, `account_holder`… */
  actorRole: z.string(),
  /** The organisation a staff member acted for. */
  onBehalfOf: z.uuid().nullable(),
  objectType: z.string(),
  objectId: z.string(),
  establishmentId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  changes: z.record(z.string(), auditChangeSchema),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_PAGE_MAX = 200;

/** The viewer's filters; `cursor` continues after the last entry of the previous page (newest first). */
export const auditQuerySchema = z.object({
  from: utcInstantSchema.optional(),
  to: utcInstantSchema.optional(),
  service: auditServiceSchema.optional(),
  action: z.string().trim().min(1).max(80).optional(),
  establishmentId: uuidSchema.optional(),
  organisationId: uuidSchema.optional(),
  actorAccountId: uuidSchema.optional(),
  cursor: z
    .string()
    .refine((cursor) => decodeAuditCursor(cursor) !== undefined, {
      error: 'doit être le curseur donné par la page précédente',
    })
    .optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX, { error: 'au plus 200 entrées par page' }).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.strictObject({
  items: z.array(auditEntrySchema),
  /** Absent on the last page. */
  nextCursor: z.string().optional(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** Where a page stopped: the last entry's instant (to the millisecond), service and number. */
export interface AuditCursor {
  at: string;
  service: AuditService;
  id: string;
}

/** `<epoch ms>-<service>-<number>`: plain text, so the browser passes it back as it got it. */
export function encodeAuditCursor(entry: Pick<AuditEntry, 'at' | 'service' | 'id'>): string {
  return `${Date.parse(entry.at)}-${entry.service}-${entry.id.slice(entry.id.indexOf(':') + 1)}`;
}

const CURSOR = /^(\d{1,15})-([a-z]+)-(\d{1,18})$/;

/** Undefined for a cursor this code did not write (the caller answers 400). */
export function decodeAuditCursor(cursor: string): AuditCursor | undefined {
  const match = CURSOR.exec(cursor);
  const service = auditServiceSchema.safeParse(match?.[2]);
  if (!match || !service.success) return undefined;
  return { at: new Date(Number(match[1])).toISOString(), service: service.data, id: match[3] ?? '0' };
}

/**
 * The order of the merged log, newest first: by instant, then service, then number, all descending. Every
 * service pages by the same order, so the gateway merges pages without gaps or repeats.
 */
export function compareAuditEntries(a: Pick<AuditEntry, 'at' | 'service' | 'id'>, b: typeof a): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.service !== b.service) return a.service < b.service ? 1 : -1;
  const left = BigInt(a.id.slice(a.id.indexOf(':') + 1));
  const right = BigInt(b.id.slice(b.id.indexOf(':') + 1));
  return left === right ? 0 : left < right ? 1 : -1;
}

/** Who may read a service's log, in the words of the operation tables. */
export const AUDIT_ACCESS = "département admins (every entry); collèges' managers (their collèges' entries only)";

/** `GET /audit-entries` of each service: its own log, which the gateway merges (`GET /api/audit-entries`). */
export const serviceAuditEntriesOperation = {
  method: 'get',
  path: '/audit-entries',
  tags: ['audit'],
  summary: "This service's audit log, newest first, filtered, one page after the cursor",
  access: AUDIT_ACCESS,
  query: auditQuerySchema,
  success: { status: 200, description: 'One page of entries, newest first.', json: auditPageSchema },
  refusals: [401, 403],
} as const;

/**
 * Booking, payment and notification mount this table beside their own (it is kept apart from theirs so that
 * the web's first page, which carries the services' routes, does not grow with it).
 */
export const serviceAuditOperations = defineOperations({ auditEntries: serviceAuditEntriesOperation });

/** The gateway's merged log, for « Journal d’audit »: mounted beside `gatewayApiOperations`, described with it. */
export const gatewayAuditOperations = defineOperations({
  auditEntries: {
    method: 'get',
    path: '/api/audit-entries',
    tags: ['audit'],
    summary:
      "The product's audit log (every service's, merged by time), newest first, filtered, one page after the cursor",
    access: AUDIT_ACCESS,
    query: auditQuerySchema,
    success: { status: 200, description: 'One page of entries, newest first.', json: auditPageSchema },
    refusals: [401, 403, 502],
  },
  auditEntriesCsv: {
    method: 'get',
    path: '/api/audit-entries.csv',
    tags: ['audit'],
    summary: 'The filtered audit log as a CSV file (UTF-8 with BOM, semicolons, French headers), newest first',
    access: AUDIT_ACCESS,
    query: auditQuerySchema.omit({ cursor: true, limit: true }),
    success: { status: 200, description: 'The entries, at most 10,000.', mediaType: 'text/csv' },
    refusals: [401, 403, 502],
  },
});
