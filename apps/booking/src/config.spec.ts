import { ConfigErrors } from '@salle/config';
import { bookingConfig, SANDBOX_REGISTER_SEARCH_URL } from './config';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://booking:a-long-and-random-password-1@db.internal:5432/salle',
};

const refused = (settings: Record<string, string>) => {
  try {
    bookingConfig.parse(settings);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigErrors)) throw error;
    return error.errors.map((e) => e.variable);
  }
};

describe('booking configuration: the register search', () => {
  it('asks the registry-sandbox by default, in development', () => {
    expect(bookingConfig.parse({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/salle' })).toMatchObject({
      REGISTER_SEARCH_URL: SANDBOX_REGISTER_SEARCH_URL,
    });
  });

  it('refuses the sandbox and plain http in production, and takes the real register', () => {
    expect(refused(production)).toContain('REGISTER_SEARCH_URL');
    expect(refused({ ...production, REGISTER_SEARCH_URL: 'http://register.internal' })).toContain(
      'REGISTER_SEARCH_URL',
    );
    expect(refused({ ...production, REGISTER_SEARCH_URL: 'https://recherche-entreprises.api.gouv.fr' })).not.toContain(
      'REGISTER_SEARCH_URL',
    );
  });
});

describe('booking configuration: the bookings’ retention', () => {
  const local = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/salle' };

  it('keeps bookings at least the accounting period, longer if configured, and refuses less', () => {
    expect(bookingConfig.parse(local).BOOKING_RECORDS_DELETE_AFTER_YEARS).toBe(10);
    expect(
      bookingConfig.parse({ ...local, BOOKING_RECORDS_DELETE_AFTER_YEARS: '12' }).BOOKING_RECORDS_DELETE_AFTER_YEARS,
    ).toBe(12);
    expect(refused({ ...local, BOOKING_RECORDS_DELETE_AFTER_YEARS: '9' })).toEqual([
      'BOOKING_RECORDS_DELETE_AFTER_YEARS',
    ]);
  });
});
