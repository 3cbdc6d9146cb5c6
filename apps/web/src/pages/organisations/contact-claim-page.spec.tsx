/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ContactClaimPage } from './contact-claim-page';

const startContactClaim = jest.fn();
const confirmContactClaim = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {},
}));
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: {
    startContactClaim: (...args: unknown[]) => startContactClaim(...args),
    confirmContactClaim: (...args: unknown[]) => confirmContactClaim(...args),
  },
}));

describe('ContactClaimPage', () => {
  beforeEach(() => {
    startContactClaim.mockReset();
    confirmContactClaim.mockReset();
  });

  it('asks for the identifier, then the code sent to the contact, and says the organisation is now theirs', async () => {
    startContactClaim.mockResolvedValue({
      organisationName: 'Les Randonneurs du Bréda',
      channel: 'email',
      sentTo: 'c•••@randonneurs.example',
      expiresAt: '2026-12-06T18:15:00.000Z',
    });
    confirmContactClaim.mockResolvedValue({ id: 'o1', name: 'Les Randonneurs du Bréda' });
    renderScreen(<ContactClaimPage />, meFor());
    expect(screen.getByRole('heading', { level: 1, name: 'Revendiquer un organisme' })).toBeTruthy();
    expect(screen.queryByLabelText(/Code reçu/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/Numéro RNA ou SIREN/), { target: { value: 'W381000555' } });
    fireEvent.click(screen.getByRole('button', { name: 'Recevoir un code' }));
    expect(await screen.findByText(/Nous avons envoyé un code à c•••@randonneurs\.example/)).toBeTruthy();
    expect(startContactClaim).toHaveBeenCalledWith('W381000555', 'email');
    const code = screen.getByLabelText(/Code reçu/);
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    fireEvent.change(code, { target: { value: '042917' } });
    fireEvent.click(screen.getByRole('button', { name: 'Revendiquer l’organisme' }));
    expect(await screen.findByText(/Vous êtes maintenant responsable de « Les Randonneurs du Bréda »/)).toBeTruthy();
    expect(confirmContactClaim).toHaveBeenCalledWith('W381000555', '042917');
  });

  it('sends the code by SMS when the person chooses it, and says where it went', async () => {
    startContactClaim.mockResolvedValue({
      organisationName: 'Les Randonneurs du Bréda',
      channel: 'sms',
      sentTo: '+33•••••••78',
      expiresAt: '2026-12-06T18:15:00.000Z',
    });
    renderScreen(<ContactClaimPage />, meFor());
    fireEvent.change(screen.getByLabelText(/Numéro RNA ou SIREN/), { target: { value: 'W381000558' } });
    expect(screen.getByRole('group', { name: 'Recevoir le code' })).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/Par SMS/));
    fireEvent.click(screen.getByRole('button', { name: 'Recevoir un code' }));
    expect(await screen.findByText(/Nous avons envoyé un code à \+33•••••••78/)).toBeTruthy();
    expect(startContactClaim).toHaveBeenCalledWith('W381000558', 'sms');
  });

  it('shows the service’s refusal of a wrong code in French and keeps the form', async () => {
    startContactClaim.mockResolvedValue({
      organisationName: 'Les Randonneurs du Bréda',
      channel: 'email',
      sentTo: 'c•••@randonneurs.example',
      expiresAt: '2026-12-06T18:15:00.000Z',
    });
    confirmContactClaim.mockRejectedValue(
      new ApiError({
        status: 422,
        code: 'claim_code_wrong',
        title: 'Ce code n’est pas le bon\u00a0: il vous reste 4\u00a0essais.',
      }),
    );
    renderScreen(<ContactClaimPage />, meFor());
    fireEvent.change(screen.getByLabelText(/Numéro RNA ou SIREN/), { target: { value: 'W381000555' } });
    fireEvent.click(screen.getByRole('button', { name: 'Recevoir un code' }));
    fireEvent.change(await screen.findByLabelText(/Code reçu/), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Revendiquer l’organisme' }));
    await waitFor(() => expect(screen.getByText(/il vous reste 4 essais/)).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Revendiquer l’organisme' })).toBeTruthy();
  });
});
