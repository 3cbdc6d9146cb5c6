import type { BookingView } from '@salle/contracts';
import { requestedBooking } from '../testing/fixtures';
import { allBookings } from './all-bookings';
import { readAllPages } from './all-pages';

const bookings = jest.fn();
jest.mock('./booking-api', () => ({ bookingApi: { bookings: (...args: unknown[]) => bookings(...args) } }));

const many = (count: number): BookingView[] =>
  Array.from({ length: count }, (_, k) => ({
    ...requestedBooking,
    id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
  }));

/** A service holding `rows`, serving them page by page as `listBookings` does. */
const servedFrom =
  (rows: BookingView[]) =>
  async ({ page, pageSize }: { page: number; pageSize: number }) => ({
    items: rows.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageSize,
    total: rows.length,
  });

describe('allBookings', () => {
  beforeEach(() => bookings.mockReset());

  it('reads every page of 250 bookings, the filter kept on each request', async () => {
    const rows = many(250);
    bookings.mockImplementation(servedFrom(rows));
    const all = await allBookings({ establishmentId: requestedBooking.establishmentId, status: 'requested' });
    expect(all.map((booking) => booking.id)).toEqual(rows.map((booking) => booking.id));
    expect(bookings.mock.calls.map(([query]) => query)).toEqual(
      [1, 2, 3].map((page) => ({
        establishmentId: requestedBooking.establishmentId,
        status: 'requested',
        page,
        pageSize: 100,
      })),
    );
  });

  it('asks once when everything fits on the first page, and once for an empty list', async () => {
    bookings.mockImplementation(servedFrom(many(100)));
    expect(await allBookings({ organisationId: requestedBooking.organisationId })).toHaveLength(100);
    expect(bookings).toHaveBeenCalledTimes(1);
    bookings.mockReset();
    bookings.mockImplementation(servedFrom([]));
    expect(await allBookings({ organisationId: requestedBooking.organisationId })).toEqual([]);
    expect(bookings).toHaveBeenCalledTimes(1);
  });
});

describe('readAllPages', () => {
  it('keeps once a booking seen on two pages because the list moved between reads', async () => {
    const rows = many(3);
    const pages = [
      [rows[0], rows[1]],
      [rows[1], rows[2]],
    ] as BookingView[][];
    const all = await readAllPages(
      async (page, pageSize) => ({ items: pages[page - 1] ?? [], page, pageSize, total: 4 }),
      2,
    );
    expect(all.map((booking) => booking.id)).toEqual(rows.map((booking) => booking.id));
  });
});
