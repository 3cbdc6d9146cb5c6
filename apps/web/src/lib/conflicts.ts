import type { BookingStatus } from '@salle/contracts';

export interface TimedItem {
  id: string;
  spaceId: string;
  startsAt: string;
  endsAt: string;
  status: BookingStatus;
}

/** Statuses that hold the slot (as the database's exclusion constraint counts them). */
const HOLDING: readonly BookingStatus[] = ['requested', 'approved', 'awaiting_payment', 'confirmed', 'completed'];

/**
 * Other bookings of the same space that overlap a request, for the
 * collège's decision screen: approving one of two overlapping requests
 * means refusing (or rescheduling) the other. Touching intervals
 * ([18:00, 20:00) and [20:00, 22:00)) do not overlap.
 */
export function overlappingBookings<T extends TimedItem>(request: TimedItem, others: readonly T[]): T[] {
  const start = Date.parse(request.startsAt);
  const end = Date.parse(request.endsAt);
  return others
    .filter(
      (other) =>
        other.id !== request.id &&
        other.spaceId === request.spaceId &&
        HOLDING.includes(other.status) &&
        Date.parse(other.startsAt) < end &&
        Date.parse(other.endsAt) > start,
    )
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
