/** @jest-environment jsdom */
import type { BookingView } from '@salle/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { dailySessions, establishment, organisation, requestedBooking } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { RequestsPage } from './requests-page';

const seriesId = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const season: BookingView[] = Array.from({ length: 20 }, (_, k) => ({
  ...requestedBooking,
  id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
  seriesId,
  startsAt: new Date(Date.UTC(2027, 0, 9 + 7 * k, 9)).toISOString(),
  endsAt: new Date(Date.UTC(2027, 0, 9 + 7 * k, 11)).toISOString(),
}));
const single: BookingView = { ...requestedBooking, id: '11111111-1111-4111-8111-111111111111' };

let pending: BookingView[] = [];
const approveSeries = jest.fn();
const requester = jest.fn();
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: { incidents: async () => ({ items: [] }) },
}));
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    establishment: async () => establishment,
    calendar: async () => ({ segments: [] }),
    // Served a page at a time, oldest first, as the service does.
    bookings: async ({ status, page = 1, pageSize = 20 }: { status?: string; page?: number; pageSize?: number }) => {
      const rows = status === 'requested' ? pending : [];
      return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
    },
    approveSeries: (...args: unknown[]) => approveSeries(...args),
    // Two sessions of the series report its thread's 3 unread messages; the single request has one.
    unreadMessages: async () => ({
      items: [
        { bookingId: season[0]?.id, seriesId, unread: 3 },
        { bookingId: season[1]?.id, seriesId, unread: 3 },
        { bookingId: single.id, seriesId: null, unread: 1 },
      ],
    }),
    requester: (...args: unknown[]) => requester(...args),
  },
}));

const manager = meFor({ roles: ['establishment_manager'] });

