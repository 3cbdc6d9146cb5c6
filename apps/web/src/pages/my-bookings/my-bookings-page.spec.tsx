/** @jest-environment jsdom */
import type { BookingView } from '@salle/contracts';
import { screen, within } from '@testing-library/react';
import { organisation, requestedBooking } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { MyBookingsPage } from './my-bookings-page';

const seriesId = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const year = new Date().getUTCFullYear();
const id = (k: number) => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
// 95 past bookings, then a season of 20 sessions from today on and 30 upcoming one-off bookings: 145 in all, the
// service serving them oldest first, 100 a page. The first page alone would hold 5 sessions of the season and none
// of the one-off bookings to come.
const past: BookingView[] = Array.from({ length: 95 }, (_, k) => ({
  ...requestedBooking,
  id: id(k),
  status: 'confirmed',
  startsAt: new Date(Date.UTC(year - 1, 0, 1 + k, 9)).toISOString(),
  endsAt: new Date(Date.UTC(year - 1, 0, 1 + k, 11)).toISOString(),
}));
const start = Date.now() + 86_400_000;
const season: BookingView[] = Array.from({ length: 20 }, (_, k) => ({
  ...requestedBooking,
  id: id(1000 + k),
  seriesId,
  status: 'approved',
  startsAt: new Date(start + 7 * k * 86_400_000).toISOString(),
  endsAt: new Date(start + 7 * k * 86_400_000 + 7_200_000).toISOString(),
}));
const coming: BookingView[] = Array.from({ length: 30 }, (_, k) => ({
  ...requestedBooking,
  id: id(2000 + k),
  status: 'confirmed',
  startsAt: new Date(start + 200 * 86_400_000 + k * 86_400_000).toISOString(),
  endsAt: new Date(start + 200 * 86_400_000 + k * 86_400_000 + 7_200_000).toISOString(),
}));
const all = [...past, ...season, ...coming];

jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    bookings: async ({ page, pageSize }: { page: number; pageSize: number }) => ({
      items: all.slice((page - 1) * pageSize, page * pageSize),
      page,
      pageSize,
      total: all.length,
    }),
    unreadMessages: async () => ({ items: [] }),
  },
  calendarFeedUrl: () => '',
}));

const member = meFor({
  organisations: [
    { id: organisation.id, name: organisation.name, kind: 'association', status: 'verified', role: 'owner' },
  ],
} as never);

describe('MyBookingsPage', () => {
  it('lists every booking of an organisation with more than a hundred, the season whole and upcoming', async () => {
    renderScreen(<MyBookingsPage />, member);
    const upcoming = await screen.findByRole('table', { name: 'À venir' });
    const rows = within(upcoming).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1 + coming.length);
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: /^Série de 20 séances/ })).toBeTruthy();
    expect(rows[0]?.textContent).toMatch(/20\u00a0×\s*Acceptée/);
    const others = screen.getByRole('table', { name: 'Passées, refusées ou annulées' });
    expect(within(others).getAllByRole('row').slice(1)).toHaveLength(past.length);
  });
});
