/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import type { BookingPaymentView } from '@salle/contracts';
import { ApiError } from '../../api/api-error';
import { establishment } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { BookingPage } from './booking-page';

const ORGANISATION = '11111111-1111-4111-8111-111111111111';
const booking: Record<string, unknown> & { id: string } = {
  id: '33333333-3333-4333-8333-333333333333',
  spaceId: '44444444-4444-4444-8444-444444444444',
  spaceName: 'Gymnase',
  establishmentId: establishment.id,
  establishmentName: 'Collège Champollion',
  organisationId: ORGANISATION,
  organisationName: 'Basket Club',
  seriesId: null,
  startsAt: '2099-03-02T17:00:00.000Z',
  endsAt: '2099-03-02T19:00:00.000Z',
  status: 'awaiting_payment',
  renterCategory: 'association',
  priceCents: 3_000,
  depositCents: 0,
  priceExplanation: null,
  purpose: 'Entraînement',
  attendees: 12,
  decisionMessage: null,
  refusalReason: null,
  cancelledBy: null,
  cancellationReason: null,
  refundPercent: null,
  expiresAt: '2099-02-20T17:00:00.000Z',
  createdAt: '2099-01-01T10:00:00.000Z',
  enteredByStaff: true,
  paymentChoice: 'counter',
  history: [],
};
const awaiting: BookingPaymentView = {
  bookingId: booking.id,
  priceCents: 3_000,
  payableStatus: 'payable',
  payments: [],
};
const paid: BookingPaymentView = {
  bookingId: booking.id,
  priceCents: 3_000,
  payableStatus: 'paid',
  payments: [
    {
      id: '55555555-5555-4555-8555-555555555555',
      status: 'succeeded',
      amountCents: 3_000,
      applicationFeeCents: 0,
      refundedCents: 0,
      expiresAt: '2099-02-10T10:00:00.000Z',
      paidAt: '2099-02-10T10:00:00.000Z',
      receiptAvailable: true,
      counter: { method: 'cheque', quittance: 'R-42', receivedOn: '2099-02-10' },
      refunds: [],
    },
  ],
};
let current = { ...booking };
let paymentView: BookingPaymentView = awaiting;
const record = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    booking: async () => current,
    establishment: async () => ({ ...establishment, cancellationPolicy: null }),
    cancel: jest.fn(),
    conventionUrl: (id: string) => `/bookings/${id}/convention.pdf`,
    conversation: async () => ({ items: [], unread: 0, lastReadAt: null }),
    // Confirmed: the page shows how to get in; none written here.
    accessInstructions: async () => null,
  },
}));
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: {
    conventionSigning: async () => ({
      status: 'off',
      nextStep: null,
      canSign: false,
      documentSha256: null,
      signatures: [],
      sealedSha256: null,
      evidenceSha256: null,
    }),
    incidents: async () => ({ items: [] }),
  },
}));
jest.mock('../../api/payment-api', () => ({
  bookingPayment: async () => paymentView,
  receiptUrl: () => '/recu.pdf',
}));
jest.mock('../../api/counter-payment-api', () => ({
  recordCounterPayment: (...args: unknown[]) => record(...args),
}));

const manager = meFor({
  roles: ['establishment_manager'],
  establishments: [{ id: establishment.id, name: establishment.name, uai: establishment.uai }],
} as never);
const member = meFor({
  organisations: [{ id: ORGANISATION, name: 'Basket Club', kind: 'association', status: 'verified', role: 'owner' }],
} as never);

describe('BookingPage: a payment received at the collège’s counter', () => {
  beforeEach(() => {
    current = { ...booking };
    paymentView = awaiting;
    record.mockReset();
  });

  it('lets the collège record it, the amount due prefilled, then shows the booking confirmed and paid', async () => {
    record.mockImplementation(async (_id: string, body: Record<string, unknown>) => {
      current = { ...booking, status: 'confirmed' };
      paymentView = paid;
      return { ...body, paymentId: paid.payments[0]?.id, bookingIds: [booking.id], paidAt: '2099-02-10T10:00:00.000Z' };
    });
    renderScreen(<BookingPage params={{ bookingId: booking.id }} />, manager);
    // A lazily loaded module: its first load under jest compiles it.
    expect(
      await screen.findByRole('heading', { name: 'Enregistrer un paiement au guichet' }, { timeout: 15_000 }),
    ).toBeTruthy();
    expect(screen.getByText(/À encaisser au guichet\s: 30,00\s€ avant le/)).toBeTruthy();
    expect((screen.getByLabelText(/Montant reçu/) as HTMLInputElement).value).toBe('30');
    fireEvent.click(screen.getByLabelText('Espèces'));
    fireEvent.change(screen.getByLabelText(/Numéro de quittance/), { target: { value: ' R-42 ' } });
    fireEvent.change(screen.getByLabelText(/Date de réception/), { target: { value: '2020-02-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le paiement au guichet' }));

    const outcome = await screen.findByText(/Paiement au guichet enregistré\s: la réservation est confirmée\./);
    expect(outcome).toBeTruthy();
    expect(record).toHaveBeenCalledWith(
      { bookingId: booking.id },
      {
        method: 'especes',
        amountCents: 3_000,
        quittance: 'R-42',
        receivedOn: '2020-02-10',
      },
    );
    expect(await screen.findByText(/Payé au guichet le 10 février 2099 \(chèque, quittance n°\sR-42\)\./)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Enregistrer un paiement au guichet' })).toBeNull();
  });

  it('checks the fields before sending, and shows the service’s refusal', async () => {
    record.mockRejectedValue(
      new ApiError({
        title:
          'Le montant encaissé doit être égal au montant dû : un paiement partiel ou supérieur ne peut pas être enregistré.',
        status: 422,
        code: 'counter_amount_mismatch',
      }),
    );
    renderScreen(<BookingPage params={{ bookingId: booking.id }} />, manager);
    fireEvent.change(await screen.findByLabelText(/Montant reçu/, {}, { timeout: 15_000 }), {
      target: { value: 'trente' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le paiement au guichet' }));
    expect(await screen.findByText('Indiquez un montant en euros, par exemple 30 ou 30,50.')).toBeTruthy();
    expect(screen.getByText('Indiquez le numéro de la quittance remise au payeur.')).toBeTruthy();
    expect(record).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText(/Montant reçu/), { target: { value: '25' } });
    fireEvent.change(screen.getByLabelText(/Numéro de quittance/), { target: { value: 'R-43' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le paiement au guichet' }));
    expect(await screen.findByText(/Le montant encaissé doit être égal au montant dû/)).toBeTruthy();
    expect(record).toHaveBeenCalledWith(
      { bookingId: booking.id },
      expect.objectContaining({ amountCents: 2_500, method: 'cheque' }),
    );
  });

  it('shows the organisation when and how it paid at the counter, without the form', async () => {
    current = { ...booking, status: 'confirmed' };
    paymentView = paid;
    renderScreen(<BookingPage params={{ bookingId: booking.id }} />, member);
    expect(await screen.findByText(/Payé au guichet le 10 février 2099 \(chèque, quittance n°\sR-42\)\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Télécharger le reçu (PDF)' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Enregistrer un paiement au guichet' })).toBeNull();
  });

  it('offers no counter form to the organisation awaiting its payment', async () => {
    renderScreen(<BookingPage params={{ bookingId: booking.id }} />, member);
    await screen.findByText(/À payer avant le/);
    expect(screen.queryByRole('heading', { name: 'Enregistrer un paiement au guichet' })).toBeNull();
  });
});
