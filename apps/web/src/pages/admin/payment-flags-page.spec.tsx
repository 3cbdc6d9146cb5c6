/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { PaymentFlag } from '@salle/contracts';
import { ApiError } from '../../api/api-error';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { PaymentFlagsPage } from './payment-flags-page';

const dispute: PaymentFlag = {
  id: '5f7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b01',
  kind: 'dispute',
  bookingId: '0c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a11',
  paymentId: '1c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a12',
  detail: 'Contestation dp_123 ouverte : fraudulent',
  createdAt: '2026-12-01T10:00:00.000Z',
  resolvedAt: null,
  context: {
    provider: 'stripe',
    providerReference: 'ch_3Qx',
    paidCents: 3200,
    priceCents: 3200,
    organisationName: 'Judo club',
    establishmentName: 'Collège Ampère',
    spaceName: 'Gymnase',
    startsAt: '2027-01-12T17:00:00.000Z',
  },
  payerContacts: [],
};
const unknown: PaymentFlag = {
  ...dispute,
  id: '6a7c1a3e-0b7e-4d7f-9a55-3a7d2c1e9b02',
  kind: 'provider_error',
  bookingId: null,
  paymentId: null,
  detail: 'Événement illisible evt_9',
  context: {
    provider: null,
    providerReference: null,
    paidCents: null,
    priceCents: null,
    organisationName: null,
    establishmentName: null,
    spaceName: null,
    startsAt: null,
  },
};
const flags = jest.fn();
const resolve = jest.fn();
jest.mock('../../api/payment-api', () => ({
  paymentFlags: (open: boolean) => flags(open),
  resolvePaymentFlag: (id: string, action: string, note: string) => resolve(id, action, note),
}));
const contact = jest.fn();
jest.mock('../../api/audit-api', () => ({
  contactPayer: (id: string, message: string) => contact(id, message),
}));
const admin = meFor({ roles: ['department_admin'] });

beforeEach(() => {
  flags.mockReset().mockResolvedValue([dispute, unknown]);
  resolve.mockReset().mockResolvedValue({ ...dispute, resolvedAt: '2026-12-06T14:00:00.000Z' });
});

describe('PaymentFlagsPage', () => {
  it('writes to the payer of a flag with a booking, and says how many times it was contacted', async () => {
    contact.mockReset().mockResolvedValue({
      ...dispute,
      payerContacts: [{ at: '2026-12-06T14:00:00.000Z', byAccountId: null, byRole: 'department_admin' }],
    });
    renderScreen(<PaymentFlagsPage />, admin);
    await screen.findByRole('heading', { name: 'Contestation du paiement par le payeur' }, { timeout: 10_000 });
    // Only the flag with a booking has a payer to contact.
    expect(screen.getAllByRole('button', { name: /Envoyer au payeur/ })).toHaveLength(1);
    fireEvent.change(screen.getByLabelText(/Message au payeur/), {
      target: { value: 'Merci de nous rappeler au sujet de ce paiement.' },
    });
    fireEvent.click(screen.getByRole('button', { name: /Envoyer au payeur/ }));
    await waitFor(() =>
      expect(contact).toHaveBeenCalledWith(dispute.id, 'Merci de nous rappeler au sujet de ce paiement.'),
    );
    expect(await screen.findByText(/déjà contacté 1 fois/)).toBeTruthy();
  });

  it('shows the refusal of a contact next to its form', async () => {
    contact.mockReset().mockRejectedValue(
      new ApiError({
        status: 400,
        code: 'validation_failed',
        title: 'Le message est trop court.',
        errors: [{ field: 'message', message: 'le message doit faire au moins 10 caractères' }],
      }),
    );
    renderScreen(<PaymentFlagsPage />, admin);
    await screen.findByRole('heading', { name: 'Contestation du paiement par le payeur' });
    fireEvent.click(screen.getByRole('button', { name: /Envoyer au payeur/ }));
    expect(await screen.findAllByText(/au moins 10 caractères/)).not.toHaveLength(0);
  });

  it('lists the open flags with their kind, date, detail and booking, headings in order', async () => {
    const { container } = renderScreen(<PaymentFlagsPage />, admin);
    expect(await screen.findByRole('heading', { name: 'Contestation du paiement par le payeur' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Erreur du prestataire de paiement' })).toBeTruthy();
    expect(flags).toHaveBeenCalledWith(true);
    expect(screen.getByRole('status').textContent).toBe('2 anomalies ouvertes.');
    expect(container.textContent).toContain('Contestation dp_123 ouverte : fraudulent');
    expect(container.textContent).toContain('1er décembre 2026');
    expect(container.textContent).toContain('Judo club, Collège Ampère, Gymnase, le mardi 12 janvier 2027 à 18');
    expect(container.textContent).toContain('Stripe ch_3Qx');
    expect(container.textContent).toContain('32,00\u00a0€');
    expect(container.textContent).toContain('Aucune réservation connue');
    expect(screen.getByRole('link', { name: 'Voir la réservation' }).getAttribute('href')).toBe(
      `/reservations/${dispute.bookingId}`,
    );
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('offers a refund only for a flag with a payment', async () => {
    renderScreen(<PaymentFlagsPage />, admin);
    await screen.findByRole('heading', { name: 'Erreur du prestataire de paiement' });
    expect(screen.getAllByRole('button', { name: /Marquer traitée/ })).toHaveLength(2);
    expect(screen.getAllByRole('button', { name: /Rembourser le payeur/ })).toHaveLength(1);
  });

  it('marks a flag handled with the note and takes it off the queue', async () => {
    renderScreen(<PaymentFlagsPage />, admin);
    await screen.findByRole('heading', { name: 'Contestation du paiement par le payeur' });
    const note = screen.getAllByLabelText(/Note/)[0] as HTMLTextAreaElement;
    fireEvent.change(note, { target: { value: 'Preuves envoyées à Stripe' } });
    fireEvent.click(screen.getByRole('button', { name: 'Marquer traitée (Contestation du paiement par le payeur)' }));
    await waitFor(() => expect(resolve).toHaveBeenCalledWith(dispute.id, 'dismiss', 'Preuves envoyées à Stripe'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 anomalie ouverte.'));
    expect(screen.queryByRole('heading', { name: 'Contestation du paiement par le payeur' })).toBeNull();
  });

  it('refunds only once the admin confirms', async () => {
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderScreen(<PaymentFlagsPage />, admin);
    const refund = await screen.findByRole('button', { name: /Rembourser le payeur/ });
    fireEvent.click(refund);
    expect(resolve).not.toHaveBeenCalled();
    fireEvent.click(refund);
    await waitFor(() => expect(resolve).toHaveBeenCalledWith(dispute.id, 'refund', ''));
    confirm.mockRestore();
  });

  it('keeps the flag and shows the refusal when the service refuses', async () => {
    const title = 'Ce signalement est déjà traité.';
    resolve.mockRejectedValue(new ApiError({ status: 409, code: 'flag_already_resolved', title }));
    renderScreen(<PaymentFlagsPage />, admin);
    fireEvent.click(await screen.findByRole('button', { name: /Marquer traitée \(Contestation/ }));
    expect(await screen.findByText(title)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Contestation du paiement par le payeur' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('2 anomalies ouvertes.');
  });
});
