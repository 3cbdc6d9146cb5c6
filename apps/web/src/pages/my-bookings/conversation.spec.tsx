/** @jest-environment jsdom */
import type { ConversationView } from '@salle/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { requestedBooking } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { Conversation } from './conversation';

let thread: ConversationView;
const postMessage = jest.fn();
const postMessageAttachment = jest.fn();
const markConversationRead = jest.fn(async () => undefined);
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    conversation: async () => thread,
    postMessage: (...args: unknown[]) => postMessage(...args),
    markConversationRead: (...args: unknown[]) => markConversationRead(...(args as [])),
  },
}));
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: {
    postMessageAttachment: (...args: unknown[]) => postMessageAttachment(...args),
    messageAttachmentUrl: (bookingId: string, messageId: string) =>
      `/api/bookings/${bookingId}/messages/${messageId}/attachment`,
  },
}));

const question = {
  id: '22222222-2222-4222-8222-222222222222',
  bookingId: requestedBooking.id,
  seriesId: null,
  authorRole: 'organisation_member' as const,
  authorName: 'Angela Dubois',
  body: 'Peut-on accéder aux vestiaires dès 9 h 30 ?',
  attachment: null,
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
    postMessageAttachment.mockReset();
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

  it('shows a series message and its file as a download, and sends a chosen file with the text', async () => {
    const plan = {
      ...answer,
      seriesId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      body: '',
      attachment: { fileName: 'plan.pdf', contentType: 'application/pdf' as const, sizeBytes: 2048 },
    };
    thread = { items: [plan], unread: 0, lastReadAt: '2026-12-06T12:00:00.000Z' };
    renderScreen(<Conversation bookingId={requestedBooking.id} withWhom="le collège" />, meFor());
    const link = await screen.findByRole('link', { name: 'Télécharger plan.pdf' });
    expect(link.getAttribute('href')).toBe(`/api/bookings/${requestedBooking.id}/messages/${plan.id}/attachment`);
    expect(screen.getByText('Message pour toute la série')).toBeTruthy();

    const file = new File(['%PDF-1.7'], 'attestation.pdf', { type: 'application/pdf' });
    postMessageAttachment.mockResolvedValue(plan);
    fireEvent.change(screen.getByLabelText(/Joindre un fichier/), { target: { files: [file] } });
    fireEvent.change(screen.getByLabelText(/Votre message/), { target: { value: 'Ci-joint.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    await waitFor(() => expect(postMessageAttachment).toHaveBeenCalledWith(requestedBooking.id, file, 'Ci-joint.'));
    expect(postMessage).not.toHaveBeenCalled();
  });
});
