/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ManagersView } from '@salle/contracts';
import { ApiError } from '../../api/api-error';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { EstablishmentManagers } from './establishment-managers';

const ESTABLISHMENT = '3b0c2f5e-7a1d-4c9e-8f2a-6d5e4c3b2a10';
const view: ManagersView = {
  managers: [
    {
      accountId: '1c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a12',
      displayName: 'Nadia Roux',
      email: 'nadia.roux@ac-grenoble.fr',
      origin: 'siret',
      since: '2026-09-01T08:00:00.000Z',
      signatory: false,
    },
  ],
  invitations: [
    {
      id: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
      email: 'julien.bernard@ac-grenoble.fr',
      invitedAt: '2026-12-01T10:00:00.000Z',
    },
  ],
};
const inviteManager = jest.fn();
const revokeManager = jest.fn();
const cancelManagerInvitation = jest.fn();
const setManagerSignatory = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    managers: () => Promise.resolve(view),
    inviteManager: (...args: unknown[]) => inviteManager(...args),
    revokeManager: (...args: unknown[]) => revokeManager(...args),
    cancelManagerInvitation: (...args: unknown[]) => cancelManagerInvitation(...args),
  },
}));
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: {
    setManagerSignatory: (...args: unknown[]) => setManagerSignatory(...args),
  },
}));

// jsdom has no `CSS`; react-aria's focus containment escapes ids with `CSS.escape`, as browsers provide it.
beforeAll(() => {
  globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;
});

const admin = meFor({ account: { provider: 'proconnect' }, roles: ['department_admin'] });

describe('EstablishmentManagers', () => {
  beforeEach(() => jest.clearAllMocks());

  it('lists managers by name, e-mail and how they were designated, and pending invitations, never an account id', async () => {
    // Shown under the collège's own h2 on the establishments page.
    const { container } = renderScreen(
      <>
        <h1>Établissements</h1>
        <h2>Collège Champollion</h2>
        <EstablishmentManagers establishmentId={ESTABLISHMENT} />
      </>,
      admin,
    );
    await screen.findByText('Nadia Roux');
    expect(container.textContent).toContain('(nadia.roux@ac-grenoble.fr), par le SIRET de son administration');
    expect(container.textContent).toContain('julien.bernard@ac-grenoble.fr, invité le');
    expect(container.innerHTML).not.toContain(view.managers[0]?.accountId);
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('invites by e-mail, and shows the service’s refusal beside the field', async () => {
    inviteManager.mockRejectedValueOnce(
      new ApiError({
        title: 'Certaines informations sont manquantes ou incorrectes\u00a0: l’adresse électronique.',
        status: 400,
        code: 'validation_failed',
        errors: [{ field: 'email', message: 'doit être une adresse électronique' }],
      }),
    );
    renderScreen(<EstablishmentManagers establishmentId={ESTABLISHMENT} />, admin);
    const field = await screen.findByLabelText(/Inviter un gestionnaire/);
    fireEvent.change(field, { target: { value: 'pas une adresse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Inviter' }));
    expect(await screen.findByText('Doit être une adresse électronique.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');

    inviteManager.mockResolvedValueOnce({});
    fireEvent.change(field, { target: { value: ' nouvel.agent@ac-grenoble.fr ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Inviter' }));
    await waitFor(() => expect(inviteManager).toHaveBeenCalledWith(ESTABLISHMENT, 'nouvel.agent@ac-grenoble.fr'));
  });

  it('revokes a manager once the admin confirms, and withdraws an invitation', async () => {
    revokeManager.mockResolvedValue(undefined);
    cancelManagerInvitation.mockResolvedValue(undefined);
    renderScreen(<EstablishmentManagers establishmentId={ESTABLISHMENT} />, admin);
    fireEvent.click(await screen.findByRole('button', { name: 'Retirer Nadia Roux' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retirer ce gestionnaire' });
    expect(revokeManager).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retirer le gestionnaire' }));
    await waitFor(() => expect(revokeManager).toHaveBeenCalledWith(ESTABLISHMENT, view.managers[0]?.accountId));

    fireEvent.click(screen.getByRole('button', { name: 'Retirer l’invitation de julien.bernard@ac-grenoble.fr' }));
    await waitFor(() => expect(cancelManagerInvitation).toHaveBeenCalledWith(ESTABLISHMENT, view.invitations[0]?.id));
  });

  it('lets the admin designate the manager who signs the collège’s conventions', async () => {
    renderScreen(<EstablishmentManagers establishmentId={ESTABLISHMENT} />, admin);
    fireEvent.click(await screen.findByRole('button', { name: 'Désigner signataire des conventions (Nadia Roux)' }));
    await waitFor(() =>
      expect(setManagerSignatory).toHaveBeenCalledWith(ESTABLISHMENT, '1c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a12', true),
    );
  });
});
