import fc from 'fast-check';
import {
  formatEuros,
  proratedCents,
  quote,
  RENTER_CATEGORIES,
  tariffOf,
  validateTariff,
  type Tariff,
} from './tariff-quote';

const start = new Date('2026-10-05T16:00:00Z');
const after = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const tariff: Tariff = {
  rates: {
    association: { hourlyCents: 1000, halfDayCents: 3000, dayCents: 6000 },
    commune: { hourlyCents: 0 },
    company: { hourlyCents: 4500 },
  },
  depositCents: 30000,
};

describe('quote', () => {
  it('prorates the hourly price to the minute, rounding half up to the cent', () => {
    expect(proratedCents(1200, 85)).toBe(1700);
    expect(proratedCents(1000, 1)).toBe(17); // 16.67
    expect(proratedCents(1000, 2)).toBe(33); // 33.33
    expect(proratedCents(1030, 3)).toBe(52); // 51.5 rounds half up
    expect(quote(tariff, 'company', start, after(90))).toMatchObject({
      ok: true,
      totalCents: 6750,
      method: 'hourly',
      durationMinutes: 90,
      depositCents: 30000,
      explanation: `1\u00a0h\u00a030 au tarif horaire de ${formatEuros(4500)}\u00a0: ${formatEuros(6750)}.`,
    });
  });

  it('bills a started minute as a whole minute', () => {
    expect(quote(tariff, 'company', start, new Date(start.getTime() + 60_001))).toMatchObject({
      durationMinutes: 2,
      totalCents: 150,
    });
  });

  it('uses the half-day flat rate when cheaper, up to 4 hours exactly', () => {
    expect(quote(tariff, 'association', start, after(179))).toMatchObject({ method: 'hourly', totalCents: 2983 });
    expect(quote(tariff, 'association', start, after(180))).toMatchObject({ method: 'hourly', totalCents: 3000 }); // tie: hourly
    expect(quote(tariff, 'association', start, after(240))).toMatchObject({
      method: 'half_day',
      totalCents: 3000,
      flatCents: 3000,
      extraMinutes: 0,
      explanation: `Forfait demi-journée (jusqu’à 4\u00a0h)\u00a0: ${formatEuros(3000)}.`,
    });
  });

  it('charges time beyond a flat rate at the hourly price, then switches to the day rate', () => {
    expect(quote(tariff, 'association', start, after(270))).toMatchObject({
      method: 'half_day',
      totalCents: 3500,
      extraMinutes: 30,
      extraCents: 500,
    });
    expect(quote(tariff, 'association', start, after(420))).toMatchObject({
      method: 'half_day',
      totalCents: 3000 + 3000,
    }); // tie with day: half day
    expect(quote(tariff, 'association', start, after(600))).toMatchObject({
      method: 'day',
      totalCents: 6000,
      extraMinutes: 0,
    });
    expect(quote(tariff, 'association', start, after(601))).toMatchObject({
      method: 'day',
      totalCents: 6017,
      extraMinutes: 1,
    });
    expect(quote(tariff, 'association', start, after(720))).toMatchObject({
      method: 'day',
      totalCents: 8000,
      explanation: `Forfait journée (jusqu’à 10\u00a0h)\u00a0: ${formatEuros(6000)}, plus 2\u00a0h au tarif horaire\u00a0: ${formatEuros(2000)}, soit ${formatEuros(8000)}.`,
    });
  });

  it('keeps free categories free', () => {
    expect(quote(tariff, 'commune', start, after(600))).toMatchObject({
      ok: true,
      totalCents: 0,
      method: 'free',
      explanation: 'Gratuit.',
    });
  });

  it('refuses a category without a rate and an empty interval', () => {
    expect(quote(tariff, 'training_organisation', start, after(60))).toEqual({
      ok: false,
      code: 'category_not_admitted',
      message: 'Cet espace n’est pas proposé aux organismes de formation.',
    });
    expect(quote(tariff, 'association', start, start)).toMatchObject({ ok: false, code: 'invalid_interval' });
  });

  const rateArb = fc.record({
    hourlyCents: fc.integer({ min: 0, max: 20_000 }),
    halfDayCents: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    dayCents: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
  });

  it('property: never negative, never more than the hourly price, non-decreasing with duration', () => {
    fc.assert(
      fc.property(
        rateArb,
        fc.integer({ min: 1, max: 24 * 60 }),
        fc.integer({ min: 0, max: 24 * 60 }),
        (rate, minutes, more) => {
          const shortQuote = quote({ rates: { association: rate } }, 'association', start, after(minutes));
          const longQuote = quote({ rates: { association: rate } }, 'association', start, after(minutes + more));
          if (!shortQuote.ok || !longQuote.ok) throw new Error('expected quotes');
          expect(shortQuote.totalCents).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(shortQuote.totalCents)).toBe(true);
          expect(shortQuote.totalCents).toBeLessThanOrEqual(proratedCents(rate.hourlyCents, minutes));
          expect(longQuote.totalCents).toBeGreaterThanOrEqual(shortQuote.totalCents);
        },
      ),
    );
  });

  it('property: an hourly price of 0 is free whatever the flat rates and the duration', () => {
    fc.assert(
      fc.property(rateArb, fc.integer({ min: 1, max: 7 * 24 * 60 }), (rate, minutes) => {
        expect(
          quote({ rates: { company: { ...rate, hourlyCents: 0 } } }, 'company', start, after(minutes)),
        ).toMatchObject({ totalCents: 0, method: 'free' });
      }),
    );
  });
});

describe('tariffOf', () => {
  it('builds the tariff from the stored rates, one per category, asking the highest deposit', () => {
    const rows = [
      { category: 'association' as const, hourlyCents: 1000, halfDayCents: 3000, dayCents: null, depositCents: 20000 },
      { category: 'company' as const, hourlyCents: 4500, halfDayCents: null, dayCents: null, depositCents: 50000 },
    ];
    expect(tariffOf(rows)).toEqual({
      rates: {
        association: { hourlyCents: 1000, halfDayCents: 3000, dayCents: null },
        company: { hourlyCents: 4500, halfDayCents: null, dayCents: null },
      },
      depositCents: 50000,
    });
    expect(tariffOf([])).toEqual({ rates: {}, depositCents: 0 });
  });
});

describe('validateTariff', () => {
  it('accepts a tariff with every category', () => {
    const rates = Object.fromEntries(RENTER_CATEGORIES.map((category) => [category, { hourlyCents: 500 }]));
    expect(validateTariff({ rates })).toEqual([]);
  });

  it('refuses negative or fractional amounts, unknown categories and inverted flat lengths', () => {
    const problems = validateTariff({
      rates: { association: { hourlyCents: -1, halfDayCents: 10.5 }, ['club' as 'company']: { hourlyCents: 1 } },
      depositCents: -5,
      halfDayMaxMinutes: 600,
      dayMaxMinutes: 240,
    });
    expect(problems.map((problem) => problem.path)).toEqual([
      'rates.association.hourlyCents',
      'rates.association.halfDayCents',
      'rates.club',
      'depositCents',
      'dayMaxMinutes',
    ]);
  });

  it('formats euros the French way', () => {
    expect(formatEuros(123456)).toBe('1\u00a0234,56\u00a0€');
    expect(formatEuros(5)).toBe('0,05\u00a0€');
  });
});
