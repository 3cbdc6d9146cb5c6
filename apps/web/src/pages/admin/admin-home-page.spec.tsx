/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import type { CalendarHorizonView } from '@salle/contracts';
import { meFor, renderScreen } from '../../testing/render-screen';
import { AdminHomePage } from './admin-home-page';

let horizon: CalendarHorizonView;
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    organisations: () => Promise.resolve({ items: [], page: 1, pageSize: 1, total: 2 }),
    calendarHorizon: () => Promise.resolve(horizon),
  },
}));

const zones = (coveredUntil: string): CalendarHorizonView['zones'] =>
  (['A', 'B', 'C'] as const).map((zone) => ({ zone, coveredUntil }));
const admin = meFor({ roles: ['department_admin'] });

describe('AdminHomePage', () => {
  it('warns the admins ahead of the end of the shipped school calendar', async () => {
    horizon = { zones: zones('2028-07-04'), coveredUntil: '2028-07-04', warnDays: 183, warning: true };
    renderScreen(<AdminHomePage />, admin);
    expect(await screen.findByText('Calendrier scolaire à mettre à jour')).toBeTruthy();
    expect(document.body.textContent).toContain('s’arrête le mardi 4 juillet 2028\u00a0: au-delà');
  });

  it('says nothing while the calendar goes far enough', async () => {
    horizon = { zones: zones('2028-07-04'), coveredUntil: '2028-07-04', warnDays: 183, warning: false };
    renderScreen(<AdminHomePage />, admin);
    expect(await screen.findByText('2 en attente')).toBeTruthy();
    expect(screen.queryByText('Calendrier scolaire à mettre à jour')).toBeNull();
  });
});

describe('AdminHomePage tiles', () => {
  it('links to the payment flags queue', async () => {
    horizon = { zones: zones('2028-07-04'), coveredUntil: '2028-07-04', warnDays: 183, warning: false };
    renderScreen(<AdminHomePage />, admin);
    const link = await screen.findByRole('link', { name: /Anomalies de paiement/ });
    expect(link.getAttribute('href')).toBe('/admin/anomalies-de-paiement');
  });

  it('links to the conventions waiting for the département’s signature', async () => {
    horizon = { zones: zones('2028-07-04'), coveredUntil: '2028-07-04', warnDays: 183, warning: false };
    renderScreen(<AdminHomePage />, admin);
    const link = await screen.findByRole('link', { name: /Conventions à signer/ });
    expect(link.getAttribute('href')).toBe('/admin/conventions-a-signer');
  });

  it('links to the reconciliation and the ledger export', async () => {
    horizon = { zones: zones('2028-07-04'), coveredUntil: '2028-07-04', warnDays: 183, warning: false };
    renderScreen(<AdminHomePage />, admin);
    const link = await screen.findByRole('link', { name: /Rapprochement et grand livre/ });
    expect(link.getAttribute('href')).toBe('/admin/rapprochement');
  });
});
