/**
 * The Stripe API version the payment service pins and the stripe-sandbox
 * emulates: the one of the pinned `stripe` SDK (23.1.0). Upgrade both together.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive';

/**
 * Development defaults shared by the payment service and the stripe-sandbox,
 * so that `npm start` needs no configuration. Refused in production.
 */
export const STRIPE_SANDBOX_DEFAULTS = {
  url: 'http://127.0.0.1:3004',
  secretKey: 'sk_test_sandbox_not_for_production',
  /** Signs the events of the platform account. */
  webhookSecret: 'whsec_sandbox_platform_not_for_production',
  /** Signs the events of connected accounts (the Connect endpoint). */
  connectWebhookSecret: 'whsec_sandbox_connect_not_for_production',
} as const;
