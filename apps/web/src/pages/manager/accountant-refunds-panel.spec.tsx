/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AccountantRefund } from '@salle/contracts';
import { ApiError } from '../../api/api-error';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { AccountantRefundsPanel } from './accountant-refunds-panel';

const ESTABLISHMENT = '3e1f8c2a-7b4d-4c9e-8a1f-2d3c4b5a6f70';
const open: AccountantRefund = {
  id: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
  paymentId: '1c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a12',
  bookingId: '0c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a11',
  establishmentId: ESTABLISHMENT,
  payerName: 'Basket Beaurepaire',
  amountCents: 3200,
  percent: 100,
  cause: 'cancellation',
  refdet: '1C8A4F0E5A554C1B9D0F',
  idOp: '9b2d6c1e-4f3a-4e8b-a7d5-2c1b0e9f8a76',
  numauto: '123456',
  paidAt: '2026-12-01T10:00:00.000Z',
  requestedAt: '2026-12-02T09:00:00.000Z',
  done: false,
  accountantReference: null,
  doneAt: null,
};
const done: AccountantRefund = {
  ...open,
  id: '6a7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b02',
  payerName: 'Judo club',
  amountCents: 1600,
  percent: 50,
  done: true,
  accountantReference: 'MANDAT-2026-0007',
  doneAt: '2026-12-03T15:00:00.000Z',
};
const list = jest.fn();
const markDone = jest.fn();
jest.mock('../../api/payment-api', () => ({
  accountantRefunds: (establishmentId: string) => list(establishmentId),
  markAccountantRefundDone: (id: string, reference: string) => markDone(id, reference),
}));
const manager = meFor({ roles: ['establishment_manager'] });

beforeEach(() => {
  list.mockReset().mockResolvedValue([open, done]);
  markDone.mockReset().mockResolvedValue({ ...open, done: true, accountantReference: 'MANDAT-1', doneAt: open.paidAt });
});

describe('AccountantRefundsPanel', () => {
  it('lists the collège’s refund requests with PayFiP’s references, the open one with a form', async () => {
    const { container } = renderScreen(
      <>
        <h1>Recettes et versements</h1>
        <AccountantRefundsPanel establishmentId={ESTABLISHMENT} />
      </>,
      manager,
    );
    const request = await screen.findByRole('article', { name: '32,00\u00a0€ à Basket Beaurepaire' });
    expect(list).toHaveBeenCalledWith(ESTABLISHMENT);
    expect(container.textContent).toContain('1 demande en attente.');
    expect(request.textContent).toContain('100\u00a0% du paiement, pour annulation de la réservation');
    expect(request.textContent).toContain(
      `Références PayFiP\u00a0: dette ${open.refdet}, opération ${open.idOp}, autorisation 123456`,
    );
    expect(within(request).getByRole('link', { name: 'Voir la réservation' }).getAttribute('href')).toBe(
      `/reservations/${open.bookingId}`,
    );
    expect(within(request).getByLabelText(/Référence du mandat de remboursement/)).toBeTruthy();
    // The request already done shows its reference, and no form.
    const repaid = screen.getByRole('article', { name: '16,00\u00a0€ à Judo club' });
    expect(repaid.textContent).toContain('mandat MANDAT-2026-0007');
    expect(within(repaid).queryByRole('button')).toBeNull();
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('records the accountant’s reference, then reads the list again', async () => {
    renderScreen(<AccountantRefundsPanel establishmentId={ESTABLISHMENT} />, manager);
    const request = await screen.findByRole('article', { name: '32,00\u00a0€ à Basket Beaurepaire' });
    fireEvent.change(within(request).getByLabelText(/Référence du mandat de remboursement/), {
      target: { value: '  MANDAT-1 ' },
    });
    fireEvent.click(within(request).getByRole('button', { name: 'Enregistrer le remboursement' }));
    await waitFor(() => expect(markDone).toHaveBeenCalledWith(open.id, 'MANDAT-1'));
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
  });

  it('shows the service’s refusal beside the field', async () => {
    markDone.mockRejectedValue(
      new ApiError({
        status: 400,
        code: 'validation_failed',
        title: 'Certaines informations sont manquantes ou incorrectes.',
        errors: [{ field: 'accountantReference', message: 'indiquez la référence du mandat de remboursement' }],
      }),
    );
    renderScreen(<AccountantRefundsPanel establishmentId={ESTABLISHMENT} />, manager);
    const request = await screen.findByRole('article', { name: '32,00\u00a0€ à Basket Beaurepaire' });
    fireEvent.click(within(request).getByRole('button', { name: 'Enregistrer le remboursement' }));
    expect(await within(request).findByText(/indiquez la référence du mandat de remboursement/)).toBeTruthy();
    expect(
      within(request)
        .getByLabelText(/Référence du mandat de remboursement/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('shows nothing to a collège without refund requests (paid through Stripe, which refunds by itself)', async () => {
    list.mockResolvedValue([]);
    const { container } = renderScreen(<AccountantRefundsPanel establishmentId={ESTABLISHMENT} />, manager);
    await waitFor(() => expect(list).toHaveBeenCalled());
    expect(container.querySelector('section')).toBeNull();
  });
});
