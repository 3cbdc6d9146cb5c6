/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ConventionDelegateView, ConventionToSignView } from '@salle/contracts';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ConventionsToSignPage } from './conventions-to-sign-page';

const NATHALIE = '11111111-1111-4111-8111-111111111111';
const THOMAS = '22222222-2222-4222-8222-222222222222';
const FORMER = '55555555-5555-4555-8555-555555555555';

let items: ConventionToSignView[] = [];
let delegates: ConventionDelegateView[] = [];
const grant = jest.fn();
const revoke = jest.fn();
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: {
    conventionsToSign: async () => ({ items }),
    conventionDelegates: async () => ({ items: delegates }),
    grantConventionDelegation: async (accountId: string, deliberation: string) => {
      grant(accountId, deliberation);
      delegates = [...delegates, { accountId, deliberation, grantedAt: '2026-12-06T10:00:00.000Z' }];
    },
    revokeConventionDelegation: async (accountId: string) => {
      revoke(accountId);
      delegates = delegates.filter((delegate) => delegate.accountId !== accountId);
    },
  },
}));
jest.mock('../../api/admin-api', () => ({
  departmentAdmins: async () => ({
    items: [
      { accountId: NATHALIE, displayName: 'Nathalie ROUX', email: 'nathalie.roux@isere.example' },
      { accountId: THOMAS, displayName: 'Thomas GIRARD', email: 'thomas.girard@isere.example' },
    ],
  }),
}));

const admin = meFor({ account: { provider: 'proconnect' }, roles: ['department_admin'] });
const delegation = async () =>
  within(await screen.findByRole('region', { name: 'Délégation de signature' })).findAllByRole('listitem');

describe('ConventionsToSignPage', () => {
  beforeEach(() => {
    delegates = [{ accountId: NATHALIE, deliberation: 'CP-2026-045', grantedAt: '2026-02-03T09:00:00.000Z' }];
    grant.mockReset();
    revoke.mockReset();
  });

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

  it('lists the admins with and without the delegation, and grants it with its deliberation', async () => {
    items = [];
    renderScreen(<ConventionsToSignPage />, admin);
    const [nathalie, thomas] = await delegation();
    expect(nathalie?.textContent).toMatch(
      /^Nathalie ROUX \(nathalie\.roux@isere\.example\), titulaire de la délégation \(CP-2026-045, depuis le mardi 3\sfévrier 2026\)/,
    );
    expect(thomas?.textContent).toContain('Thomas GIRARD (thomas.girard@isere.example), sans délégation');
    fireEvent.change(screen.getByLabelText(/^Délibération qui délègue la signature à Thomas GIRARD/), {
      target: { value: 'Arrêté n° 2026-112' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Accorder la délégation à Thomas GIRARD' }));
    await waitFor(() => expect(grant).toHaveBeenCalledWith(THOMAS, 'Arrêté n° 2026-112'));
    await waitFor(async () =>
      expect((await delegation())[1]?.textContent).toContain('titulaire de la délégation (Arrêté n° 2026-112'),
    );
  });

  it('withdraws the delegation, also from an account that is no longer admin', async () => {
    items = [];
    delegates.push({ accountId: FORMER, deliberation: 'CP-2024-010', grantedAt: '2024-05-01T09:00:00.000Z' });
    renderScreen(<ConventionsToSignPage />, admin);
    const former = (await delegation())[2];
    expect(former?.textContent).toContain(
      'Compte qui n’est plus administrateur, titulaire de la délégation (CP-2024-010',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retirer la délégation de ce compte' }));
    await waitFor(() => expect(revoke).toHaveBeenCalledWith(FORMER));
    fireEvent.click(await screen.findByRole('button', { name: 'Retirer la délégation de Nathalie ROUX' }));
    await waitFor(() => expect(revoke).toHaveBeenCalledWith(NATHALIE));
    await waitFor(async () =>
      expect((await delegation())[0]?.textContent).toContain(
        'Nathalie ROUX (nathalie.roux@isere.example), sans délégation',
      ),
    );
  });
});
