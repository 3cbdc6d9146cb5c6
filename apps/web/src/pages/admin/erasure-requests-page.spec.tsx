/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ErasureRequestView } from '@salle/contracts';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { ErasureRequestsPage } from './erasure-requests-page';

const open: ErasureRequestView = {
  id: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
  accountId: '0c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a11',
  requestedAt: '2026-12-06T13:00:00.000Z',
  deadlineAt: '2027-01-06T13:00:00.000Z',
  executedAt: null,
  report: null,
};
const executed: ErasureRequestView = {
  ...open,
  id: '6a7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b02',
  accountId: '1c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a12',
  executedAt: '2026-12-01T10:00:00.000Z',
  report: {
    booking: { removed: 2, kept: [{ what: 'bookings', count: 3, reason: 'Comptabilité', keptUntil: '2036-11-30' }] },
    notification: { removed: 4, kept: [] },
    payment: { removed: 1, kept: [{ what: 'invoices', count: 1, reason: 'Comptabilité', keptUntil: '2036-11-30' }] },
  },
};
const executeErasure = jest.fn();
jest.mock('../../api/personal-data-api', () => ({
  erasureRequests: () => Promise.resolve({ items: [open, executed] }),
  executeErasure: (id: string) => executeErasure(id),
}));

describe('ErasureRequestsPage', () => {
  it('lists the requests with their deadlines and what an executed one kept, headings in order', async () => {
    const admin = meFor({ account: { provider: 'proconnect' }, roles: ['department_admin'] });
    const { container } = renderScreen(<ErasureRequestsPage />, admin);
    await screen.findByText(open.accountId);
    expect(container.textContent).toContain('mercredi 6 janvier 2027');
    expect(container.textContent).toContain('3 réservations jusqu’au');
    expect(container.textContent).toContain('1 factures jusqu’au');
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('executes a request once the admin confirms', async () => {
    executeErasure.mockResolvedValue({ ...open, executedAt: '2026-12-06T14:00:00.000Z', report: {} });
    jest.spyOn(window, 'confirm').mockReturnValue(true);
    renderScreen(<ErasureRequestsPage />, meFor({ roles: ['department_admin'] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Supprimer le compte' }));
    await waitFor(() => expect(executeErasure).toHaveBeenCalledWith(open.id));
  });
});