describe('RequestsPage', () => {
  beforeEach(() => {
    pending = [...season, single];
    approveSeries.mockReset();
    requester.mockReset();
  });

  it('shows a 20-session series as one card and accepts the chosen sessions in one action, then reads the list again', async () => {
    renderScreen(<RequestsPage params={{ establishmentId: establishment.id }} />, manager);
    expect(await screen.findByText(/2 demandes en attente \(dont 1 série\)/)).toBeTruthy();
    const card = screen.getByRole('article', { name: 'Série hebdomadaire de 20 séances' });
    const boxes = within(card).getAllByRole('checkbox');
    expect(boxes).toHaveLength(20);
    fireEvent.click(boxes[18] as HTMLElement);
    fireEvent.click(boxes[19] as HTMLElement);
    expect(within(card).getByText(/18 séances choisies/)).toBeTruthy();

    const chosen = season.slice(0, 18).map((booking) => booking.id);
    approveSeries.mockImplementation(async () => {
      // The service now holds the two sessions left out, still pending.
      pending = [...season.slice(18), single];
      return { seriesId, action: 'approve', occurrences: [], summary: { applied: 18, unchanged: 0, refused: 0 } };
    });
    fireEvent.click(within(card).getByRole('button', { name: /Accepter la sélection/ }));
    fireEvent.click(within(card).getByRole('button', { name: 'Accepter 18 séances' }));

    await waitFor(() => expect(screen.getByRole('article', { name: 'Série hebdomadaire de 2 séances' })).toBeTruthy());
    expect(approveSeries).toHaveBeenCalledTimes(1);
    expect(approveSeries).toHaveBeenCalledWith(seriesId, undefined, chosen);
    expect(screen.getByText(/18 séances acceptées\./)).toBeTruthy();
    expect(screen.getByText(/2 demandes en attente \(dont 1 série\)/)).toBeTruthy();
  });

  it('shows a series of more than a hundred sessions whole, and the request after it', async () => {
    const long = dailySessions(seriesId, 120, '2027-01-01', '9000');
    pending = [...long, { ...single, startsAt: '2027-06-01T17:00:00Z', endsAt: '2027-06-01T19:00:00Z' }];
    renderScreen(<RequestsPage params={{ establishmentId: establishment.id }} />, manager);
    expect(await screen.findByText(/2 demandes en attente \(dont 1 série\)/)).toBeTruthy();
    const card = screen.getByRole('article', { name: 'Série hebdomadaire de 120 séances' });
    expect(within(card).getAllByRole('checkbox')).toHaveLength(120);
    expect(screen.getAllByRole('article')).toHaveLength(2);
  });

  it('shows who is asking, read only when the manager opens it', async () => {
    requester.mockResolvedValue({
      organisation: { ...organisation, status: 'verified', verifiedAt: '2026-10-02T09:00:00.000Z' },
      history: {
        statusCounts: { confirmed: 3, cancelled: 1 },
        cancelledByOrganisation: 1,
        cancelledByEstablishment: 0,
        firstStartsAt: '2026-09-15T16:00:00.000Z',
        recent: [{ ...requestedBooking, status: 'confirmed' }],
        incidents: [
          {
            id: '9d1c3c0e-5a55-4c1b-9d0f-6f3e2b7f1a99',
            bookingId: requestedBooking.id,
            occurredOn: '2026-10-10',
            severity: 'moderate',
            description: 'Clés rendues avec une journée de retard.',
            recordedByRole: 'establishment_manager',
            recordedAt: '2026-10-11T08:00:00.000Z',
          },
        ],
      },
    });
    renderScreen(<RequestsPage params={{ establishmentId: establishment.id }} />, manager);
    const card = await screen.findByRole('article', { name: 'Série hebdomadaire de 20 séances' });
    expect(requester).not.toHaveBeenCalled();
    const toggle = within(card).getByRole('button', { name: /Qui demande/ });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await within(card).findByText(/RNA W381234567/);
    expect(requester).toHaveBeenCalledWith(establishment.id, requestedBooking.organisationId, expect.anything());
    const text = card.textContent ?? '';
    expect(text).toContain('Vérifiée le vendredi 2 octobre 2026');
    expect(text).toContain('Claire Martin');
    expect(text).toContain('Incidents notés par ce collège');
    expect(text).toContain('samedi 10 octobre 2026, notable\u00a0: Clés rendues avec une journée de retard.');
    expect(within(card).getByRole('link', { name: '06 12 34 56 78' }).getAttribute('href')).toBe('tel:+33612345678');
    expect(text).toContain('1 annulée(s) par l’organisation');
    expect(text).toMatch(/valable jusqu’au .*2027/);
  });

  it('asks for at least one session and for the reason of a refusal before sending anything', async () => {
    renderScreen(<RequestsPage params={{ establishmentId: establishment.id }} />, manager);
    const card = await screen.findByRole('article', { name: 'Série hebdomadaire de 20 séances' });
    fireEvent.click(within(card).getByRole('button', { name: /Refuser la sélection/ }));
    fireEvent.click(within(card).getByRole('button', { name: 'Refuser 20 séances' }));
    expect((await within(card).findAllByText(/Indiquez le motif du refus/)).length).toBeGreaterThan(0);
    for (const box of within(card).getAllByRole('checkbox')) fireEvent.click(box);
    fireEvent.click(within(card).getByRole('button', { name: 'Refuser 0 séance' }));
    expect((await within(card).findAllByText(/Choisissez au moins une séance/)).length).toBeGreaterThan(0);
    expect(approveSeries).not.toHaveBeenCalled();
  });

  it('marks the cards whose conversation holds unread messages, a series once for its shared thread', async () => {
    renderScreen(<RequestsPage params={{ establishmentId: establishment.id }} />, manager);
    const card = await screen.findByRole('article', { name: 'Série hebdomadaire de 20 séances' });
    await waitFor(() => expect(card.textContent).toContain('3 nouveaux messages'));
    const others = screen.getAllByRole('article').filter((article) => article !== card);
    expect(others).toHaveLength(1);
    expect(others[0]?.textContent).toContain('1 nouveau message');
    expect(others[0]?.textContent).not.toContain('nouveaux');
  });

  it('leads from each card to the page holding its conversation: the series’ page, the booking’s page', async () => {
    renderScreen(<RequestsPage params={{ establishmentId: establishment.id }} />, manager);
    const card = await screen.findByRole('article', { name: 'Série hebdomadaire de 20 séances' });
    const toSeries = within(card).getByRole('link', { name: /^Voir la série et les échanges/ });
    expect(toSeries.getAttribute('href')).toBe(`/series/${seriesId}`);
    expect(toSeries.textContent).toBe(`Voir la série et les échanges avec ${requestedBooking.organisationName}`);
    const other = screen.getAllByRole('article').find((article) => article !== card) as HTMLElement;
    const toBooking = within(other).getByRole('link', { name: /^Voir la demande et les échanges du / });
    expect(toBooking.getAttribute('href')).toBe(`/reservations/${single.id}`);
  });
});
