/** @jest-environment jsdom */
import type { StatisticsView } from '@salle/contracts';
import { screen, within } from '@testing-library/react';
import { establishment } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { RevenuePage } from './revenue-page';

const figures = {
  bookings: 2,
  bookedMinutes: 180,
  bookedHours: 3,
  offeredMinutes: 0,
  offeredHours: 0,
  occupancy: null,
};
const stats: StatisticsView = {
  from: '2026-01-01',
  to: '2026-12-06',
  totals: { ...figures, revenueCents: 12_000 },
  months: [{ month: '2026-11', ...figures, revenueCents: 12_000 }],
  establishments: [],
};
const statisticsHeatmap = jest.fn();
const collectedRevenue = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    establishment: async () => establishment,
    statistics: async () => stats,
    statisticsHeatmap: (...args: unknown[]) => statisticsHeatmap(...args),
  },
  bookingDownloads: {
    statisticsCsv: () => '/api/booking/exports/statistics.csv',
    statisticsHeatmapCsv: () => '/api/booking/exports/statistics-heatmap.csv',
  },
}));
jest.mock('../../api/payment-api', () => ({
  startPayoutOnboarding: jest.fn(),
  collectedRevenue: (...args: unknown[]) => collectedRevenue(...args),
  collectedRevenueCsvUrl: () => '/api/payment/revenue.csv',
  // A collège paid through Stripe: no refund requests for an accountant (accountant-refunds-panel.spec.tsx).
  accountantRefunds: async () => [],
}));

describe('RevenuePage', () => {
  it('shows the collège’s money collected and refunded and its booked hours per weekday and hour', async () => {
    collectedRevenue.mockResolvedValue({
      from: '2026-01-01',
      to: '2026-12-06',
      totals: { collectedCents: 10_000, refundedCents: 2_500, disputedCents: 0, netCents: 7_500 },
      months: [],
      establishments: [],
    });
    statisticsHeatmap.mockResolvedValue({
      from: '2026-01-01',
      to: '2026-12-06',
      cells: [{ weekday: 3, hour: 14, bookedMinutes: 180 }],
    });
    renderScreen(
      <RevenuePage params={{ establishmentId: establishment.id }} />,
      meFor({ roles: ['establishment_manager'] }),
    );
    const table = await screen.findByRole(
      'table',
      { name: 'Heures réservées par jour de la semaine et par heure' },
      // The page loads three answers before drawing; a busy machine renders slowly.
      { timeout: 10_000 },
    );
    expect(collectedRevenue).toHaveBeenCalledWith(
      expect.objectContaining({ establishmentId: establishment.id }),
      expect.anything(),
    );
    expect(statisticsHeatmap).toHaveBeenCalledWith(
      expect.objectContaining({ establishmentId: establishment.id }),
      expect.anything(),
    );
    const wednesday = within(table).getByRole('row', { name: /^Mercredi/ });
    expect(within(wednesday).getAllByRole('cell')[14 - 8]?.textContent).toBe('3');
    const collected = screen.getByText(/^Encaissé/);
    expect(collected.textContent).toContain('100,00\u00a0€');
    expect(collected.textContent).toContain('25,00\u00a0€');
  });
});
