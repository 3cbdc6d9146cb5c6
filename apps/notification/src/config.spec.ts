import { ConfigErrors } from '@salle/config';
import { dkimOf, notificationConfig, ovhSmsOf, SANDBOX_OVH_ENDPOINT, SANDBOX_SMTP_URL } from './config';

/** A production environment the notification service accepts; each test spoils one setting. */
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://salle:q8%23Lz0!vT2pW%40k@db:5432/salle',
  WEB_PUBLIC_URL: 'https://salles.isere.fr',
  SMTP_URL: 'smtp://relay.isere.fr:587',
  MAIL_FROM: 'Salle sur demande <ne-pas-repondre@isere.fr>',
  NOTIFICATION_DEPARTMENT_NAME: 'Département de l’Isère',
  NOTIFICATION_UNSUBSCRIBE_SECRET: 'r4Nd0m-s3cr3t-0f-the-d3partement-isere-2026',
  EVENT_SECRET_KEY: 'Zx81-shared-with-booking-random-key-2026-isere',
};

function configErrors(env: Record<string, string | undefined>): { variable: string; message: string }[] {
  try {
    notificationConfig.parse(env);
  } catch (error) {
    if (error instanceof ConfigErrors) return error.errors.map(({ variable, message }) => ({ variable, message }));
    throw error;
  }
  return [];
}

describe('notification configuration', () => {
  it('refuses in production a missing event secret key, which opens the claim codes and invitation links', () => {
    expect(configErrors({ ...production, EVENT_SECRET_KEY: undefined }).map((e) => e.variable)).toEqual([
      'EVENT_SECRET_KEY',
    ]);
  });

  it('sends to the mail-sandbox outside production, without DKIM', () => {
    const config = notificationConfig.parse({ DATABASE_URL: 'postgres://postgres@127.0.0.1/notification' });
    expect(config.SMTP_URL).toBe(SANDBOX_SMTP_URL);
    expect(dkimOf(config)).toBeNull();
  });

  it('accepts a production configuration, and refuses there the sandbox’s relay, sender and name, naming each', () => {
    expect(configErrors(production)).toEqual([]);
    const {
      SMTP_URL: _smtp,
      MAIL_FROM: _from,
      NOTIFICATION_DEPARTMENT_NAME: _name,
      NOTIFICATION_UNSUBSCRIBE_SECRET: _secret,
      ...withDefaults
    } = production;
    expect(configErrors(withDefaults).map((error) => error.variable)).toEqual([
      'SMTP_URL',
      'MAIL_FROM',
      'NOTIFICATION_UNSUBSCRIBE_SECRET',
      'NOTIFICATION_DEPARTMENT_NAME',
    ]);
    expect(configErrors({ ...production, WEB_PUBLIC_URL: 'http://salles.isere.fr' })).toEqual([
      {
        variable: 'WEB_PUBLIC_URL',
        message: 'WEB_PUBLIC_URL is invalid: expected an https:// URL (http:// is refused when NODE_ENV=production)',
      },
    ]);
  });

  it('refuses a relay that is not an SMTP URL, and DKIM settings given in part', () => {
    expect(configErrors({ ...production, SMTP_URL: 'http://relay.isere.fr' }).map((error) => error.variable)).toEqual([
      'SMTP_URL',
    ]);
    expect(configErrors({ ...production, DKIM_DOMAIN: 'isere.fr', DKIM_SELECTOR: 'salle2026' })).toEqual([
      {
        variable: 'DKIM_PRIVATE_KEY',
        message:
          'DKIM_PRIVATE_KEY is missing: expected DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together, or none of them',
      },
    ]);
    const config = notificationConfig.parse({
      ...production,
      DKIM_DOMAIN: 'isere.fr',
      DKIM_SELECTOR: 'salle2026',
      DKIM_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
    });
    expect(dkimOf(config)).toEqual({
      domainName: 'isere.fr',
      keySelector: 'salle2026',
      privateKey: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
    });
  });

  it('sends no SMS unless turned on, and then to the sms-sandbox outside production', () => {
    const local = { DATABASE_URL: 'postgres://postgres@127.0.0.1/notification' };
    expect(ovhSmsOf(notificationConfig.parse(local))).toBeNull();
    expect(ovhSmsOf(notificationConfig.parse({ ...local, NOTIFICATION_SMS_ENABLED: 'true' }))).toMatchObject({
      endpoint: SANDBOX_OVH_ENDPOINT,
      serviceName: 'sms-sandbox-1',
      sender: null,
    });
  });

  it('with SMS on, refuses in production the sms-sandbox’s endpoint and keys, and an http endpoint', () => {
    const ovh = {
      NOTIFICATION_SMS_ENABLED: 'true',
      OVH_SMS_ENDPOINT: 'https://eu.api.ovh.com/1.0',
      OVH_APPLICATION_KEY: 'a1b2c3d4e5f6',
      OVH_APPLICATION_SECRET: 'g7h8i9j0k1l2m3n4o5p6',
      OVH_CONSUMER_KEY: 'q7r8s9t0u1v2w3x4',
      OVH_SMS_SERVICE_NAME: 'sms-ab12345-1',
      OVH_SMS_REPORT_KEY: 'k3y-of-the-delivery-reports-callback-0042',
      SMS_SENDER: 'Isere',
    };
    expect(configErrors({ ...production, ...ovh })).toEqual([]);
    expect(configErrors({ ...production, NOTIFICATION_SMS_ENABLED: 'true' }).map((error) => error.variable)).toEqual([
      'OVH_SMS_ENDPOINT',
      'OVH_APPLICATION_KEY',
      'OVH_APPLICATION_SECRET',
      'OVH_CONSUMER_KEY',
      'OVH_SMS_SERVICE_NAME',
      'OVH_SMS_REPORT_KEY',
    ]);
    expect(
      configErrors({ ...production, ...ovh, OVH_SMS_ENDPOINT: 'http://eu.api.ovh.com/1.0' }).map((e) => e.variable),
    ).toEqual(['OVH_SMS_ENDPOINT']);
    expect(configErrors({ ...production, ...ovh, SMS_SENDER: 'Département 38' }).map((e) => e.variable)).toEqual([
      'SMS_SENDER',
    ]);
  });
});
