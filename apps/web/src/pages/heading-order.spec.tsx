/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiError } from '../api/api-error';
import { establishment, organisation, requestedBooking, space, statistics } from '../testing/fixtures';
import { headingLevels, meFor, renderScreen, skippedHeadingLevels } from '../testing/render-screen';
import { AccountPage } from './account/account-page';
import { AdminHomePage } from './admin/admin-home-page';
import { OrganisationQueuePage } from './admin/organisation-queue-page';
import { StatisticsPage } from './admin/statistics-page';
import { NotFoundPage } from './info/not-found-page';
import { RequestsPage } from './manager/requests-page';
import { SearchPage } from './search/search-page';
import { SpacePage } from './space/space-page';

// What the booking API answers in each test; a state is a set of answers.
const answers: Record<string, () => Promise<unknown>> = {};
const answer = (name: string, value: unknown) => (answers[name] = async () => value);
const fail = (name: string, status: number) =>
  (answers[name] = async () => {
    throw new ApiError({
      title: status === 404 ? 'L’espace est introuvable.' : 'Erreur.',
      status,
      code: `http_${status}`,
    });
  });

jest.mock('../api/booking-api', () => ({
  bookingApi: new Proxy(
    {},
    { get: (_target, name: string) => () => (answers[name] ?? (() => new Promise(() => undefined)))() },
  ),
  bookingDownloads: new Proxy({}, { get: () => () => '/telechargement.csv' }),
}));
jest.mock('../api/follow-up-api', () => ({
  followUpApi: new Proxy(
    {},
    { get: (_target, name: string) => () => (answers[name] ?? (() => new Promise(() => undefined)))() },
  ),
}));

const emptyWeek = {
  spaceId: space.id,
  from: '2027-01-11',
  to: '2027-01-17',
  timeZone: 'Europe/Paris',
  today: '2026-12-06',
  segments: [],
};
const admin = meFor({ account: { provider: 'proconnect' }, roles: ['department_admin'] });
const manager = meFor({ account: { provider: 'proconnect' }, roles: ['establishment_manager'] });

async function settle(screenElement: ReactElement, me = admin) {
  const view = renderScreen(screenElement, me);
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  return view;
}

beforeEach(() => {
  for (const key of Object.keys(answers)) delete answers[key];
  answer('calendar', emptyWeek);
});

describe('every page state keeps its headings in order, from one h1', () => {
  const cases: [string, () => void, () => ReactElement, string][] = [
    ['search, before any search', () => undefined, () => <SearchPage />, 'Trouver une salle dans un collège'],
    [
      'a space',
      () => {
        answer('space', space);
        answer('spacePhotos', { photos: [] });
        answer('establishment', establishment);
      },
      () => <SpacePage params={{ spaceId: space.id }} />,
      'Gymnase',
    ],
    [
      'a space that does not exist',
      () => fail('space', 404),
      () => <SpacePage params={{ spaceId: space.id }} />,
      'Espace introuvable',
    ],
    [
      'a space the service cannot show',
      () => fail('space', 503),
      () => <SpacePage params={{ spaceId: space.id }} />,
      'L’espace n’a pas pu être affiché',
    ],
    ['my account', () => undefined, () => <AccountPage />, 'Mon compte'],
    [
      'administration',
      () => answer('organisations', { items: [], total: 4 }),
      () => <AdminHomePage />,
      'Administration',
    ],
    [
      'organisations to verify',
      () => answer('organisations', { items: [organisation], total: 1 }),
      () => <OrganisationQueuePage />,
      'Organisations à vérifier',
    ],
    [
      'organisations to verify, with an error',
      () => fail('organisations', 503),
      () => <OrganisationQueuePage />,
      'Organisations à vérifier',
    ],
    ['statistics', () => answer('statistics', statistics), () => <StatisticsPage />, 'Statistiques'],
    [
      'requests to decide',
      () => {
        answer('establishment', establishment);
        answer('bookings', { items: [requestedBooking], total: 1 });
      },
      () => <RequestsPage params={{ establishmentId: establishment.id }} />,
      'Demandes à traiter',
    ],
    [
      'a collège that does not exist',
      () => fail('establishment', 404),
      () => <RequestsPage params={{ establishmentId: establishment.id }} />,
      'Collège introuvable',
    ],
    ['a page that does not exist', () => undefined, () => <NotFoundPage />, 'Page introuvable'],
  ];

  it.each(cases)('%s', async (_name, arrange, page, h1) => {
    arrange();
    const { container } = await settle(page());
    expect(headingLevels(container)[0]).toBe('h1');
    expect(container.querySelectorAll('h1')).toHaveLength(1);
    expect(container.querySelector('h1')?.textContent).toBe(h1);
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('leads the admin to every queue they must work through, the erasure requests included', async () => {
    answer('organisations', { items: [], total: 4 });
    const { container } = await settle(<AdminHomePage />);
    const links = [...container.querySelectorAll('a')].map((link) => link.getAttribute('href'));
    expect(links).toEqual(
      expect.arrayContaining([
        '/admin/organisations',
        '/admin/messages-non-remis',
        '/admin/suppressions-de-compte',
        '/admin/anomalies-de-paiement',
        '/admin/rapprochement',
        '/admin/conventions-a-signer',
      ]),
    );
  });

  it('names the window after a space that does not exist', async () => {
    fail('space', 404);
    await settle(<SpacePage params={{ spaceId: space.id }} />);
    expect(document.title).toMatch(/^Espace introuvable – /);
  });
});

describe('after a decision, the focus goes to what was done', () => {
  it('after the admin’s « Valider »', async () => {
    answer('organisations', { items: [organisation], total: 1 });
    answer('verifyOrganisation', { ...organisation, status: 'verified' });
    await settle(<OrganisationQueuePage />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: `Valider ${organisation.name}` }));
    });
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    const focused = document.activeElement as HTMLElement;
    expect(focused.querySelector('[role="status"]')?.textContent).toBe('Aucune organisation en attente.');
    expect(focused.textContent).toContain(`${organisation.name}\u00a0: vérifiée.`);
  });

  it('after the manager’s « Confirmer l’acceptation »', async () => {
    answer('establishment', establishment);
    answer('bookings', { items: [requestedBooking], total: 1 });
    answer('approve', { ...requestedBooking, status: 'approved' });
    await settle(<RequestsPage params={{ establishmentId: establishment.id }} />, manager);
    fireEvent.click(screen.getByRole('button', { name: /^Accepter/ }));
    // The list is read again after the decision: the service no longer holds the request as pending.
    answer('bookings', { items: [], total: 0 });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^Confirmer l’acceptation/ }));
    });
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    const focused = document.activeElement as HTMLElement;
    expect(focused.querySelector('[role="status"]')?.textContent).toBe('Aucune demande en attente.');
    expect(focused.textContent).toContain('acceptée');
  });
});
