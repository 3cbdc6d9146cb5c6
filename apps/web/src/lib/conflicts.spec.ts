import { overlappingBookings, type TimedItem } from './conflicts';

const booking = (id: string, start: string, end: string, extra: Partial<TimedItem> = {}): TimedItem => ({
  id,
  spaceId: 'gym',
  startsAt: `2026-03-02T${start}:00Z`,
  endsAt: `2026-03-02T${end}:00Z`,
  status: 'requested',
  ...extra,
});

describe('overlappingBookings', () => {
  const request = booking('r', '17:00', '19:00');

  it('finds the other holding bookings of the same space that overlap, earliest first', () => {
    const others = [
      booking('late', '18:30', '20:00', { status: 'confirmed' }),
      booking('early', '16:00', '17:30', { status: 'approved' }),
      booking('touching', '19:00', '20:00'),
      booking('before', '15:00', '17:00'),
      booking('other-space', '17:00', '19:00', { spaceId: 'hall' }),
      booking('refused', '17:00', '19:00', { status: 'refused' }),
      booking('cancelled', '17:00', '19:00', { status: 'cancelled' }),
      request,
    ];
    expect(overlappingBookings(request, others).map((item) => item.id)).toEqual(['early', 'late']);
  });
});
