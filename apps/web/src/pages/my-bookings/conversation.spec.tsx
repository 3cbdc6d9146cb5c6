/** @jest-environment jsdom */
import type { ConversationView } from '@salle/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { requestedBooking } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { Conversation } from './conversation';

let thread: ConversationView;
const postMessage = jest.fn();
const markConversationRead = jest.fn(async () => undefined);
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    conversation: async () => thread,
    postMessage: (...args: unknown[]) => postMessage(...args),
    markConversationRead: (...args: unknown[]) => markConversationRead(...(args as [])),
  },
}));

const question = {
  id: '22222222-2222-4222-8222-222222222222',
  bookingId: requestedBooking.id,
  authorRole: 'organisation_member' as const,
  authorName: 'Angela Dubois',
  body: 'Peut-on accéder aux vestiaires dès 9 h 30 ?',
  createdAt: '2026-12-06T10:00:00.000Z',
  mine: true,
};
const answer = {
  ...question,
  id: '33333333-3333-4333-8333-333333333333',
  authorRole: 'establishment_manager' as const,
  authorName: 'Julien Bernard',
  body: 'Oui, le gardien ouvre à 9 h 15.',
  createdAt: '2026-12-06T11:00:00.000Z',
  mine: false,
};

describe('Conversation', () => {
  beforeEach(() => {
    postMessage.mockReset();
    markConversationRead.mockClear();
  });

  it('shows the thread with the new answer marked, and marks it read once shown', async () => {
    thread = { items: [question, answer], unread: 1, lastReadAt: '2026-12-06T10:00:00.000Z' };
    renderScreen(<Conversation bookingId={requestedBooking.id} withWhom="le collège" />, meFor());
    const list = await screen.findByRole('list', { name: /Messages/ });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first?.textContent).toMatch(/^Vous, pour l’organisation/);
    expect(first?.textContent).not.toContain('nouveau');
    expect(second?.textContent).toContain('Julien Bernard, pour le collège');
    expect(second?.textContent).toContain('nouveau');
    await waitFor(() => expect(markConversationRead).toHaveBeenCalledTimes(1));
  });

  it('sends a message and reads the thread again', async () => {
    thread = { items: [], unread: 0, lastReadAt: null };
    renderScreen(<Conversation bookingId={requestedBooking.id} withWhom="le collège" />, meFor());
    expect(await screen.findByText('Aucun échange pour l’instant.')).toBeTruthy();
    expect(markConversationRead).not.toHaveBeenCalled();

    postMessage.mockImplementation(async () => {
      thread = { items: [question], unread: 0, lastReadAt: question.createdAt };
      return question;
    });
    fireEvent.change(screen.getByLabelText(/^Votre message/), { target: { value: question.body } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    });
    expect(postMessage).toHaveBeenCalledWith(requestedBooking.id, question.body);
    expect(await screen.findByText(question.body)).toBeTruthy();
    expect((screen.getByLabelText(/^Votre message/) as HTMLTextAreaElement).value).toBe('');
  });
});
