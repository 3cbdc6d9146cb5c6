/** @jest-environment jsdom */
import type { RevenueView, StatisticsView } from '@salle/contracts';
import { screen, within } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { meFor, renderScreen } from '../../testing/render-screen';
import { StatisticsPage } from './statistics-page';

const GRENOBLE = '11111111-1111-4111-8111-111111111111';
const ALLEVARD = '22222222-2222-4222-8222-222222222222';
const figures = {
  bookings: 3,
  bookedMinutes: 360,
  bookedHours: 6,
  offeredMinutes: 600,
  offeredHours: 10,
  occupancy: 0.6,
};
const stats: StatisticsView = {
  from: '2026-01-01',
  to: '2026-12-06',
  totals: { ...figures, bookings: 5, revenueCents: 20_000 },
  months: [{ month: '2026-11', ...figures, revenueCents: 20_000 }],
  establishments: [
    {
      establishmentId: GRENOBLE,
      name: 'Collège Champollion',
      communeName: 'Grenoble',
      ...figures,
      revenueCents: 15_000,
    },
    {
      establishmentId: ALLEVARD,
      name: 'Collège Flavius Vaussenat',
      communeName: 'Allevard',
      ...figures,
      revenueCents: 5_000,
    },
  ] as StatisticsView['establishments'],
};
const revenue: RevenueView = {
  from: '2026-01-01',
  to: '2026-12-06',
  totals: { collectedCents: 14_000, refundedCents: 5_000, disputedCents: 0, netCents: 9_000 },
  months: [],
  establishments: [
    { establishmentId: GRENOBLE, collectedCents: 10_000, refundedCents: 5_000, disputedCents: 0, netCents: 5_000 },
  ],
};

const collectedRevenue = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    statistics: async () => stats,
    statisticsHeatmap: async () => ({
      from: '2026-01-01',
      to: '2026-12-06',
      cells: [
        { weekday: 2, hour: 18, bookedMinutes: 240 },
        { weekday: 2, hour: 19, bookedMinutes: 60 },
        { weekday: 6, hour: 9, bookedMinutes: 90 },
      ],
    }),
  },
  bookingDownloads: {
    statisticsCsv: () => '/api/booking/exports/statistics.csv',
    statisticsHeatmapCsv: () => '/api/booking/exports/statistics-heatmap.csv',
  },
}));
jest.mock('../../api/payment-api', () => ({
  collectedRevenue: (...args: unknown[]) => collectedRevenue(...args),
  collectedRevenueCsvUrl: (from: string, to: string) => `/api/payment/revenue.csv?from=${from}&to=${to}`,
}));

const admin = meFor({ roles: ['department_admin'] });

describe('StatisticsPage', () => {
  beforeEach(() => collectedRevenue.mockReset());

  it('shows the money collected and refunded beside what was billed, per collège, with its CSV', async () => {
    collectedRevenue.mockResolvedValue(revenue);
    renderScreen(<StatisticsPage />, admin);
    const table = await screen.findByRole(
      'table',
      { name: 'Par collège, par recettes décroissantes' },
      { timeout: 10_000 },
    );
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Recettes', 'Encaissé', 'Remboursé']));
    const champollion = within(table).getByRole('row', { name: /Collège Champollion/ });
    const cells = within(champollion)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    // Each cell repeats its header for the card layout of narrow screens.
    expect(cells).toEqual(
      expect.arrayContaining(['Recettes150,00\u00a0€', 'Encaissé100,00\u00a0€', 'Remboursé50,00\u00a0€']),
    );
    const vaussenat = within(table).getByRole('row', { name: /Collège Flavius Vaussenat/ });
    expect(
      within(vaussenat)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toContain('Encaissé0,00\u00a0€');
    const tile = screen.getAllByText('Encaissé').find((element) => element.tagName === 'P');
    expect(tile?.nextElementSibling?.textContent).toBe('140,00\u00a0€');
    expect(
      screen.getByRole('link', { name: 'Télécharger les montants encaissés et remboursés par collège (CSV)' }),
    ).toBeTruthy();
  });

  it('still shows the billed figures when the payment service does not answer, and says so', async () => {
    collectedRevenue.mockRejectedValue(new ApiError({ title: 'Indisponible', status: 503, code: 'unavailable' }));
    renderScreen(<StatisticsPage />, admin);
    expect(await screen.findByText(/momentanément indisponibles/)).toBeTruthy();
    expect(screen.getByText('Recettes facturées')).toBeTruthy();
    expect(screen.queryByText('Encaissé')).toBeNull();
  });

  it('shows booked hours per weekday and hour as a table whose cells print their value', async () => {
    collectedRevenue.mockResolvedValue(revenue);
    renderScreen(<StatisticsPage />, admin);
    const table = await screen.findByRole(
      'table',
      { name: 'Heures réservées par jour de la semaine et par heure' },
      // The page loads three answers before drawing; a busy machine renders slowly.
      { timeout: 10_000 },
    );
    const tuesday = within(table).getByRole('row', { name: /^Mardi/ });
    const cells = within(tuesday).getAllByRole('cell');
    const at = (hour: number) => cells[hour - 8];
    expect(at(18)?.textContent).toBe('4');
    expect(at(18)?.className).toBe('salle-heatmap__level-4');
    expect(at(19)?.textContent).toBe('1');
    expect(at(19)?.className).toBe('salle-heatmap__level-1');
    expect(at(17)?.textContent).toBe('0');
    const saturday = within(table).getByRole('row', { name: /^Samedi/ });
    expect(within(saturday).getAllByRole('cell')[1]?.textContent).toBe('1,5');
    expect(within(table).getAllByRole('columnheader')[1]?.textContent).toBe('8\u00a0h');
    expect(screen.getByRole('region', { name: 'Heures réservées par jour de la semaine et par heure' }).tabIndex).toBe(
      0,
    );
    expect(
      screen.getByRole('link', { name: 'Télécharger les heures réservées par jour et par heure (CSV)' }),
    ).toBeTruthy();
  });
});
