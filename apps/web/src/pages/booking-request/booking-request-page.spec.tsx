/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { establishment, space } from '../../testing/fixtures';
import { meFor, renderScreen, skippedHeadingLevels, typeIntoField } from '../../testing/render-screen';
import { BookingRequestPage } from './booking-request-page';

const quotes: unknown[] = [];
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    space: async () => space,
    establishment: async () => establishment,
    spaceQuote: async (_id: string, query: { durationMinutes: number; category: string }) => {
      quotes.push(query);
      return {
        category: query.category,
        durationMinutes: query.durationMinutes,
        cents: (1600 * query.durationMinutes) / 60,
        explanation: 'au tarif horaire',
        depositCents: 2550,
      };
    },
  },
}));

const member = meFor({
  organisations: [
    {
      id: '11111111-1111-4111-8111-111111111111',
      name: 'Basket Club',
      kind: 'association',
      status: 'verified',
      role: 'owner',
    },
    {
      id: '22222222-2222-4222-8222-222222222222',
      name: 'Club refusé',
      kind: 'association',
      status: 'rejected',
      role: 'owner',
    },
  ],
} as never);

async function open() {
  const view = renderScreen(<BookingRequestPage params={{ spaceId: space.id }} />, member);
  await screen.findByRole('heading', { level: 1, name: 'Demander une réservation' });
  return view;
}

describe('BookingRequestPage', () => {
  beforeEach(() => (quotes.length = 0));

  it('offers no refused organisation, and names the collège with its address', async () => {
    const { container } = await open();
    const options = [...container.querySelectorAll('select[name="organisationId"] option')].map((o) => o.textContent);
    expect(options.some((label) => label?.includes('Club refusé'))).toBe(false);
    expect(options.some((label) => label?.includes('Basket Club'))).toBe(true);
    expect(container.textContent).toContain('Gymnase – Collège Champollion');
    expect(container.textContent).toContain('1 rue du Lycée, 38000 Grenoble');
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('states the price and the deposit before anything is sent', async () => {
    const { container } = await open();
    typeIntoField('Date', '11012027');
    typeIntoField('Heure de début', '1800');
    typeIntoField('Heure de fin', '2000');
    expect((container.querySelector('input[name="date"]') as HTMLInputElement).value).toBe('2027-01-11');
    await waitFor(() => expect(container.textContent).toContain('32,00\u00a0€'));
    expect(container.textContent).toContain('Caution\u00a0: 25,50\u00a0€');
    expect(quotes).toContainEqual({ durationMinutes: 120, category: 'association' });
  });

  it('derives a series’ weekday from its first date', async () => {
    const { container } = await open();
    typeIntoField('Date', '11012027');
    await act(async () => {
      fireEvent.click(screen.getByLabelText(/Chaque semaine/));
    });
    expect(container.querySelector('input[name="weekdays"]')).toBeNull();
    expect(container.textContent).toContain('Chaque lundi, à partir du lundi 11 janvier 2027.');
  });

  it('refuses a time off the space’s half-hour grid, naming the nearest ones, and sends nothing', async () => {
    const { container } = await open();
    expect(container.textContent).toContain('Par pas de 30\u00a0minutes');
    typeIntoField('Date', '11012027');
    typeIntoField('Heure de début', '1807');
    typeIntoField('Heure de fin', '2000');
    fireEvent.change(container.querySelector('select[name="organisationId"]') as HTMLSelectElement, {
      target: { value: '11111111-1111-4111-8111-111111111111' },
    });
    await act(async () => {
      fireEvent.submit(container.querySelector('form#demande') as HTMLFormElement);
    });
    expect(container.textContent).toContain(
      'Heure de début\u00a0: Choisissez une heure par pas de 30\u00a0minutes, par exemple 18\u00a0h\u00a000 ou 18\u00a0h\u00a030.',
    );
    expect(container.querySelector('#demande-startTime')?.closest('.salle-input-group--error')).not.toBeNull();
  });
});
