/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { OrganisationView } from '@salle/contracts';
import { ApiError } from '../../api/api-error';
import { organisation } from '../../testing/fixtures';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { RejectedOrganisations } from './rejected-organisations';

const rejected: OrganisationView = {
  ...organisation,
  id: '7b7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b03',
  name: 'Club refusé',
  status: 'rejected',
  rejectionReason: 'Numéro RNA inconnu',
};
const organisations = jest.fn();
const deleteOrganisation = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    organisations: (...args: unknown[]) => organisations(...args),
    deleteOrganisation: (...args: unknown[]) => deleteOrganisation(...args),
  },
}));

function renderList() {
  return renderScreen(
    <>
      <h1>Organisations à vérifier</h1>
      <RejectedOrganisations />
    </>,
    meFor({ roles: ['department_admin'] }),
  );
}

describe('rejected organisations', () => {
  beforeEach(() => {
    organisations.mockReset().mockResolvedValue({ items: [rejected], total: 1 });
    deleteOrganisation.mockReset();
  });

  it('lists the rejected organisations, and deletes one only once the admin confirms', async () => {
    deleteOrganisation.mockResolvedValue(undefined);
    const { container } = renderList();
    await screen.findByRole('heading', { level: 3, name: 'Club refusé' });
    expect(organisations).toHaveBeenCalledWith({ status: 'rejected', page: 1, pageSize: 100 }, expect.anything());
    expect(container.textContent).toContain('Motif du refus\u00a0: Numéro RNA inconnu');
    expect(skippedHeadingLevels(container)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Supprimer Club refusé' }));
    expect(deleteOrganisation).not.toHaveBeenCalled();
    expect(container.textContent).toContain('Supprimer définitivement Club refusé');
    fireEvent.click(screen.getByRole('button', { name: 'Retour' }));
    expect(screen.queryByRole('button', { name: /Confirmer la suppression/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Supprimer Club refusé' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer la suppression de Club refusé' }));
    await waitFor(() => expect(deleteOrganisation).toHaveBeenCalledWith(rejected.id));
    expect(await screen.findByText(/Club refusé : supprimée/)).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 3, name: 'Club refusé' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Aucune organisation refusée.');
  });

  it('shows the refusal of an organisation kept for its bookings, and keeps it listed', async () => {
    const title = 'Cette organisation a des réservations, des séries ou des conventions.';
    deleteOrganisation.mockRejectedValue(new ApiError({ title, status: 409, code: 'organisation_has_bookings' }));
    renderList();
    fireEvent.click(await screen.findByRole('button', { name: 'Supprimer Club refusé' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer la suppression de Club refusé' }));
    expect(await screen.findByText(title)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Club refusé' })).toBeTruthy();
  });
});
