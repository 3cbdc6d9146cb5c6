import { ConfigErrors } from '@salle/config';
import { STRIPE_SANDBOX_DEFAULTS } from '@salle/contracts';
import { payfipNotificationUrl, paymentConfig, SANDBOX_DEPARTMENT_NAME, stripeConnection } from './config';

/** A production environment the payment service accepts; each test spoils one setting. */
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://salle:q8%23Lz0!vT2pW%40k@db:5432/salle',
  STRIPE_SECRET_KEY: 'sk_live_51Realkey',
  STRIPE_WEBHOOK_SECRETS: 'whsec_platform_from_the_dashboard',
  STRIPE_CONNECT_WEBHOOK_SECRETS: 'whsec_connect_from_the_dashboard',
  WEB_PUBLIC_URL: 'https://salles.isere.fr',
  PAYMENT_DEPARTMENT_NAME: 'Département de l’Isère',
};

function configErrors(env: Record<string, string | undefined>): { variable: string; message: string }[] {
  try {
    paymentConfig.parse(env);
  } catch (error) {
    if (error instanceof ConfigErrors) return error.errors.map(({ variable, message }) => ({ variable, message }));
    throw error;
  }
  return [];
}

describe('payment configuration', () => {
  it('uses the stripe-sandbox and its webhook secrets outside production', () => {
    const connection = stripeConnection(paymentConfig.parse({ DATABASE_URL: 'postgres://postgres@127.0.0.1/payment' }));
    expect(connection.sandbox).toEqual({ host: '127.0.0.1', port: 3004, protocol: 'http' });
    expect(connection.webhookSecrets).toEqual([
      STRIPE_SANDBOX_DEFAULTS.webhookSecret,
      STRIPE_SANDBOX_DEFAULTS.connectWebhookSecret,
    ]);
  });

  it('accepts a production configuration and verifies webhooks with the platform and Connect secrets', () => {
    expect(configErrors(production)).toEqual([]);
    const connection = stripeConnection(paymentConfig.parse(production));
    expect(connection).toEqual({
      secretKey: 'sk_live_51Realkey',
      sandbox: null,
      webhookSecrets: ['whsec_platform_from_the_dashboard', 'whsec_connect_from_the_dashboard'],
    });
  });

  it('requires the webhook secrets with a real key, even outside production', () => {
    expect(configErrors({ DATABASE_URL: production.DATABASE_URL, STRIPE_SECRET_KEY: 'sk_test_51Devkey' })).toEqual([
      {
        variable: 'STRIPE_WEBHOOK_SECRETS',
        message:
          'STRIPE_WEBHOOK_SECRETS is missing: expected the signing secrets of the Stripe webhook endpoints (required with STRIPE_SECRET_KEY)',
      },
    ]);
    expect(
      configErrors({
        DATABASE_URL: production.DATABASE_URL,
        STRIPE_SECRET_KEY: 'pk_live_oops',
        STRIPE_WEBHOOK_SECRETS: 'whsec_platform_from_the_dashboard',
      }),
    ).toEqual([
      {
        variable: 'STRIPE_SECRET_KEY',
        message: 'STRIPE_SECRET_KEY is invalid: expected a Stripe secret key (sk_live_... or sk_test_...)',
      },
    ]);
  });

  it('names a malformed key with the other production refusals', () => {
    expect(
      configErrors({ ...production, STRIPE_SECRET_KEY: 'pk_live_oops', STRIPE_CONNECT_WEBHOOK_SECRETS: undefined }).map(
        (error) => error.variable,
      ),
    ).toEqual(['STRIPE_SECRET_KEY', 'STRIPE_CONNECT_WEBHOOK_SECRETS']);
  });

  it.each([
    [
      'STRIPE_SECRET_KEY',
      undefined,
      'STRIPE_SECRET_KEY is missing: expected a Stripe secret key: the stripe-sandbox is refused when NODE_ENV=production',
    ],
    [
      'STRIPE_SECRET_KEY',
      'sk_test_51Devkey',
      'STRIPE_SECRET_KEY is invalid: expected a live Stripe secret key (sk_live_...): test keys are refused when NODE_ENV=production',
    ],
    [
      'STRIPE_SECRET_KEY',
      'rk_test_51Devkey',
      'STRIPE_SECRET_KEY is invalid: expected a live Stripe secret key (sk_live_...): test keys are refused when NODE_ENV=production',
    ],
    [
      'STRIPE_WEBHOOK_SECRETS',
      undefined,
      'STRIPE_WEBHOOK_SECRETS is missing: expected the signing secrets of the platform endpoint in the Stripe dashboard (required when NODE_ENV=production)',
    ],
    [
      'STRIPE_WEBHOOK_SECRETS',
      `whsec_platform_from_the_dashboard,${STRIPE_SANDBOX_DEFAULTS.webhookSecret}`,
      'STRIPE_WEBHOOK_SECRETS is invalid: expected the signing secrets of the platform endpoint in the Stripe dashboard (the stripe-sandbox’s public ones are refused when NODE_ENV=production)',
    ],
    [
      'STRIPE_CONNECT_WEBHOOK_SECRETS',
      undefined,
      'STRIPE_CONNECT_WEBHOOK_SECRETS is missing: expected the signing secrets of the Connect endpoint in the Stripe dashboard (required when NODE_ENV=production)',
    ],
    [
      'STRIPE_CONNECT_WEBHOOK_SECRETS',
      STRIPE_SANDBOX_DEFAULTS.connectWebhookSecret,
      'STRIPE_CONNECT_WEBHOOK_SECRETS is invalid: expected the signing secrets of the Connect endpoint in the Stripe dashboard (the stripe-sandbox’s public ones are refused when NODE_ENV=production)',
    ],
    [
      'WEB_PUBLIC_URL',
      undefined,
      'WEB_PUBLIC_URL is invalid: expected an https:// URL (http:// is refused when NODE_ENV=production)',
    ],
    [
      'PAYMENT_DEPARTMENT_NAME',
      undefined,
      'PAYMENT_DEPARTMENT_NAME is invalid: expected the name of the département printed on receipts (the sandbox’s is refused when NODE_ENV=production)',
    ],
    [
      'PAYMENT_DEPARTMENT_NAME',
      SANDBOX_DEPARTMENT_NAME,
      'PAYMENT_DEPARTMENT_NAME is invalid: expected the name of the département printed on receipts (the sandbox’s is refused when NODE_ENV=production)',
    ],
    [
      'DATABASE_URL',
      'postgres://salle:postgres@db:5432/salle',
      expect.stringMatching(/^DATABASE_URL is invalid: expected a PostgreSQL URL with a strong password/),
    ],
  ])('refuses %s=%s in production, and only there', (variable, value, message) => {
    expect(configErrors({ ...production, [variable]: value })).toEqual([{ variable, message }]);
    const development = configErrors({
      ...production,
      NODE_ENV: 'development',
      STRIPE_SECRET_KEY: undefined,
      [variable]: value,
    });
    expect(development).toEqual([]);
  });

  describe('PayFiP', () => {
    const college = '0b6c2c1e-7f4a-4c43-9a59-2f8e0d2b9a10';
    const payfipProduction = {
      ...production,
      PAYMENT_ESTABLISHMENT_PROVIDERS: `${college}=payfip:123456`,
      PAYFIP_URL: 'https://www.payfip.gouv.fr',
      PAYFIP_SAISIE: 'W',
    };

    it('uses the payfip-sandbox in test mode outside production, notified through the gateway', () => {
      const config = paymentConfig.parse({ DATABASE_URL: 'postgres://postgres@127.0.0.1/payment' });
      expect(config.PAYFIP_URL).toBe('http://127.0.0.1:3010');
      expect(config.PAYFIP_SAISIE).toBe('T');
      expect(payfipNotificationUrl(config)).toBe('http://127.0.0.1:3000/webhooks/payfip');
    });

    it('accepts the real PayFiP in production mode', () => {
      expect(configErrors(payfipProduction)).toEqual([]);
      expect(configErrors({ ...production, PAYFIP_SAISIE: 'T' })).toEqual([]);
    });

    it.each([
      ['PAYFIP_URL', 'http://127.0.0.1:3010', /payfip-sandbox is refused/],
      ['PAYFIP_SAISIE', 'T', /test and activation modes are refused/],
      ['PAYFIP_SAISIE', 'X', /test and activation modes are refused/],
    ])('refuses %s=%s in production when a collège is paid through PayFiP', (variable, value, message) => {
      expect(configErrors({ ...payfipProduction, [variable]: value })).toEqual([
        { variable, message: expect.stringMatching(message) },
      ]);
    });

    it('refuses a malformed establishment provider, naming the variable', () => {
      expect(
        configErrors({
          DATABASE_URL: 'postgres://postgres@127.0.0.1/payment',
          PAYMENT_ESTABLISHMENT_PROVIDERS: `${college}=payfip:12`,
        }),
      ).toEqual([{ variable: 'PAYMENT_ESTABLISHMENT_PROVIDERS', message: expect.stringContaining('payfip:NUMCLI') }]);
    });
  });

  it('keeps accounting records at least the accounting period before anonymising them, longer if configured', () => {
    const local = { DATABASE_URL: 'postgres://postgres@127.0.0.1/payment' };
    expect(paymentConfig.parse(local).PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS).toBe(10);
    expect(
      paymentConfig.parse({ ...local, PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS: '12' })
        .PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS,
    ).toBe(12);
    expect(configErrors({ ...local, PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS: '9' })).toEqual([
      { variable: 'PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS', message: expect.stringContaining('at least 10 years') },
    ]);
  });
});
