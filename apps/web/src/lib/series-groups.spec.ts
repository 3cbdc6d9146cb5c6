import { groupBySeries, statusCounts, type SeriesMember } from './series-groups';

const booking = (id: string, seriesId: string | null, startsAt: string, status = 'requested'): SeriesMember => ({
  id,
  seriesId,
  startsAt,
  status: status as SeriesMember['status'],
});

describe('groupBySeries', () => {
  it('makes one item of each series, in time order, where its first occurrence stood', () => {
    const items = groupBySeries([
      booking('a', null, '2027-01-05T17:00:00Z'),
      booking('s2', 'S', '2027-01-16T09:00:00Z'),
      booking('b', null, '2027-01-06T17:00:00Z'),
      booking('s1', 'S', '2027-01-09T09:00:00Z'),
      booking('t1', 'T', '2027-01-07T09:00:00Z'),
    ]);
    expect(
      items.map((item) =>
        item.kind === 'single' ? item.booking.id : `${item.seriesId}:${item.occurrences.map((o) => o.id).join(',')}`,
      ),
    ).toEqual(['a', 'S:s1,s2', 'b', 'T:t1']);
  });

  it('gives twenty occurrences of one season as a single item', () => {
    const season = Array.from({ length: 20 }, (_, k) =>
      booking(`o${k}`, 'season', new Date(Date.UTC(2027, 0, 2 + 7 * k, 9)).toISOString()),
    );
    const items = groupBySeries(season);
    expect(items).toHaveLength(1);
    expect(items[0]?.kind === 'series' && items[0].occurrences).toHaveLength(20);
  });
});

describe('statusCounts', () => {
  it('counts the occurrences in each status', () => {
    expect(
      statusCounts([
        booking('1', 'S', '2027-01-02T09:00:00Z', 'approved'),
        booking('2', 'S', '2027-01-09T09:00:00Z', 'refused'),
        booking('3', 'S', '2027-01-16T09:00:00Z', 'approved'),
      ]),
    ).toEqual([
      ['approved', 2],
      ['refused', 1],
    ]);
  });
});
