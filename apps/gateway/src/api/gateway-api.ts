import { lazy } from '@salle/runtime';
import {
  gatewayApiOperations,
  gatewayAuditOperations,
  gatewayAuthOperations,
  type DepartmentAdmins,
  type RetentionSettings,
} from '@salle/contracts';
import {
  forbidden,
  openApiDocument,
  operationRoutes,
  reply,
  unauthorized,
  type OperationImplementations,
} from '@salle/http';
import type { AuditTrail } from '../audit/audit-trail';
import type { ErasureRequests } from '../privacy/erasure-requests';
import type { PersonalDataExporter } from '../privacy/personal-data-export';
import { currentSession } from '../sessions/session-middleware';
import type { Session } from '../sessions/session-store';
import type { BookingClient } from './booking-client';
import { callerOf, describeMe } from './me';

/** The gateway's own operations, the browser flows of login and logout included, as OpenAPI 3.1. */
export function gatewayApiDescription() {
  return openApiDocument(
    {
      title: 'Salle sur demande: gateway',
      version: '1',
      description:
        "The gateway's own API and browser flows: the signed-in person (`/api/me`), login and logout through FranceConnect and ProConnect. " +
        'The services behind it describe theirs at `/api/booking/openapi.json` and `/api/payment/openapi.json`. ' +
        'Errors of `/api` are `application/problem+json` with a stable `code`; those of `/auth` are French pages with a retry link.',
    },
    [
      ...Object.values(gatewayApiOperations),
      ...Object.values(gatewayAuditOperations),
      ...Object.values(gatewayAuthOperations),
    ],
  );
}

/** Who may call the gateway's own API: anyone, or the holder of a session (loaded before by the `/api` middleware). */
const gatewayAccess = {
  anyone: { grant: () => undefined },
  session: {
    grant: (_req: unknown, res: Parameters<typeof currentSession>[0]): Session => {
      const session = currentSession(res);
      if (!session) throw unauthorized();
      return session;
    },
  },
  admin: {
    grant: (_req: unknown, res: Parameters<typeof currentSession>[0]): Session => {
      const session = currentSession(res);
      if (!session) throw unauthorized();
      if (!session.roles.includes('department_admin')) throw forbidden();
      return session;
    },
  },
};

const NO_STORE = { 'Cache-Control': 'no-store' };

/** What the gateway's own operations rely on besides the session. */
export interface GatewayApiDependencies {
  booking: BookingClient;
  personalData: PersonalDataExporter;
  erasure: ErasureRequests;
  /** The retention periods of this deployment (its configuration), published for the personal-data page. */
  retention: RetentionSettings;
  /** The département's admins who have logged in (`DEPARTMENT_ADMIN_EMAILS`), for the admin screens. */
  departmentAdmins: () => Promise<DepartmentAdmins['items']>;
}

/** The routes of `gatewayApiOperations`, mounted after the `/api` session, CSRF and rate-limit middleware. */
export function gatewayApiRoutes({
  booking,
  personalData,
  erasure,
  retention,
  departmentAdmins,
}: GatewayApiDependencies) {
  // Built at the first request for it rather than at every start.
  const description = lazy(gatewayApiDescription);
  const handlers: OperationImplementations<typeof gatewayApiOperations, typeof gatewayAccess> = {
    me: {
      access: 'session',
      handle: async (_input, { access, requestId }) =>
        reply(await describeMe(access, booking, requestId), { headers: { 'Cache-Control': 'no-store' } }),
    },
    personalData: {
      access: 'session',
      handle: async (_input, { access, requestId }) =>
        reply(await personalData.export(access, requestId), { headers: NO_STORE }),
    },
    requestErasure: {
      access: 'session',
      handle: async (_input, { access }) => {
        const { request, created } = await erasure.request(access.accountId);
        return reply(request, { status: created ? 201 : 200, headers: NO_STORE });
      },
    },
    erasureRequests: {
      access: 'admin',
      handle: async () => reply({ items: await erasure.list() }, { headers: NO_STORE }),
    },
    executeErasure: {
      access: 'admin',
      handle: ({ params }, { access, requestId }) => erasure.execute(params.id, callerOf(access), requestId),
    },
    departmentAdmins: {
      access: 'admin',
      handle: async () => reply({ items: await departmentAdmins() }, { headers: NO_STORE }),
    },
    retentionPeriods: { access: 'anyone', handle: () => ({ periods: retention }) },
    // A copy typed as plain JSON (the generator's type is an interface without an index signature).
    openApi: { access: 'anyone', handle: () => ({ ...description() }) },
  };
  return operationRoutes(gatewayApiOperations, handlers, gatewayAccess);
}

/**
 * « Journal d’audit »: the merged audit log and its CSV export, for a signed-in person; the trail refuses (403)
 * anyone who is neither a département admin nor a collège's manager, and a manager naming another collège.
 */
export function gatewayAuditRoutes(trail: AuditTrail) {
  const handlers: OperationImplementations<typeof gatewayAuditOperations, typeof gatewayAccess> = {
    auditEntries: {
      access: 'session',
      handle: async ({ query }, { access, requestId }) =>
        reply(await trail.page(callerOf(access), query, requestId), { headers: NO_STORE }),
    },
    auditEntriesCsv: {
      access: 'session',
      handle: async ({ query }, { access, requestId }) =>
        reply(await trail.csv(callerOf(access), query, requestId), {
          headers: {
            ...NO_STORE,
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="journal-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
          },
        }),
    },
  };
  return operationRoutes(gatewayAuditOperations, handlers, gatewayAccess);
}
