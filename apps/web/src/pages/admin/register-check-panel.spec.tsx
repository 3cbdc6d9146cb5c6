/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import type { OrganisationView, RegisterCheckView } from '@salle/contracts';
import { ApiError } from '../../api/api-error';
import { meFor, renderScreen } from '../../testing/render-screen';
import { RegisterCheckPanel } from './register-check-panel';

const organisation = {
  id: '6a7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b02',
  name: 'Chorale de Vienne',
  kind: 'association',
  rna: 'W382000456',
  siren: null,
  address: '12 rue des Clercs',
  postalCode: '38200',
  communeName: 'Vienne',
  status: 'pending',
} as OrganisationView;
const check: RegisterCheckView = {
  found: true,
  checkedAt: '2026-12-06T14:00:00.000Z',
  register: {
    siren: '999900020',
    rna: 'W382000456',
    name: 'CHORALE DE VIENNE',
    address: '12 RUE DES CLERCS 38200 VIENNE',
    postalCode: '38200',
    communeName: 'VIENNE',
    legalForm: 'Association déclarée (9220)',
    activity: 'Arts du spectacle vivant (90.01Z)',
    active: false,
    isAssociation: true,
  },
  mismatches: ['active'],
};
const registerCheck = jest.fn();
jest.mock('../../api/booking-api', () => ({ bookingApi: { registerCheck: (id: string) => registerCheck(id) } }));

describe('RegisterCheckPanel', () => {
  const admin = meFor({ roles: ['department_admin'] });

  it('shows the register beside the declaration, the contradiction marked in words', async () => {
    registerCheck.mockResolvedValueOnce(check);
    renderScreen(<RegisterCheckPanel organisation={organisation} />, admin);
    fireEvent.click(screen.getByRole('button', { name: /Comparer au registre officiel/ }));
    expect(await screen.findByText('Le registre contredit la déclaration sur 1 point.')).toBeTruthy();
    expect(registerCheck).toHaveBeenCalledWith(organisation.id);
    const table = screen.getByRole('table');
    const state = within(table).getByText('État').closest('[role="row"]') as HTMLElement;
    expect(state.textContent).toContain('Cessée');
    expect(state.textContent).toContain('Différent');
    const name = within(table).getByText('Nom').closest('[role="row"]') as HTMLElement;
    expect(name.textContent).not.toContain('Différent');
    expect(table.textContent).toContain('Association déclarée (9220)');
    expect(table.textContent).toContain('Arts du spectacle vivant (90.01Z)');
  });

  it('says when the register knows no such number, and when it does not answer', async () => {
    registerCheck.mockResolvedValueOnce({ ...check, found: false, register: null, mismatches: [] });
    const { unmount } = renderScreen(<RegisterCheckPanel organisation={organisation} />, admin);
    fireEvent.click(screen.getByRole('button', { name: /Comparer au registre officiel/ }));
    expect(await screen.findByText(/Le registre ne connaît pas ce numéro/)).toBeTruthy();
    unmount();
    registerCheck.mockRejectedValueOnce(
      new ApiError({ title: 'Le registre ne répond pas.', status: 503, code: 'register_unavailable' }),
    );
    renderScreen(<RegisterCheckPanel organisation={organisation} />, admin);
    fireEvent.click(screen.getByRole('button', { name: /Comparer au registre officiel/ }));
    expect(await screen.findByText('Le registre ne répond pas.')).toBeTruthy();
  });
});
