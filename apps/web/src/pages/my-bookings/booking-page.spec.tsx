/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { establishment } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { BookingPage } from './booking-page';

const ORGANISATION = '11111111-1111-4111-8111-111111111111';
const booking: Record<string, unknown> & { id: string; history: unknown[] } = {
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
  status: 'approved',
  renterCategory: 'association',
  priceCents: 0,
  depositCents: 0,
  priceExplanation: null,
  purpose: 'Entraînement',
  attendees: 12,
  decisionMessage: null,
  refusalReason: null,
  cancelledBy: null,
  cancellationReason: null,
  refundPercent: null,
  expiresAt: null,
  createdAt: '2099-01-01T10:00:00.000Z',
  history: [],
};
let current = { ...booking };
const cancel = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    booking: async () => current,
    establishment: async () => ({ ...establishment, cancellationPolicy: null, contactPhone: '+33476123456' }),
    cancel: (...args: unknown[]) => cancel(...args),
    conventionUrl: (id: string) => `/bookings/${id}/convention.pdf`,
    // The page embeds the booking's conversation: an empty thread, read.
    conversation: async () => ({ items: [], unread: 0, lastReadAt: null }),
  },
}));
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: {
    // Conventions are not signed online on this site: the page shows no « Convention » section.
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
  bookingPayment: async () => Promise.reject(new Error('no payment')),
  receiptUrl: () => '/recu.pdf',
}));

const member = meFor({
  organisations: [{ id: ORGANISATION, name: 'Basket Club', kind: 'association', status: 'verified', role: 'owner' }],
} as never);

async function open() {
  renderScreen(<BookingPage params={{ bookingId: booking.id }} />, member);
  return screen.findByRole('button', { name: 'Annuler la réservation' });
}

