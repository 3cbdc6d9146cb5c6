/** @jest-environment jsdom */
import type { BookingView } from '@salle/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { establishment, requestedBooking } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ClosuresPage } from './closures-page';

const affected: BookingView[] = [
  { ...requestedBooking, status: 'confirmed' },
  { ...requestedBooking, id: '11111111-1111-4111-8111-111111111111', organisationName: 'Judo Club' },
];
const previewClosure = jest.fn();
const addClosure = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    establishment: async () => establishment,
    closures: async () => ({ items: [] }),
    establishmentSpaces: async () => ({ items: [] }),
    previewClosure: (...args: unknown[]) => previewClosure(...args),
    addClosure: (...args: unknown[]) => addClosure(...args),
  },
}));

const manager = meFor({ roles: ['establishment_manager'] });

async function submitClosure() {
  renderScreen(<ClosuresPage params={{ establishmentId: establishment.id }} />, manager);
  fireEvent.change(await screen.findByLabelText(/^Motif/), { target: { value: 'Dégât des eaux' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la fermeture' }));
  });
}

describe('ClosuresPage', () => {
  beforeEach(() => {
    previewClosure.mockReset();
    addClosure.mockReset();
  });

  it('lists the bookings a closure touches first, and cancels them only once confirmed', async () => {
    previewClosure.mockResolvedValue({ items: affected });
    addClosure.mockResolvedValue({ cancelledBookingIds: affected.map((b) => b.id) });
    await submitClosure();
    const panel = await screen.findByRole('region', { name: 'Cette fermeture touche 2 réservations' });
    expect(within(panel).getAllByRole('row')).toHaveLength(3);
    expect(panel.textContent).toContain('Judo Club');
    expect(addClosure).not.toHaveBeenCalled();

    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Fermer et annuler 2 réservations' }));
    });
    await waitFor(() => expect(screen.getByText(/2 réservations annulées par le collège/)).toBeTruthy());
    expect(addClosure).toHaveBeenCalledWith(
      establishment.id,
      expect.objectContaining({ reason: 'Dégât des eaux', cancelBookings: true }),
    );
    expect(screen.queryByRole('region', { name: /Cette fermeture touche/ })).toBeNull();
  });

  it('adds a closure that touches nothing at once, and leaves it when the manager goes back', async () => {
    previewClosure.mockResolvedValue({ items: [] });
    addClosure.mockResolvedValue({ cancelledBookingIds: [] });
    await submitClosure();
    await waitFor(() => expect(screen.getByText('Fermeture ajoutée.')).toBeTruthy());
    expect(addClosure.mock.calls[0]?.[1]).not.toHaveProperty('cancelBookings');

    previewClosure.mockResolvedValue({ items: affected });
    addClosure.mockReset();
    fireEvent.change(screen.getByLabelText(/^Motif/), { target: { value: 'Examens' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Ajouter la fermeture' }));
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Revenir au formulaire' }));
    expect(screen.queryByRole('region', { name: /Cette fermeture touche/ })).toBeNull();
    expect(addClosure).not.toHaveBeenCalled();
  });
});
