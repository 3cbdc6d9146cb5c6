import { z } from 'zod';
import { defineOperations } from '../operation';
import {
  bookingPathSchema,
  bookingPaymentViewSchema,
  checkoutResponseSchema,
  createPayoutAccountSchema,
  establishmentPathSchema,
  flagPathSchema,
  flagQuerySchema,
  ledgerQuerySchema,
  onboardingLinkSchema,
  paymentFlagSchema,
  payoutAccountViewSchema,
  reconciliationQuerySchema,
  reconciliationReportSchema,
  resolveFlagSchema,
} from './payment-api';

const ADMIN = 'département admins';
const MANAGER = 'managers of the collège, and département admins';
const PARTIES = "members of the booking's organisation, managers of its collège, and département admins";

/**
 * Every operation of the payment service: the service mounts its routes and
 * publishes its description from this table, and the web derives its client
 * from it. Through the gateway every path is under `/api/payment`.
 */
export const paymentOperations = defineOperations({
  openCheckout: { method: 'post', path: '/bookings/:bookingId/checkout', tags: ['checkout'], summary: 'Open the checkout of an approved booking (201), or give back the one still open (200)', access: "members of the booking's organisation", params: bookingPathSchema, success: { status: 201, alsoStatus: 200, description: 'Where to pay, and until when.', json: checkoutResponseSchema }, refusals: [401, 404, 409, 502, 503] },
  bookingPayment: { method: 'get', path: '/bookings/:bookingId/payment', tags: ['checkout'], summary: "A booking's payments and refunds", access: PARTIES, params: bookingPathSchema, success: { status: 200, description: 'The payment state of the booking.', json: bookingPaymentViewSchema }, refusals: [401, 404] },
  receipt: { method: 'get', path: '/bookings/:bookingId/receipt.pdf', tags: ['checkout'], summary: 'The receipt of a paid booking, in French', access: PARTIES, params: bookingPathSchema, success: { status: 200, description: 'PDF receipt.', mediaType: 'application/pdf' }, refusals: [401, 404, 409] },
  payoutAccount: { method: 'get', path: '/establishments/:establishmentId/payout-account', tags: ['payouts'], summary: "The collège's payout account and whether it can take payments", access: MANAGER, params: establishmentPathSchema, success: { status: 200, description: 'The payout account.', json: payoutAccountViewSchema }, refusals: [401, 403] },
  createPayoutAccount: { method: 'post', path: '/establishments/:establishmentId/payout-account', tags: ['payouts'], summary: "Create the collège's payout account (201), or give back the existing one (200)", access: MANAGER, params: establishmentPathSchema, body: createPayoutAccountSchema, success: { status: 201, alsoStatus: 200, description: 'The payout account.', json: payoutAccountViewSchema }, refusals: [401, 403, 502, 503] },
  onboardingLink: { method: 'post', path: '/establishments/:establishmentId/payout-account/onboarding-link', tags: ['payouts'], summary: "A single-use link to the provider's onboarding of the collège", access: MANAGER, params: establishmentPathSchema, success: { status: 200, description: 'The link, never stored.', json: onboardingLinkSchema }, refusals: [401, 403, 404, 502, 503] },
  ledger: { method: 'get', path: '/establishments/:establishmentId/ledger.csv', tags: ['accounting'], summary: "The collège's ledger as CSV (payments, fees, refunds)", access: MANAGER, params: establishmentPathSchema, query: ledgerQuerySchema, success: { status: 200, description: 'CSV file.', mediaType: 'text/csv' }, refusals: [401, 403] },
  reconciliation: { method: 'get', path: '/reconciliation', tags: ['accounting'], summary: 'The ledger checked booking by booking, in suspense payment by payment, and payout by payout', access: `${ADMIN}; managers for their collège (with establishmentId)`, query: reconciliationQuerySchema, success: { status: 200, description: 'The reconciliation report.', json: reconciliationReportSchema }, refusals: [401, 403] },
  flags: { method: 'get', path: '/admin/flags', tags: ['accounting'], summary: 'What a département admin must look at (late payments, disputes, failed refunds...)', access: ADMIN, query: flagQuerySchema, success: { status: 200, description: 'The flags.', json: z.object({ items: z.array(paymentFlagSchema) }) }, refusals: [401, 403] },
  resolveFlag: { method: 'post', path: '/admin/flags/:flagId/resolve', tags: ['accounting'], summary: 'Resolve a flag: dismiss it, or refund what is still held', access: ADMIN, params: flagPathSchema, body: resolveFlagSchema, success: { status: 200, description: 'The resolved flag.', json: paymentFlagSchema }, refusals: [401, 403, 404, 409] },
  stripeWebhook: { method: 'post', path: '/webhooks/stripe', tags: ['provider'], summary: "The provider's notifications, stored once and processed in the background", access: 'the provider, proven by the Stripe-Signature header', success: { status: 200, description: 'Received (and whether it was a duplicate).', json: z.object({ received: z.literal(true), duplicate: z.boolean() }) }, refusals: [413] },
  openApi: { method: 'get', path: '/openapi.json', tags: ['operations'], summary: 'This description', access: 'anyone, visitors included', success: { status: 200, description: 'OpenAPI 3.1 document.', json: z.object({}).loose() } },
});
