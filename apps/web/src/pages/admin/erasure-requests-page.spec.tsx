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
    booking: {
      removed: 2,
      kept: [
        { what: 'bookings', count: 3, reason: 'Comptabilité', keptUntil: '2036-11-30' },
        { what: 'convention_signatures', count: 1, reason: 'Preuve de signature', keptUntil: '2031-11-30' },
      ],
    },
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
    // Each kept kind with its end date and the reason the law keeps it.
    const kept = [...container.querySelectorAll('li')].map((item) => item.textContent);
    expect(kept).toEqual([
      expect.stringMatching(/^3 réservations jusqu’au .*30 novembre 2036\u00a0: Comptabilité$/),
      expect.stringMatching(/^1 signatures de convention jusqu’au .*30 novembre 2031\u00a0: Preuve de signature$/),
      expect.stringMatching(/^1 factures jusqu’au .*30 novembre 2036\u00a0: Comptabilité$/),
    ]);
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
