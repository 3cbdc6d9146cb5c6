import { ConfigErrors } from '@salle/config';
import { bookingConfig, SANDBOX_REGISTER_SEARCH_URL, standingDelegation } from './config';

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

describe('booking configuration: the convention signing', () => {
  const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/salle' };

  it('signs before payment by default, without standing delegation', () => {
    const config = bookingConfig.parse(base);
    expect(config.CONVENTION_SIGNING).toBe('before_payment');
    expect(config.CONVENTION_SIGNING_DUE_DAYS).toBe(7);
    expect(bookingConfig.parse({ ...base, CONVENTION_SIGNING_DUE_DAYS: '3' }).CONVENTION_SIGNING_DUE_DAYS).toBe(3);
    expect(refused({ ...base, CONVENTION_SIGNING_DUE_DAYS: '0' })).toEqual(['CONVENTION_SIGNING_DUE_DAYS']);
    expect(standingDelegation(config)).toBeNull();
  });

  it('takes the other modes and refuses an unknown one', () => {
    expect(bookingConfig.parse({ ...base, CONVENTION_SIGNING: 'after_payment' }).CONVENTION_SIGNING).toBe(
      'after_payment',
    );
    expect(bookingConfig.parse({ ...base, CONVENTION_SIGNING: 'off' }).CONVENTION_SIGNING).toBe('off');
    expect(refused({ ...base, CONVENTION_SIGNING: 'later' })).toEqual(['CONVENTION_SIGNING']);
  });

  it('makes one convention per booking by default, or a framework per organisation, collège and school year', () => {
    expect(bookingConfig.parse(base).CONVENTION_MODE).toBe('per_booking');
    expect(bookingConfig.parse({ ...base, CONVENTION_MODE: 'framework' }).CONVENTION_MODE).toBe('framework');
    expect(refused({ ...base, CONVENTION_MODE: 'yearly' })).toEqual(['CONVENTION_MODE']);
  });

  it('reads a standing delegation as « name | deliberation », and refuses one without its deliberation', () => {
    const config = bookingConfig.parse({
      ...base,
      CONVENTION_STANDING_DELEGATION: 'Jeanne Martin, directrice de l’éducation | Délibération CP-2026-045',
    });
    expect(standingDelegation(config)).toEqual({
      delegate: 'Jeanne Martin, directrice de l’éducation',
      deliberation: 'Délibération CP-2026-045',
    });
    expect(refused({ ...base, CONVENTION_STANDING_DELEGATION: 'Jeanne Martin' })).toEqual([
      'CONVENTION_STANDING_DELEGATION',
    ]);
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

describe('booking configuration: the key sealing the secrets events carry', () => {
  it('is required in production, and shared with notification', () => {
    expect(refused(production)).toContain('EVENT_SECRET_KEY');
    expect(refused({ ...production, EVENT_SECRET_KEY: 'Zx81-shared-with-notification-random-key-2026' })).not.toContain(
      'EVENT_SECRET_KEY',
    );
  });
});
