export { startStripeSandbox, SANDBOX_WARNING, type StripeSandbox, type StripeSandboxOptions } from './stripe-sandbox';
export { stripeSignatureHeader } from './webhooks/webhook-signature';
