/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { InvoiceView } from '@salle/contracts';
import { renderScreen } from '../../testing/render-screen';
import { InvoicePanel } from './invoice-panel';

const BOOKING = '33333333-3333-4333-8333-333333333333';
const issued: InvoiceView = {
  id: '55555555-5555-4555-8555-555555555555',
  bookingId: BOOKING,
  establishmentId: '66666666-6666-4666-8666-666666666666',
  organisationId: '11111111-1111-4111-8111-111111111111',
  number: 'FA-2026-000042',
  status: 'issued',
  amountCents: 3200,
  payer: { siret: '21380185500015', engagementNumber: 'EJ-42' },
  issuedAt: '2026-12-06T10:00:00.000Z',
  dueAt: '2027-01-05T10:00:00.000Z',
  paidAt: null,
  paymentReference: null,
  creditNoteNumber: null,
  cancelledAt: null,
};
let current: InvoiceView | null = issued;
const markPaid = jest.fn();
jest.mock('../../api/payment-api', () => ({
  bookingInvoice: async () => current,
  invoicePdfUrl: () => '/facture.pdf',
  creditNotePdfUrl: () => '/avoir.pdf',
  markInvoicePaid: (...args: unknown[]) => markPaid(...args),
}));

describe('InvoicePanel', () => {
  beforeEach(() => {
    current = issued;
    markPaid.mockReset();
  });

  it('offers the organisation its invoice, without the form that records a payment', async () => {
    renderScreen(<InvoicePanel bookingId={BOOKING} isManager={false} />);
    const link = await screen.findByRole('link', { name: 'Télécharger la facture (PDF)' });
    expect(link.getAttribute('href')).toBe('/facture.pdf');
    expect(screen.getByText(/Facture n° FA-2026-000042 de 32,00\s€, émise, en attente de paiement/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enregistrer le paiement' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Télécharger l’avoir (PDF)' })).toBeNull();
  });

  it('lets the collège record the payment with its reference, then shows it paid', async () => {
    markPaid.mockImplementation(async (_id: string, reference: string) => {
      current = { ...issued, status: 'paid', paidAt: '2026-12-10T09:00:00.000Z', paymentReference: reference };
      return current;
    });
    renderScreen(<InvoicePanel bookingId={BOOKING} isManager />);
    fireEvent.change(await screen.findByLabelText(/Référence du paiement reçu/), { target: { value: ' M-118 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le paiement' }));
    await waitFor(() => expect(screen.getByText(/référence M-118/)).toBeTruthy());
    expect(markPaid).toHaveBeenCalledWith(BOOKING, 'M-118');
    expect(screen.queryByRole('button', { name: 'Enregistrer le paiement' })).toBeNull();
  });

  it('offers the credit note of a cancelled invoice, and nothing when the booking has no invoice', async () => {
    current = { ...issued, status: 'cancelled', creditNoteNumber: 'AV-2026-000003', cancelledAt: issued.issuedAt };
    const { unmount } = renderScreen(<InvoicePanel bookingId={BOOKING} isManager />);
    expect(await screen.findByRole('link', { name: 'Télécharger l’avoir (PDF)' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enregistrer le paiement' })).toBeNull();
    unmount();
    current = null;
    renderScreen(<InvoicePanel bookingId={BOOKING} isManager />);
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Facture' })).toBeNull());
  });
});
