import { STRIPE_SANDBOX_DEFAULTS } from '@salle/contracts';
import { runBundledAppToExit } from '@salle/testing';

describe('main.ts', () => {
  it('refuses to start in production with every bad setting named at once, one line each', async () => {
    const { code, stdout, stderr } = await runBundledAppToExit('payment', {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:1/never',
      STRIPE_SECRET_KEY: 'sk_test_51Devkey',
      STRIPE_WEBHOOK_SECRETS: STRIPE_SANDBOX_DEFAULTS.webhookSecret,
      // WEB_PUBLIC_URL, PAYMENT_DEPARTMENT_NAME and STRIPE_CONNECT_WEBHOOK_SECRETS left unset: their development defaults.
    });
    const output = stdout + stderr;
    expect(code).toBe(1);
    expect(output.trimEnd().split('\n')).toEqual([
      'Configuration error: STRIPE_SECRET_KEY is invalid: expected a live Stripe secret key (sk_live_...): test keys are refused when NODE_ENV=production',
      'Configuration error: STRIPE_WEBHOOK_SECRETS is invalid: expected the signing secrets of the platform endpoint in the Stripe dashboard (the stripe-sandbox’s public ones are refused when NODE_ENV=production)',
      'Configuration error: STRIPE_CONNECT_WEBHOOK_SECRETS is missing: expected the signing secrets of the Connect endpoint in the Stripe dashboard (required when NODE_ENV=production)',
      'Configuration error: DATABASE_URL is invalid: expected a PostgreSQL URL with a strong password: at least 12 characters, none of change-me, postgres, password or the user name (required when NODE_ENV=production)',
      'Configuration error: WEB_PUBLIC_URL is invalid: expected an https:// URL (http:// is refused when NODE_ENV=production)',
      'Configuration error: PAYMENT_DEPARTMENT_NAME is invalid: expected the name of the département printed on receipts (the sandbox’s is refused when NODE_ENV=production)',
    ]);
  });
});
