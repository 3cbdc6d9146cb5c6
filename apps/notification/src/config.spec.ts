import { ConfigErrors } from '@salle/config';
import { dkimOf, notificationConfig, SANDBOX_SMTP_URL } from './config';

/** A production environment the notification service accepts; each test spoils one setting. */
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://salle:q8%23Lz0!vT2pW%40k@db:5432/salle',
  WEB_PUBLIC_URL: 'https://salles.isere.fr',
  SMTP_URL: 'smtp://relay.isere.fr:587',
  MAIL_FROM: 'Salle sur demande <ne-pas-repondre@isere.fr>',
  NOTIFICATION_DEPARTMENT_NAME: 'Département de l’Isère',
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
  it('sends to the mail-sandbox outside production, without DKIM', () => {
    const config = notificationConfig.parse({ DATABASE_URL: 'postgres://postgres@127.0.0.1/notification' });
    expect(config.SMTP_URL).toBe(SANDBOX_SMTP_URL);
    expect(dkimOf(config)).toBeNull();
  });

  it('accepts a production configuration, and refuses there the sandbox’s relay, sender and name, naming each', () => {
    expect(configErrors(production)).toEqual([]);
    const { SMTP_URL: _smtp, MAIL_FROM: _from, NOTIFICATION_DEPARTMENT_NAME: _name, ...withDefaults } = production;
    expect(configErrors(withDefaults).map((error) => error.variable)).toEqual([
      'SMTP_URL',
      'MAIL_FROM',
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
});
