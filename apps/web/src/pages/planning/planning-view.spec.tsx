/** @jest-environment jsdom */
import type { PlanningView } from '@salle/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { establishment, requestedBooking } from '../../testing/fixtures';
import { renderScreen } from '../../testing/render-screen';
import { Planning } from './planning-view';

const seriesId = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const single = {
  bookingId: requestedBooking.id,
  seriesId: null,
  startsAt: '2027-01-11T17:00:00.000Z',
  endsAt: '2027-01-11T19:00:00.000Z',
  status: 'confirmed' as const,
  organisationId: requestedBooking.organisationId,
  organisationName: 'Basket Club du Grésivaudan',
  contactName: 'Angela Dubois',
  contactPhone: '+33612345678',
  contactEmail: 'bureau@basket.fr',
  purpose: 'Entraînement',
  attendees: 18,
  accessNotes: 'Badge à retirer à la loge',
};
// Two sessions of one series in the week (Tuesday and Thursday), the second still to decide.
const sessions = [
  { ...single, bookingId: '44444444-4444-4444-8444-444444444444', seriesId, startsAt: '2027-01-12T17:00:00.000Z' },
  {
    ...single,
    bookingId: '55555555-5555-4555-8555-555555555555',
    seriesId,
    startsAt: '2027-01-14T17:00:00.000Z',
    endsAt: '2027-01-14T19:00:00.000Z',
    status: 'requested' as const,
  },
].map((session) => ({ ...session, endsAt: session.startsAt.replace('T17', 'T19') }));

const view = (from: string, to: string): PlanningView => ({
  from,
  to,
  establishments: [
    {
      id: establishment.id,
      name: establishment.name,
      address: '1 rue du Collège',
      postalCode: '38580',
      communeName: 'Allevard',
      spaces: [
        {
          id: requestedBooking.spaceId,
          name: 'Gymnase',
          kind: 'gymnasium',
          entries: [single, ...sessions],
        },
        { id: '22222222-2222-4222-8222-222222222222', name: 'Salle 12', kind: 'classroom', entries: [] },
      ],
      closures: [
        {
          id: '66666666-6666-4666-8666-666666666666',
          spaceId: '22222222-2222-4222-8222-222222222222',
          startsAt: '2027-01-13T07:00:00.000Z',
          endsAt: '2027-01-13T17:00:00.000Z',
          reason: 'Peinture',
        },
      ],
    },
  ],
});

describe('Planning', () => {
  beforeEach(() => window.history.replaceState(null, '', '/gestion/x/planning?vue=semaine&date=2027-01-13'));

  it('shows the week of every space in one request, with the contact and the access notes, and a PDF to download', async () => {
    const load = jest.fn(async (query: { from: string; days: number }) => view(query.from, query.from));
    renderScreen(<Planning establishmentId={establishment.id} load={load} />);
    const table = await screen.findByRole('table', { name: 'Gymnase' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0]?.[0]).toEqual({ from: '2027-01-11', days: 7 });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(row.textContent).toContain('Basket Club du Grésivaudan');
    expect(row.textContent).toContain('Angela Dubois');
    expect(row.textContent).toContain('Badge à retirer à la loge');
    expect(within(row).getByRole('link', { name: '06 12 34 56 78' }).getAttribute('href')).toBe('tel:+33612345678');
    expect(within(row).getByRole('link', { name: 'bureau@basket.fr' }).getAttribute('href')).toBe(
      'mailto:bureau@basket.fr',
    );
    expect(document.body.textContent).toMatch(/Salle 12, mercredi 13 janvier.*Peinture/);
    expect(screen.getByText(/aucune réservation/).textContent).toContain('Salle 12');
    expect(screen.getByRole('link', { name: 'Télécharger en PDF' }).getAttribute('href')).toBe(
      `/api/booking/establishments/${establishment.id}/planning.pdf?from=2027-01-11&days=7`,
    );
  });

  it('reads one day when the manager asks for a day', async () => {
    const load = jest.fn(async (query: { from: string; days: number }) => view(query.from, query.from));
    renderScreen(<Planning establishmentId={establishment.id} load={load} />);
    await screen.findByRole('table', { name: 'Gymnase' });
    fireEvent.click(screen.getByRole('radio', { name: 'Un jour' }));
    await waitFor(() => expect(load).toHaveBeenLastCalledWith({ from: '2027-01-11', days: 1 }, expect.anything()));
  });

  it('links the département’s PDF when no collège is given', async () => {
    renderScreen(<Planning load={async (query) => view(query.from, query.from)} />);
    await screen.findByRole('table', { name: `Gymnase, ${establishment.name}` });
    expect(screen.getByRole('link', { name: 'Télécharger en PDF' }).getAttribute('href')).toBe(
      '/api/booking/planning.pdf?from=2027-01-11&days=7',
    );
  });

  it('shows a series as one line with its sessions inside, each with its own state', async () => {
    renderScreen(<Planning establishmentId={establishment.id} load={async (query) => view(query.from, query.from)} />);
    const table = await screen.findByRole('table', { name: 'Gymnase' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const series = rows[1] as HTMLElement;
    expect(series.textContent).toContain('Série · 2 séances');
    const items = within(series).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('link').getAttribute('href'))).toEqual(
      sessions.map((session) => `/reservations/${session.bookingId}`),
    );
    expect(items[0]?.textContent).toContain('Confirmée');
    expect(items[1]?.textContent).toContain('Demandée');
  });
});
