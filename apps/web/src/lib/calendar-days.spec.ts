import { segmentsByDay } from './calendar-days';

describe('segmentsByDay', () => {
  it('puts segments on their Paris day and splits those that span midnight', () => {
    const days = segmentsByDay(
      [
        { kind: 'free', startsAt: '2026-03-02T17:00:00Z', endsAt: '2026-03-02T21:00:00Z' }, // Monday 18:00–22:00
        { kind: 'closed', startsAt: '2026-03-06T23:00:00Z', endsAt: '2026-03-08T23:00:00Z' }, // all Saturday and Sunday
        { kind: 'booked', startsAt: '2026-03-03T22:30:00Z', endsAt: '2026-03-04T00:30:00Z' }, // Tuesday 23:30 – Wednesday 01:30
      ],
      '2026-03-02',
    );
    expect(days.map((day) => day.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(days[0]?.segments).toEqual([
      {
        segment: expect.objectContaining({ kind: 'free' }),
        startsAt: '2026-03-02T17:00:00.000Z',
        endsAt: '2026-03-02T21:00:00.000Z',
        allDay: false,
      },
    ]);
    expect(days[1]?.segments.map((piece) => [piece.startsAt, piece.endsAt])).toEqual([
      ['2026-03-03T22:30:00.000Z', '2026-03-03T23:00:00.000Z'],
    ]);
    expect(days[2]?.segments.map((piece) => [piece.startsAt, piece.endsAt])).toEqual([
      ['2026-03-03T23:00:00.000Z', '2026-03-04T00:30:00.000Z'],
    ]);
    expect(days[3]?.segments).toEqual([]);
    expect(days[5]?.segments.map((piece) => piece.allDay)).toEqual([true]);
    expect(days[6]?.segments.map((piece) => piece.allDay)).toEqual([true]);
  });

  it('uses the real length of the day on clock-change Sundays', () => {
    const [sunday] = segmentsByDay(
      [{ startsAt: '2026-10-24T22:00:00Z', endsAt: '2026-10-25T23:00:00Z' }],
      '2026-10-25',
      1,
    );
    expect(sunday?.segments).toEqual([
      {
        segment: expect.anything(),
        startsAt: '2026-10-24T22:00:00.000Z',
        endsAt: '2026-10-25T23:00:00.000Z',
        allDay: true,
      },
    ]);
  });
});
