/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { meFor, renderScreen } from '../testing/render-screen';
import { BookingIncidents } from './incidents';

const incidents = jest.fn();
const recordIncident = jest.fn();
jest.mock('../api/booking-api', () => ({
  bookingApi: {},
}));
jest.mock('../api/follow-up-api', () => ({
  followUpApi: {
    incidents: (...args: unknown[]) => incidents(...args),
    recordIncident: (...args: unknown[]) => recordIncident(...args),
  },
}));

const past = { id: 'b1', status: 'confirmed', startsAt: '2026-10-10T08:00:00.000Z' };
const noted = {
  id: 'i1',
  bookingId: 'b1',
  occurredOn: '2026-10-10',
  severity: 'serious',
  description: 'Vitre du vestiaire cassée.',
  recordedByRole: 'establishment_manager',
  recordedAt: '2026-10-11T08:00:00.000Z',
};

describe('BookingIncidents', () => {
  beforeEach(() => {
    incidents.mockReset();
    recordIncident.mockReset();
  });

  it('lets the collège note an incident on a booking that took place, labelled fields and severity as radios', async () => {
    incidents.mockResolvedValue({ items: [] });
    recordIncident.mockResolvedValue(noted);
    renderScreen(<BookingIncidents booking={past} canRecord />, meFor({ roles: ['establishment_manager'] }));
    const form = await screen.findByRole('form', { name: 'Noter un incident' });
    expect(within(form).getByText('L’organisation voit les incidents notés sur sa réservation.')).toBeTruthy();
    expect((within(form).getByLabelText('Date de l’incident') as HTMLInputElement).value).toBe('2026-10-10');
    fireEvent.click(within(form).getByRole('radio', { name: 'Grave' }));
    fireEvent.change(within(form).getByLabelText('Ce qui s’est passé'), {
      target: { value: 'Vitre du vestiaire cassée.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Noter l’incident' }));
    await waitFor(() => expect(screen.getByText(/grave : Vitre du vestiaire cassée\./)).toBeTruthy());
    expect(recordIncident).toHaveBeenCalledWith('b1', {
      occurredOn: '2026-10-10',
      severity: 'serious',
      description: 'Vitre du vestiaire cassée.',
    });
  });

  it('shows the organisation the incidents about it, without the form', async () => {
    incidents.mockResolvedValue({ items: [noted] });
    renderScreen(<BookingIncidents booking={past} canRecord={false} />, meFor());
    expect(await screen.findByText(/samedi 10 octobre 2026, grave : Vitre du vestiaire cassée\./)).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('offers no form before the booking has taken place', async () => {
    incidents.mockResolvedValue({ items: [] });
    const { container } = renderScreen(
      <BookingIncidents booking={{ ...past, startsAt: '2099-01-01T08:00:00.000Z' }} canRecord />,
      meFor(),
    );
    await waitFor(() => expect(incidents).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });
});
