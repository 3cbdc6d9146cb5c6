import { production } from './index';

const url = (password: string, user = 'salle') => `postgres://${user}:${encodeURIComponent(password)}@db:5432/salle`;

describe('production.checkDatabasePassword', () => {
  it.each([
    ['no password', 'postgres://salle@db:5432/salle'],
    ['an empty one', 'postgres://salle:@db:5432/salle'],
    ['change-me', url('change-me')],
    ['postgres', url('postgres', 'postgres')],
    ['password', url('password')],
    ['a placeholder made longer', url('Change-Me-In-2026!')],
    ['one containing the user name', url('x7-Reservations-42', 'reservations')],
    ['one shorter than 12 characters', url('q8#Lz0!vT2p')],
  ])('refuses %s when NODE_ENV=production, without printing it', (_label, databaseUrl) => {
    const error = production.checkDatabasePassword({ NODE_ENV: 'production', DATABASE_URL: databaseUrl });
    expect(error?.message).toBe(
      'DATABASE_URL is invalid: expected a PostgreSQL URL with a strong password: at least 12 characters, none of change-me, postgres, password or the user name (required when NODE_ENV=production)',
    );
  });

  it('accepts a long random password, and anything outside production', () => {
    expect(
      production.checkDatabasePassword({ NODE_ENV: 'production', DATABASE_URL: url('q8#Lz0!vT2pW@k') }),
    ).toBeUndefined();
    expect(
      production.checkDatabasePassword({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://salle:q8%zzLz0vT2pWk@db/salle',
      }),
    ).toBeUndefined();
    expect(
      production.checkDatabasePassword({ NODE_ENV: 'development', DATABASE_URL: url('change-me') }),
    ).toBeUndefined();
    expect(
      production.checkDatabasePassword({
        NODE_ENV: 'test',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      }),
    ).toBeUndefined();
  });
});

describe('production.checkHttps', () => {
  it('refuses plain http only when NODE_ENV=production', () => {
    expect(production.checkHttps({ NODE_ENV: 'production' }, 'SITE_URL', 'http://salles.isere.fr')?.message).toBe(
      'SITE_URL is invalid: expected an https:// URL (http:// is refused when NODE_ENV=production)',
    );
    expect(production.checkHttps({ NODE_ENV: 'production' }, 'SITE_URL', 'https://salles.isere.fr')).toBeUndefined();
    expect(production.checkHttps({ NODE_ENV: 'production' }, 'SITE_URL', 'HTTPS://salles.isere.fr')).toBeUndefined();
    expect(production.checkHttps({ NODE_ENV: 'development' }, 'SITE_URL', 'http://127.0.0.1:3000')).toBeUndefined();
  });
});