describe('BookingPage cancellation', () => {
  beforeEach(() => {
    current = { ...booking };
    cancel.mockReset();
  });

  it('asks in a modal dialog that Escape closes, the focus back on its button, nothing sent', async () => {
    const trigger = await open();
    act(() => trigger.focus());
    fireEvent.click(trigger);
    const dialog = await screen.findByRole('dialog', { name: 'Confirmer l’annulation' });
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    expect(dialog.textContent).toContain('Motif');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(trigger));
    expect(cancel).not.toHaveBeenCalled();
  });

  it('cancels with the reason, closes, and moves the focus to the outcome', async () => {
    cancel.mockImplementation(async () => {
      current = { ...booking, status: 'cancelled', cancellationReason: 'Compétition' };
      return current;
    });
    fireEvent.click(await open());
    const dialog = await screen.findByRole('dialog', { name: 'Confirmer l’annulation' });
    fireEvent.change(within(dialog).getByLabelText(/Motif/), { target: { value: ' Compétition ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirmer l’annulation' }));
    const outcome = await screen.findByRole('status');
    expect(outcome.textContent).toContain('Réservation annulée.');
    await waitFor(() => expect(document.activeElement).toBe(outcome));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(cancel).toHaveBeenCalledWith(booking.id, 'Compétition');
    await screen.findByText(/Motif de l’annulation/);
    expect(screen.queryByRole('button', { name: 'Annuler la réservation' })).toBeNull();
  });

  it('keeps the dialog open with the refusal when the service refuses', async () => {
    cancel.mockRejectedValue(
      new ApiError({
        title: 'Cette réservation ne peut plus être annulée.',
        status: 409,
        code: 'booking_not_cancellable',
      }),
    );
    fireEvent.click(await open());
    const dialog = await screen.findByRole('dialog', { name: 'Confirmer l’annulation' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirmer l’annulation' }));
    await within(dialog).findByText('Cette réservation ne peut plus être annulée.');
    expect(screen.queryByText('Réservation annulée.')).toBeNull();
  });
});

describe('BookingPage collège', () => {
  it('gives the collège’s name, address and contact, each a link to call or write', async () => {
    current = { ...booking };
    await open();
    const name = screen.getByText(establishment.name, { selector: 'strong' });
    const contact = name.closest('p') as HTMLElement;
    expect(contact.textContent).toBe(
      'Collège Champollion1 rue du Lycée, 38000 GrenobleTéléphone\u00a0: 04 76 12 34 56E-mail\u00a0: college@example.fr',
    );
    expect(within(contact).getByRole('link', { name: '04 76 12 34 56' }).getAttribute('href')).toBe('tel:+33476123456');
    expect(within(contact).getByRole('link', { name: 'college@example.fr' }).getAttribute('href')).toBe(
      'mailto:college@example.fr',
    );
  });
});

describe('BookingPage convention', () => {
  it('offers the issued convention once approved, not a draft', async () => {
    current = { ...booking, status: 'approved' };
    await open();
    const issued = screen.getByRole('link', { name: 'Convention (PDF)' });
    expect(issued.getAttribute('href')).toBe(`/bookings/${booking.id}/convention.pdf`);
    expect(screen.queryByRole('link', { name: 'Projet de convention (PDF)' })).toBeNull();
  });

  it('calls it a draft while the request waits for a decision', async () => {
    current = { ...booking, status: 'requested' };
    await open();
    expect(screen.getByRole('link', { name: 'Projet de convention (PDF)' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Convention (PDF)' })).toBeNull();
  });

  it('says when the collège entered the request for the organisation, and how it will be paid', async () => {
    current = { ...booking, status: 'approved', enteredByStaff: true, paymentChoice: 'counter' };
    await open();
    expect(
      screen.getByText(
        'Demande saisie par le collège pour l’organisation, règlement prévu : paiement au guichet du collège.',
      ),
    ).toBeTruthy();
  });
});

describe('BookingPage payment while the convention awaits signatures', () => {
  it('offers no « Payer » and says the payment opens once every party signed', async () => {
    current = { ...booking, status: 'approved', priceCents: 4_500, awaitingSignatures: true };
    await open();
    expect(screen.queryByRole('button', { name: /^Payer/ })).toBeNull();
    expect(
      screen.getByText(
        'Paiement possible une fois la convention signée par toutes les parties (l’organisation, le collège puis le département).',
      ),
    ).toBeTruthy();
  });

  it('offers « Payer » once the convention is signed', async () => {
    current = { ...booking, status: 'awaiting_payment', priceCents: 4_500, awaitingSignatures: false };
    await open();
    expect(screen.getByRole('button', { name: /^Payer 45,00/ })).toBeTruthy();
    expect(screen.queryByText(/Paiement possible une fois la convention signée/)).toBeNull();
  });
});

describe('BookingPage signing deadline after payment', () => {
  it('gives the date by which a paid booking must be signed', async () => {
    current = {
      ...booking,
      status: 'awaiting_payment',
      priceCents: 4_500,
      conventionDueAt: '2099-02-20T10:00:00.000Z',
    };
    await open();
    expect(document.body.textContent).toMatch(
      /Payée\s: la convention doit être signée par toutes les parties avant le/,
    );
    expect(screen.queryByText(/Convention non signée à l’échéance/)).toBeNull();
    // Already paid: nothing to pay again.
    expect(screen.queryByRole('button', { name: /^Payer/ })).toBeNull();
  });

  it('flags a paid booking still unsigned at its deadline, and says the collège decides', async () => {
    current = {
      ...booking,
      status: 'awaiting_payment',
      priceCents: 4_500,
      conventionDueAt: '2099-02-20T10:00:00.000Z',
      conventionOverdueAt: '2099-02-20T10:01:00.000Z',
    };
    await open();
    expect(screen.getByText(/Convention non signée à l’échéance du/)).toBeTruthy();
    expect(document.body.textContent).toContain('ou annuler la réservation, qui est alors');
    expect(document.body.textContent).not.toMatch(/doit être signée par toutes les parties avant le/);
  });
});
