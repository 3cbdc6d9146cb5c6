/** @jest-environment jsdom */
import { act, fireEvent, screen } from '@testing-library/react';
import { ApiError } from '../api/api-error';
import { renderScreen } from '../testing/render-screen';
import { PayButton } from './pay-button';

const calls: (string | undefined)[] = [];

jest.mock('../api/payment-api', () => ({
  // A collège paid through PayFiP: the service asks for the payer's e-mail, then opens PayFiP's page.
  startCheckout: async (_bookingId: string, payerEmail?: string) => {
    calls.push(payerEmail);
    if (!payerEmail)
      throw new ApiError({
        title: 'Indiquez l’adresse électronique à laquelle PayFiP enverra le justificatif de paiement.',
        status: 400,
        code: 'payer_email_required',
      });
    throw new ApiError({ title: 'Le service de paiement ne répond pas.', status: 503, code: 'unavailable' });
  },
}));

describe('PayButton', () => {
  it('asks for the payer’s e-mail when the collège is paid through PayFiP, then sends it', async () => {
    renderScreen(<PayButton bookingId="b1" amountCents={4_500} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Payer 45,00/ })));
    const field = await screen.findByLabelText(/Adresse électronique du payeur/);
    // Not shown as an error: the field's hint says what the e-mail is for.
    expect(screen.queryByText(/^Indiquez l’adresse/)).toBeNull();
    fireEvent.change(field, { target: { value: 'tresorier@judo.example' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /avec PayFiP$/ })));
    expect(calls).toEqual([undefined, 'tresorier@judo.example']);
    expect(await screen.findByText('Le service de paiement ne répond pas.')).toBeTruthy();
  });
});
