import { z } from 'zod';
import { departmentAdminsSchema, identityProviderSchema, meResponseSchema } from './gateway';
import { erasureRequestsSchema, erasureRequestViewSchema } from './erasure';
import { defineOperations } from './operation';
import { personalDataExportSchema } from './personal-data-export';
import { retentionSettingsSchema } from './privacy/retention';

const providerPathSchema = z.object({ provider: identityProviderSchema });

/** The gateway's own JSON API (besides the proxied services): mounted from this table, published at `/api/openapi.json`. */
export const gatewayApiOperations = defineOperations({
  me: {
    method: 'get',
    path: '/api/me',
    tags: ['session'],
    summary: 'The signed-in person, their roles, what they act for and the CSRF token of their session',
    access: 'a signed-in person (session cookie)',
    success: { status: 200, description: 'The person and their session.', json: meResponseSchema },
    refusals: [401],
  },
  personalData: {
    method: 'get',
    path: '/api/me/personal-data',
    tags: ['personal data'],
    summary:
      'Everything the services hold about the signed-in person (right of access), for « Télécharger mes données »',
    access: 'a signed-in person (session cookie), about themselves only',
    success: {
      status: 200,
      description: 'The account and what booking and notification hold about it.',
      json: personalDataExportSchema,
    },
    refusals: [401, 502],
  },
  requestErasure: {
    method: 'post',
    path: '/api/me/erasure-request',
    tags: ['personal data'],
    summary: "Ask for the erasure of one's account (« Supprimer mon compte »), answered within one month",
    access: 'a signed-in person (session cookie), about themselves only',
    success: {
      status: 201,
      alsoStatus: 200,
      description: 'The request (200 with the same request when one is already open).',
      json: erasureRequestViewSchema,
    },
    refusals: [401],
  },
  erasureRequests: {
    method: 'get',
    path: '/api/admin/erasure-requests',
    tags: ['personal data'],
    summary: 'The erasure requests, open ones first by deadline, then the executed ones',
    access: 'département admins',
    success: { status: 200, description: 'The requests and their deadlines.', json: erasureRequestsSchema },
    refusals: [401, 403],
  },
  executeErasure: {
    method: 'post',
    path: '/api/admin/erasure-requests/:id/execute',
    tags: ['personal data'],
    summary: 'Erase the account: every service removes or pseudonymises its data, sessions end',
    access: 'département admins',
    params: z.object({ id: z.uuid() }),
    success: {
      status: 200,
      description: 'The executed request with what each service kept and why (the same when already executed).',
      json: erasureRequestViewSchema,
    },
    refusals: [401, 403, 404, 502],
  },
  departmentAdmins: {
    method: 'get',
    path: '/api/admin/admins',
    tags: ['accounts'],
    summary: "The département's admins who have logged in, by name and e-mail (to grant them the delegation to sign)",
    access: 'département admins',
    success: { status: 200, description: 'The admins, by name.', json: departmentAdminsSchema },
    refusals: [401, 403],
  },
  retentionPeriods: {
    method: 'get',
    path: '/api/privacy/retention',
    tags: ['personal data'],
    summary: 'The retention periods this deployment applies, stated on the personal-data page',
    access: 'anyone, visitors included',
    success: { status: 200, description: 'Each configured period, by variable.', json: retentionSettingsSchema },
  },
  openApi: {
    method: 'get',
    path: '/api/openapi.json',
    tags: ['operations'],
    summary: "This description (the services' own: /api/booking/openapi.json, /api/payment/openapi.json)",
    access: 'anyone, visitors included',
    success: { status: 200, description: 'OpenAPI 3.1 document.', json: z.object({}).loose() },
  },
});

/**
 * The browser flows of login and logout: redirects and French pages, not
 * JSON, so that their refusals are pages too (status 400, 403, 429, 502...
 * with a retry link). The gateway's auth routes take their paths from here.
 */
export const gatewayAuthOperations = defineOperations({
  login: {
    method: 'get',
    path: '/auth/:provider/login',
    tags: ['login'],
    summary: "Start a login: 303 to the federation's authorization page",
    access: 'anyone',
    params: providerPathSchema,
    query: z.object({ returnTo: z.string().optional() }),
    success: {
      status: 303,
      description:
        "To the federation's authorization endpoint; `returnTo`, a path of this site, is where the callback ends.",
    },
  },
  callback: {
    method: 'get',
    path: '/auth/:provider/callback',
    tags: ['login'],
    summary: "The federation's return: every check, then a new session and 303 to `returnTo` (or `/`)",
    access: 'the browser that started the login (state, nonce, PKCE, binding cookie)',
    params: providerPathSchema,
    query: z.object({
      state: z.string().optional(),
      code: z.string().optional(),
      iss: z.string().optional(),
      error: z.string().optional(),
    }),
    success: { status: 303, description: 'Signed in: to `returnTo` or `/`, with the session cookie.' },
  },
  logout: {
    method: 'post',
    path: '/auth/logout',
    tags: ['login'],
    summary: "Log out: the local session ends, then 303 to the federation's end-session",
    access: 'a signed-in person, from this site (Origin) with the `csrf` form field',
    success: { status: 303, description: "To the federation's end-session endpoint (or `/` without a session)." },
  },
  logoutCallback: {
    method: 'get',
    path: '/auth/:provider/logout/callback',
    tags: ['login'],
    summary: "The federation's return after logout: a French page (200), or 303 to `/` for an unknown state",
    access: 'anyone (single-use state)',
    params: providerPathSchema,
    query: z.object({ state: z.string().optional() }),
    success: { status: 200, description: 'The logged-out page.', mediaType: 'text/html' },
  },
});
