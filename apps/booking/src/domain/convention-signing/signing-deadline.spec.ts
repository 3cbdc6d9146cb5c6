import { conventionSigningDueAt } from './signing-deadline';

describe('conventionSigningDueAt', () => {
  const paidAt = new Date('2027-03-01T10:00:00Z');

  it('gives the configured days after the payment when the session is far', () => {
    expect(conventionSigningDueAt(paidAt, new Date('2027-04-10T16:00:00Z'), 7).toISOString()).toBe(
      '2027-03-08T10:00:00.000Z',
    );
  });

  it('is never later than 48 hours before the session', () => {
    expect(conventionSigningDueAt(paidAt, new Date('2027-03-05T16:00:00Z'), 7).toISOString()).toBe(
      '2027-03-03T16:00:00.000Z',
    );
  });

  it('is due at once when the payment lands within 48 hours of the session, never before the payment', () => {
    expect(conventionSigningDueAt(paidAt, new Date('2027-03-02T09:00:00Z'), 7).toISOString()).toBe(
      paidAt.toISOString(),
    );
  });
});
