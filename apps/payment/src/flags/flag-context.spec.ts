import { flagContext } from './flag-context';

const payment = { id: 'p', provider: 'stripe', paymentReference: 'cs_1', chargeId: 'ch_1', amountCents: 100 };
const booking = {
  bookingId: 'b',
  priceCents: 10_000,
  startsAt: new Date('2027-01-12T17:00:00Z'),
  labels: { organisationName: 'Judo club', establishmentName: 'Collège Ampère', spaceName: 'Gymnase' },
};

describe('flagContext', () => {
  it('gives what was paid, where, and what was billed for which booking', () => {
    expect(flagContext(payment, booking)).toEqual({
      provider: 'stripe',
      providerReference: 'ch_1',
      paidCents: 100,
      priceCents: 10_000,
      organisationName: 'Judo club',
      establishmentName: 'Collège Ampère',
      spaceName: 'Gymnase',
      startsAt: '2027-01-12T17:00:00.000Z',
    });
  });

  it('falls back on the checkout reference before a charge exists, and on nulls for what is unknown', () => {
    expect(flagContext({ ...payment, chargeId: null }, { ...booking, labels: {} })).toEqual(
      expect.objectContaining({ providerReference: 'cs_1', organisationName: null, spaceName: null }),
    );
    expect(flagContext(undefined, undefined)).toEqual({
      provider: null,
      providerReference: null,
      paidCents: null,
      priceCents: null,
      organisationName: null,
      establishmentName: null,
      spaceName: null,
      startsAt: null,
    });
  });
});
