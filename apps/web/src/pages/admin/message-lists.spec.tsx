/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import type { FailedMessage } from '@salle/contracts';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { BookingMessagesPage } from '../my-bookings/booking-messages-page';
import { FailedMessagesPage } from './failed-messages-page';

const BOOKING = '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01';
const message: FailedMessage = {
  id: '6a7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b02',
  kind: 'approved_to_pay',
  subject: 'Demande acceptée\u00a0: à payer avant le 12 décembre 2026',
  recipient: 'ca***@exemple.fr',
  channel: 'email',
  status: 'failed',
  at: '2026-12-06T13:00:00.000Z',
  bookingId: BOOKING,
  attempts: 5,
  reason: '550 5.1.1 mailbox unavailable',
};
jest.mock('../../api/notification-api', () => ({
  failedMessages: () => Promise.resolve({ items: [message] }),
  bookingMessages: () => Promise.resolve({ items: [message] }),
}));

// Both lists are responsive tables (cards on a narrow screen): before, a class that styled nothing left the failed
// messages' seven columns, and the erasure queue's, wider than a 360 px screen.
describe('the lists of messages', () => {
  it('shows the admins each message given up on, with its reason and booking, as a responsive table', async () => {
    const { container } = renderScreen(<FailedMessagesPage />, meFor({ roles: ['department_admin'] }));
    const table = await screen.findByRole('table', { name: 'Messages non remis' });
    expect(table.closest('.salle-rtable')).not.toBeNull();
    const [row] = within(table).getAllByRole('row').slice(1);
    expect(within(row as HTMLElement).getByRole('rowheader').textContent).toBe(message.subject);
    expect(row?.textContent).toContain('550 5.1.1 mailbox unavailable');
    expect(
      within(row as HTMLElement)
        .getByRole('link', { name: 'Voir' })
        .getAttribute('href'),
    ).toBe(`/reservations/${BOOKING}`);
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('shows the messages sent about a booking as a responsive table', async () => {
    renderScreen(<BookingMessagesPage params={{ bookingId: BOOKING }} />, meFor());
    const table = await screen.findByRole('table', { name: 'Messages envoyés au sujet de la réservation' });
    expect(table.closest('.salle-rtable')).not.toBeNull();
    expect(within(table).getAllByRole('row').slice(1)[0]?.textContent).toContain('ca***@exemple.fr');
  });
});
