import { checkRequest } from './request-check';
import type { RequestedSpace, RequestParties } from './request-parties';

const GYMNASIUM: RequestedSpace = {
  id: 'b1f0a3e2-9c4d-4f6a-8e2b-1d3c5a7e9f02',
  establishmentId: 'c2e1b4f3-8d5e-4a7b-9f3c-2e4d6b8a0f03',
  name: 'Gymnase',
  active: true,
  allowedCategories: ['association'],
  bufferMinutes: 0,
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  minNoticeHours: 48,
  maxHorizonDays: 365,
  closedOnPublicHolidays: false,
  approvalRequired: true,
};

/** A verified association and an open gymnasium, open every day 08:00–22:00 at 15 € an hour. */
function parties(overrides: Partial<RequestParties> = {}): RequestParties {
  return {
    organisation: {
      id: 'a5c4e7f6-54a4-4c41-8a8d-8b4f5c3a1d01',
      name: 'Basket Club',
      kind: 'association',
      status: 'verified',
      insuranceExpiresOn: '2099-08-31',
    },
    space: GYMNASIUM,
    establishment: {
      id: 'c2e1b4f3-8d5e-4a7b-9f3c-2e4d6b8a0f03',
      name: 'Collège Champollion',
      status: 'active',
      schoolZone: 'A',
      communeInsee: '38185',
      payoutReady: true,
      cancellationPolicy: null,
    },
    rules: [
      {
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        startTime: '08:00:00',
        endTime: '22:00:00',
        period: 'always',
        validFrom: null,
        validUntil: null,
      },
    ],
    closures: [],
    tariffs: [{ category: 'association', hourlyCents: 1_500, halfDayCents: null, dayCents: null, depositCents: 0 }],
    ...overrides,
  };
}

const now = new Date('2026-12-01T09:00:00Z');
// A Thursday evening outside school time, a week later: 19:00–21:00 in Paris.
const slot = { startsAt: '2026-12-10T18:00:00.000Z', endsAt: '2026-12-10T20:00:00.000Z' };

describe('checkRequest', () => {
  it('prices a request its parties allow', () => {
    const checked = checkRequest(parties(), slot, now, 'by_member');
    expect(checked.price).toMatchObject({ ok: true, totalCents: 3_000, durationMinutes: 120 });
    expect(checked.payer).toBeNull();
    expect(checked.space.name).toBe('Gymnase');
  });

  it('refuses an unknown organisation before anything else', () => {
    expect(() => checkRequest(parties({ organisation: null, space: null }), slot, now, 'by_member')).toThrow(
      expect.objectContaining({ status: 404, code: 'organisation_not_found' }),
    );
  });

  it('refuses a space closed to the category, or inactive, as the one-off request always did', () => {
    const companiesOnly = parties({ space: { ...GYMNASIUM, allowedCategories: ['company'] } });
    expect(() => checkRequest(companiesOnly, slot, now, 'by_member')).toThrow(
      expect.objectContaining({ status: 422, code: 'category_not_admitted' }),
    );
    const closed = parties({ space: { ...GYMNASIUM, active: false } });
    expect(() => checkRequest(closed, slot, now, 'by_member')).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('admits a record pending verification when the collège’s staff enter the request, never a rejected one', () => {
    const withStatus = (status: 'pending' | 'rejected' | 'verified') =>
      parties({ organisation: { ...(parties().organisation as NonNullable<RequestParties['organisation']>), status } });
    const notVerified = expect.objectContaining({ status: 409, code: 'organisation_not_verified' });
    expect(checkRequest(withStatus('pending'), slot, now, 'by_staff').price).toMatchObject({ totalCents: 3_000 });
    expect(() => checkRequest(withStatus('pending'), slot, now, 'by_member')).toThrow(notVerified);
    expect(() => checkRequest(withStatus('rejected'), slot, now, 'by_staff')).toThrow(notVerified);
    expect(() => checkRequest(withStatus('rejected'), slot, now, 'by_member')).toThrow(notVerified);
    // The staff vouch for who the organisation is, not for its insurance.
    const uninsured = parties({
      organisation: {
        ...(withStatus('pending').organisation as NonNullable<RequestParties['organisation']>),
        insuranceExpiresOn: '2026-12-09',
      },
    });
    expect(() => checkRequest(uninsured, slot, now, 'by_staff')).toThrow(
      expect.objectContaining({ status: 409, code: 'insurance_expired' }),
    );
  });

  it('refuses a slot inside a closure of the collège', () => {
    const closures = [
      { startsAt: new Date('2026-12-10T00:00:00Z'), endsAt: new Date('2026-12-11T00:00:00Z'), reason: 'Travaux' },
    ];
    expect(() => checkRequest(parties({ closures }), slot, now, 'by_member')).toThrow(
      expect.objectContaining({ status: 422, code: 'slot_not_offered' }),
    );
  });
});
