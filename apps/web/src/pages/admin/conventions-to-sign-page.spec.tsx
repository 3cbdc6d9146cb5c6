/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import type { ConventionToSignView } from '@salle/contracts';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ConventionsToSignPage } from './conventions-to-sign-page';

let items: ConventionToSignView[] = [];
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: { conventionsToSign: async () => ({ items }) },
}));

const admin = meFor({ account: { provider: 'proconnect' }, roles: ['department_admin'] });

describe('ConventionsToSignPage', () => {
  it('lists each convention waiting for the département with a link to its booking', async () => {
    items = [
      {
        bookingId: '33333333-3333-4333-8333-333333333333',
        seriesId: '44444444-4444-4444-8444-444444444444',
        document: 'convention',
        reference: '44444444',
        organisationName: 'Basket Club',
        establishmentName: 'Collège Champollion',
        spaceName: 'Gymnase',
        firstStartsAt: '2027-01-09T09:00:00.000Z',
        sessions: 12,
      },
    ];
    renderScreen(<ConventionsToSignPage />, admin);
    const link = await screen.findByRole('link', { name: 'Convention 44444444' });
    expect(link.getAttribute('href')).toBe('/reservations/33333333-3333-4333-8333-333333333333');
    expect(link.parentElement?.textContent).toMatch(/Basket Club, Gymnase du Collège Champollion, 12 séances/);
  });

  it('names a framework convention by its reference, opening one of its bookings', async () => {
    items = [
      {
        bookingId: '33333333-3333-4333-8333-333333333333',
        seriesId: null,
        document: 'framework',
        reference: 'CC-2026-1A2B3C4D',
        organisationName: 'Basket Club',
        establishmentName: 'Collège Champollion',
        spaceName: 'Gymnase',
        firstStartsAt: '2027-01-09T09:00:00.000Z',
        sessions: 3,
      },
    ];
    renderScreen(<ConventionsToSignPage />, admin);
    const link = await screen.findByRole('link', { name: 'Convention-cadre CC-2026-1A2B3C4D' });
    expect(link.getAttribute('href')).toBe('/reservations/33333333-3333-4333-8333-333333333333');
  });

  it('says when nothing waits', async () => {
    items = [];
    renderScreen(<ConventionsToSignPage />, admin);
    expect(await screen.findByText('Aucune convention n’attend la signature du département.')).toBeTruthy();
  });
});
