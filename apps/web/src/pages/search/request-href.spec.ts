import { requestHref } from './request-href';

const query = (href: string) => Object.fromEntries(new URL(href, 'http://app.invalid').searchParams);

describe('requestHref', () => {
  const slot = { startsAt: '2026-12-01T17:00:00.000Z', endsAt: '2026-12-01T21:30:00.000Z' };

  it('asks for the duration searched for, from the start of the free window', () => {
    expect(query(requestHref('s1', slot, 120))).toEqual({
      debut: '2026-12-01T17:00:00.000Z',
      fin: '2026-12-01T19:00:00.000Z',
    });
  });

  it('never asks beyond the free window', () => {
    expect(query(requestHref('s1', slot, 480))).toEqual({
      debut: '2026-12-01T17:00:00.000Z',
      fin: '2026-12-01T21:30:00.000Z',
    });
  });

  it('takes the whole window without a duration, and no times without a slot', () => {
    expect(query(requestHref('s1', slot))).toEqual({ debut: slot.startsAt, fin: slot.endsAt });
    expect(requestHref('s1')).toBe('/espaces/s1/reserver');
  });
});
