/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { meFor, renderScreen } from '../../testing/render-screen';
import { soleOwnerId } from './members-model';
import { Members } from './organisations-page';

const OWNER = '11111111-1111-4111-8111-111111111111';
const MEMBER = '22222222-2222-4222-8222-222222222222';
let members = [
  { accountId: OWNER, role: 'owner', displayName: 'Angela Dubois' },
  { accountId: MEMBER, role: 'member', displayName: null },
];

jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    members: async () => ({ items: members }),
    invitations: async () => ({ items: [] }),
  },
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
});
