/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import type { OrganisationView } from '@salle/contracts';
import { organisation } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { OrganisationQueuePage } from './organisation-queue-page';

const organisations = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    organisations: (...args: unknown[]) => organisations(...args),
    claims: () => Promise.resolve({ items: [] }),
  },
}));

const waiting = (count: number): OrganisationView[] =>
  Array.from({ length: count }, (_, k) => ({
    ...organisation,
    id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
    name: `Association ${k + 1}`,
    status: 'pending',
  }));

describe('the organisations waiting for verification', () => {
  it('shows the whole queue, past the hundred a page holds, and counts it all', async () => {
    const rows = waiting(130);
    organisations.mockImplementation(
      async ({ status, page, pageSize }: { status: string; page: number; pageSize: number }) => {
        const served = status === 'pending' ? rows : [];
        return { items: served.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: served.length };
      },
    );
    renderScreen(<OrganisationQueuePage />, meFor({ roles: ['department_admin'] }));
    expect(await screen.findByText('130 organisations en attente.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Association 130' })).toBeTruthy();
    const pendingQueries = organisations.mock.calls
      .map(([query]) => query as { status: string })
      .filter((query) => query.status === 'pending');
    expect(pendingQueries).toEqual([
      { status: 'pending', page: 1, pageSize: 100 },
      { status: 'pending', page: 2, pageSize: 100 },
    ]);
  });
});
