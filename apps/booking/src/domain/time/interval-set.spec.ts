import fc from 'fast-check';
import {
  covers,
  intersectIntervals,
  interval,
  normalizeIntervals,
  overlaps,
  subtractIntervals,
  totalDuration,
  unionIntervals,
  type TimeInterval,
} from './interval-set';

// Intervals on a small integer timeline (minutes after an origin), so the
// set operations can be checked against a brute-force model of minutes.
const ORIGIN = Date.UTC(2026, 0, 1);
const at = (minute: number) => new Date(ORIGIN + minute * 60_000);
const span = (from: number, to: number): TimeInterval => ({ start: at(from), end: at(to) });
const minutesIn = (list: readonly TimeInterval[]) => {
  const set = new Set<number>();
  for (const item of list) {
    for (let t = item.start.getTime(); t < item.end.getTime(); t += 60_000) set.add((t - ORIGIN) / 60_000);
  }
  return set;
};
const arbitraryList = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))
    .map(([from, length]) => span(from, from + length)),
  { maxLength: 8 },
);
const isCanonical = (list: readonly TimeInterval[]) =>
  list.every(
    (item, index) => item.start < item.end && (index === 0 || list[index - 1].end.getTime() < item.start.getTime()),
  );

describe('interval sets', () => {
  it('merges overlapping and touching intervals, drops empty ones', () => {
    expect(normalizeIntervals([span(10, 20), span(0, 5), span(5, 8), span(15, 30), span(40, 40)])).toEqual([
      span(0, 8),
      span(10, 30),
    ]);
  });

  it('subtracts holes inside, across and around pieces', () => {
    expect(subtractIntervals([span(0, 100)], [span(10, 20), span(50, 60)])).toEqual([
      span(0, 10),
      span(20, 50),
      span(60, 100),
    ]);
    expect(subtractIntervals([span(0, 10), span(20, 30)], [span(5, 25)])).toEqual([span(0, 5), span(25, 30)]);
    expect(subtractIntervals([span(0, 10)], [span(-5, 15)])).toEqual([]);
  });

  it('treats intervals as half-open', () => {
    expect(overlaps(span(0, 10), span(10, 20))).toBe(false);
    expect(overlaps(span(0, 10), span(9, 20))).toBe(true);
    expect(covers([span(0, 10), span(10, 20)], span(5, 15))).toBe(true);
    expect(covers([span(0, 10), span(11, 20)], span(5, 15))).toBe(false);
  });

  it('builds intervals from ISO strings', () => {
    expect(interval('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z')).toEqual(span(0, 60));
  });

  it('union, subtract and intersect match a minute-by-minute model', () => {
    fc.assert(
      fc.property(arbitraryList, arbitraryList, (a, b) => {
        const [ma, mb] = [minutesIn(a), minutesIn(b)];
        const u = unionIntervals(a, b);
        const s = subtractIntervals(a, b);
        const i = intersectIntervals(a, b);
        for (const result of [u, s, i]) expect(isCanonical(result)).toBe(true);
        expect(minutesIn(u)).toEqual(new Set([...ma, ...mb]));
        expect(minutesIn(s)).toEqual(new Set([...ma].filter((m) => !mb.has(m))));
        expect(minutesIn(i)).toEqual(new Set([...ma].filter((m) => mb.has(m))));
        expect(totalDuration(u)).toBe(minutesIn(u).size * 60_000);
      }),
    );
  });
});
