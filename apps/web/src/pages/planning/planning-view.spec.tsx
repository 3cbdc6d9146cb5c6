/** @jest-environment jsdom */
import type { PlanningView } from '@salle/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { establishment, requestedBooking } from '../../testing/fixtures';
import { renderScreen } from '../../testing/render-screen';
import { Planning } from './planning-view';

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
          entries: [
            {
              bookingId: requestedBooking.id,
              seriesId: null,
              startsAt: '2027-01-11T17:00:00.000Z',
              endsAt: '2027-01-11T19:00:00.000Z',
              status: 'confirmed',
              organisationId: requestedBooking.organisationId,
              organisationName: 'Basket Club du Grésivaudan',
              contactName: 'Angela Dubois',
              purpose: 'Entraînement',
              attendees: 18,
              accessNotes: 'Badge à retirer à la loge',
            },
          ],
        },
        { id: '22222222-2222-4222-8222-222222222222', name: 'Salle 12', kind: 'classroom', entries: [] },
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
});
