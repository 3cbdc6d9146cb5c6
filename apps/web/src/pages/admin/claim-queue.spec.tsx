/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ClaimView } from '@salle/contracts';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { ClaimForm } from '../organisations/claim-form';
import { ClaimQueue } from './claim-queue';

const claim: ClaimView = {
  id: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
  number: 'W381000333',
  statement: 'Notre association porte ce numéro depuis 1998.',
  claimantDisplayName: 'Paul Durand',
  status: 'pending',
  organisation: { id: '6a7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b02', name: 'Usurpateur', status: 'verified' },
  decisionReason: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  decidedAt: null,
};
const decideClaim = jest.fn();
const claimNumber = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    claims: () => Promise.resolve({ items: [claim] }),
    decideClaim: (...args: unknown[]) => decideClaim(...args),
    claimNumber: (...args: unknown[]) => claimNumber(...args),
  },
}));

describe('number claims', () => {
  it('shows an admin each pending claim with the statement, and sends the decision with its reason', async () => {
    decideClaim.mockResolvedValue({ ...claim, status: 'granted' });
    const { container } = renderScreen(
      <>
        <h1>Organisations à vérifier</h1>
        <ClaimQueue />
      </>,
      meFor({ roles: ['department_admin'] }),
    );
    await screen.findByText('Numéro W381000333, détenu par Usurpateur');
    expect(container.textContent).toContain('Notre association porte ce numéro depuis 1998.');
    expect(skippedHeadingLevels(container)).toEqual([]);
    fireEvent.change(screen.getByLabelText(/Motif de la décision/), { target: { value: 'Journal officiel' } });
    fireEvent.click(screen.getByRole('button', { name: /Donner raison au demandeur/ }));
    await waitFor(() => expect(decideClaim).toHaveBeenCalledWith(claim.id, true, 'Journal officiel'));
    expect(await screen.findByText(/Usurpateur est refusée, Paul Durand peut le déclarer/)).toBeTruthy();
  });

  it('lets the person who finds their number taken claim it, prefilled', async () => {
    claimNumber.mockResolvedValue(claim);
    renderScreen(<ClaimForm number="W381000333" />, meFor());
    expect((screen.getByLabelText(/Numéro RNA ou SIREN/) as HTMLInputElement).value).toBe('W381000333');
    fireEvent.change(screen.getByLabelText(/Pourquoi ce numéro/), { target: { value: 'Depuis 1998, voir le JO.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Contester ce numéro' }));
    await waitFor(() => expect(claimNumber).toHaveBeenCalledWith('W381000333', 'Depuis 1998, voir le JO.'));
    expect(await screen.findByText('Contestation envoyée.')).toBeTruthy();
  });
});
