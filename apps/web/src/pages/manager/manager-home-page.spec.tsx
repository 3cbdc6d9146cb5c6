/** @jest-environment jsdom */
import type { BookingView } from '@salle/contracts';
import { screen } from '@testing-library/react';
import { dailySessions, establishment, requestedBooking } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ManagerHomePage } from './manager-home-page';

const seriesId = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
// A season of 120 sessions, more than one page of the list, and one request on its own.
const season = dailySessions(seriesId, 120, '2027-01-09');
const single: BookingView = { ...requestedBooking, id: '11111111-1111-4111-8111-111111111111' };
const pending = [...season, single];

jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    establishment: async () => establishment,
    bookings: async ({ status, page, pageSize }: { status?: string; page: number; pageSize: number }) => {
      const rows = status === 'requested' ? pending : [];
      return { items: rows.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: rows.length };
    },
  },
  calendarFeedUrl: () => '',
}));
jest.mock('../../api/notification-api', () => ({
  establishmentContact: async () => ({ email: 'gestion@college.example.fr', phone: null, smsConsent: false }),
}));

describe('ManagerHomePage', () => {
  it('counts a series waiting for a decision as one request, whatever its number of sessions', async () => {
    renderScreen(
      <ManagerHomePage params={{ establishmentId: establishment.id }} />,
      meFor({ roles: ['establishment_manager'] }),
    );
    const heading = await screen.findByRole('heading', { name: 'Demandes en attente' });
    const count = heading.nextElementSibling as HTMLElement;
    await screen.findByText('2');
    expect(count.textContent).toBe('2');
  });
});
