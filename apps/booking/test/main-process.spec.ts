import { runBundledAppToExit } from '@salle/testing';

describe('main.ts', () => {
  it('refuses to start in production with a weak database password, a malformed variable, the registry-sandbox, a relative storage folder, no download-link secret, no seal certificate and no event secret key, all named at once', async () => {
    const { code, stdout, stderr } = await runBundledAppToExit('booking', {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://salle:change-me@127.0.0.1:1/never',
      BOOKING_DECISION_DAYS: 'ten',
    });
    const output = stdout + stderr;
    expect(code).toBe(1);
    expect(output.trimEnd().split('\n')).toEqual([
      'Configuration error: BOOKING_DECISION_DAYS is invalid: expected a positive whole number of days',
      'Configuration error: DATABASE_URL is invalid: expected a PostgreSQL URL with a strong password: at least 12 characters, none of change-me, postgres, password or the user name (required when NODE_ENV=production)',
      'Configuration error: REGISTER_SEARCH_URL is invalid: expected the register search, e.g. https://recherche-entreprises.api.gouv.fr (the registry-sandbox’s is refused when NODE_ENV=production)',
      'Configuration error: STORAGE_LINK_SECRET is missing: expected a secret of at least 32 characters (required when NODE_ENV=production)',
      'Configuration error: STORAGE_LOCAL_DIR is invalid: expected an absolute folder path (required when NODE_ENV=production)',
      'Configuration error: CONVENTION_SEAL_P12_BASE64 is missing: expected the sealing certificate (required when NODE_ENV=production)',
      'Configuration error: EVENT_SECRET_KEY is missing: expected a random secret of at least 32 characters shared by booking and notification (required when NODE_ENV=production)',
    ]);
  });
});
