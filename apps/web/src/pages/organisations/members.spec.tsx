/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { meFor, renderScreen } from '../../testing/render-screen';
import { soleOwnerId } from './members-model';
import { Members } from './organisations-page';

const OWNER = '11111111-1111-4111-8111-111111111111';
const MEMBER = '22222222-2222-4222-8222-222222222222';
let members = [
  { accountId: OWNER, role: 'owner', displayName: 'Angela Dubois' },
  { accountId: MEMBER, role: 'member', displayName: null },
];

const invite = jest.fn();
const inviteByEmail = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    members: async () => ({ items: members }),
    invitations: async () => ({ items: [] }),
    invite: (...args: unknown[]) => invite(...args),
  },
}));
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: { inviteByEmail: (...args: unknown[]) => inviteByEmail(...args) },
}));

describe('Members', () => {
  it('offers the sole owner no removal nor role change, which the service always refuses', async () => {
    const { container } = renderScreen(<Members organisationId="o1" />, meFor({ account: { id: OWNER } }));
    await screen.findByText(/seul responsable/);
    expect(screen.queryByRole('button', { name: /Retirer le rôle de responsable/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Retirer Angela Dubois/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Nommer responsable/ })).toBeTruthy();
    // A member without a known name is not shown as an account id.
    expect(container.textContent).not.toMatch(/[0-9a-f]{8}/);
    expect(container.textContent).toContain('Personne au nom non communiqué');
  });

  it('offers both when there is another owner', async () => {
    members = members.map((m) => ({ ...m, role: 'owner' }));
    renderScreen(<Members organisationId="o1" />, meFor({ account: { id: OWNER } }));
    expect(await screen.findAllByRole('button', { name: /Retirer le rôle de responsable/ })).toHaveLength(2);
    expect(soleOwnerId(members as never)).toBeNull();
  });

  it('e-mails the invitation when the owner gives an address, and gives a link to copy otherwise', async () => {
    const invitation = {
      id: 'i1',
      role: 'member',
      createdAt: '2030-12-06T10:00:00Z',
      expiresAt: '2030-12-13T10:00:00Z',
    };
    inviteByEmail.mockResolvedValue({ ...invitation, sentTo: 'b•••@example.test' });
    invite.mockResolvedValue({ ...invitation, token: 'A'.repeat(43) });
    renderScreen(<Members organisationId="o1" />, meFor({ account: { id: OWNER } }));
    const email = await screen.findByLabelText(/Adresse électronique de la personne/);
    expect(email.getAttribute('type')).toBe('email');
    fireEvent.change(email, { target: { value: ' bruno@example.test ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer l’invitation' }));
    expect(await screen.findByText(/Invitation envoyée à b•••@example\.test \(membre\)/)).toBeTruthy();
    expect(inviteByEmail).toHaveBeenCalledWith('o1', 'member', 'bruno@example.test');
    expect(screen.queryByDisplayValue(/rejoindre#/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Créer un lien d’invitation' }));
    expect(await screen.findByDisplayValue(/\/rejoindre#A{43}$/)).toBeTruthy();
    expect(invite).toHaveBeenCalledWith('o1', 'member');
  });
});
