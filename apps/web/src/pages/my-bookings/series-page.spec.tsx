/** @jest-environment jsdom */
import type { BookingView, SeriesView } from '@salle/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { establishment, organisation, requestedBooking } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { MyBookingsPage } from './my-bookings-page';
import { SeriesPage } from './series-page';

const seriesId = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const year = new Date().getUTCFullYear() + 1;
const season = (status: BookingView['status']): BookingView[] =>
  Array.from({ length: 20 }, (_, k) => ({
    ...requestedBooking,
    id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
    seriesId,
    status,
    startsAt: new Date(Date.UTC(year, 0, 9 + 7 * k, 9)).toISOString(),
    endsAt: new Date(Date.UTC(year, 0, 9 + 7 * k, 11)).toISOString(),
  }));
const seriesOf = (occurrences: BookingView[]): SeriesView => {
  const statusCounts: SeriesView['statusCounts'] = {};
  for (const o of occurrences) statusCounts[o.status] = (statusCounts[o.status] ?? 0) + 1;
  return {
    id: seriesId,
    spaceId: requestedBooking.spaceId,
    spaceName: requestedBooking.spaceName,
    establishmentId: requestedBooking.establishmentId,
    establishmentName: requestedBooking.establishmentName,
    organisationId: requestedBooking.organisationId,
    organisationName: requestedBooking.organisationName,
    rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=20',
    firstDate: `${year}-01-09`,
    startTime: '10:00',
    durationMinutes: 120,
    options: { skipSchoolHolidays: false, skipPublicHolidays: false, skipClosures: false },
    requestedBy: 'someone',
    createdAt: '2026-12-01T10:00:00Z',
    occurrences,
    statusCounts,
    paymentMode: 'term',
    paymentSchedule: [
      {
        key: `${year - 1}-T2`,
        label: `2e trimestre ${year - 1}-${year} (janvier à mars)`,
        bookingIds: occurrences.slice(0, 12).map((o) => o.id),
        amountCents: occurrences.slice(0, 12).reduce((sum, o) => sum + o.priceCents, 0),
        dueAt: occurrences[0]?.expiresAt ?? null,
        status: paymentStatus(occurrences.slice(0, 12)),
      },
      {
        key: `${year - 1}-T3`,
        label: `3e trimestre ${year - 1}-${year} (avril à août)`,
        bookingIds: occurrences.slice(12).map((o) => o.id),
        amountCents: occurrences.slice(12).reduce((sum, o) => sum + o.priceCents, 0),
        dueAt: occurrences[12]?.expiresAt ?? null,
        status: paymentStatus(occurrences.slice(12)),
      },
    ],
  };
};
const paymentStatus = (sessions: BookingView[]): SeriesView['paymentSchedule'][number]['status'] =>
  sessions.some((o) => o.status === 'approved' || o.status === 'awaiting_payment')
    ? 'to_pay'
    : sessions.some((o) => o.status === 'confirmed')
      ? 'paid'
      : sessions.some((o) => o.status === 'expired')
        ? 'released'
        : 'requested';

let occurrences: BookingView[] = [];
const cancelSeries = jest.fn();
const conventionSigningOf = jest.fn();
const conversation = jest.fn();
const markConversationRead = jest.fn();
jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    series: async () => seriesOf(occurrences),
    establishment: async () => establishment,
    bookings: async () => {
      const single = {
        ...requestedBooking,
        id: '11111111-1111-4111-8111-111111111111',
        startsAt: `${year}-02-01T17:00:00Z`,
        endsAt: `${year}-02-01T19:00:00Z`,
      };
      const items = [...occurrences, single];
      return { items, total: items.length, page: 1, pageSize: 100 };
    },
    calendarLink: async () => ({ url: 'https://example.test/feed.ics' }),
    unreadMessages: async () => ({
      items: [3, 4].map((index) => ({ bookingId: occurrences[index]?.id, seriesId, unread: 2 })),
    }),
    cancelSeries: (...args: unknown[]) => cancelSeries(...args),
    conversation: (...args: unknown[]) => conversation(...args),
    markConversationRead: (...args: unknown[]) => markConversationRead(...args),
  },
}));
const startPeriodCheckout = jest.fn();
jest.mock('../../api/payment-api', () => ({
  startPeriodCheckout: (...args: unknown[]) => startPeriodCheckout(...args),
  startCheckout: jest.fn(),
  // The first term paid in one payment, part of it refunded.
  seriesPayment: async () => ({
    seriesId,
    periods: [
      {
        key: `${year - 1}-T2`,
        label: 'T2',
        payableBookingIds: [],
        payableCents: 0,
        paidCents: 38_400,
        refundedCents: 3_200,
        paidAt: `${year}-01-02T10:00:00Z`,
        inProgress: false,
      },
    ],
  }),
}));
jest.mock('../../api/follow-up-api', () => ({
  followUpApi: {
    // Conventions are not signed online on this site: the page shows no « Convention » section.
    conventionSigning: async (bookingId: string) => {
      conventionSigningOf(bookingId);
      return {
        status: 'off',
        nextStep: null,
        canSign: false,
        documentSha256: null,
        signatures: [],
        sealedSha256: null,
        evidenceSha256: null,
      };
    },
  },
}));

const membership = {
  id: organisation.id,
  name: organisation.name,
  kind: 'association',
  status: 'verified',
  role: 'owner',
};
const member = meFor({ organisations: [membership] as never });
const manager = meFor({
  roles: ['establishment_manager'],
  establishments: [{ id: establishment.id, name: establishment.name, uai: establishment.uai }],
});

describe('a series followed as one item', () => {
  beforeEach(() => {
    occurrences = season('approved');
    cancelSeries.mockReset();
    conventionSigningOf.mockReset();
    conversation.mockReset();
    conversation.mockResolvedValue({ items: [], unread: 0, lastReadAt: null });
    markConversationRead.mockReset();
    markConversationRead.mockResolvedValue(undefined);
  });

  it('shows the thread its sessions share, where the manager reads the organisation’s question', async () => {
    conversation.mockResolvedValue({
      items: [
        {
          id: '5b0a7c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d',
          bookingId: occurrences[3]?.id,
          seriesId,
          authorRole: 'organisation_member',
          authorName: 'Claire Martin',
          body: 'Peut-on accéder au local de rangement ?',
          attachment: null,
          createdAt: '2026-12-01T10:00:00.000Z',
          mine: false,
        },
      ],
      unread: 1,
      lastReadAt: null,
    });
    renderScreen(<SeriesPage params={{ seriesId }} />, manager);
    const thread = await screen.findByRole('region', { name: 'Échanges avec l’organisation' });
    expect(
      (await within(thread).findByText('Peut-on accéder au local de rangement ?')).closest('li')?.textContent,
    ).toMatch(/^Claire Martin, pour l’organisation, .* · nouveau/);
    expect(within(thread).getByText('Message pour toute la série')).toBeTruthy();
    // Read through its first session: reading it there reads it for every session.
    expect(conversation).toHaveBeenCalledWith(occurrences[0]?.id, expect.anything());
    await waitFor(() => expect(markConversationRead).toHaveBeenCalledWith(occurrences[0]?.id));
  });

  it('reads the series’ convention through a session still under it, not a cancelled first one', async () => {
    occurrences = season('awaiting_payment');
    occurrences[0] = { ...(occurrences[0] as BookingView), status: 'cancelled' };
    renderScreen(<SeriesPage params={{ seriesId }} />, member);
    await screen.findByRole('heading', { level: 1, name: /Série hebdomadaire de 20 séances/ });
    await waitFor(() => expect(conventionSigningOf).toHaveBeenCalledWith(occurrences[1]?.id));
    expect(conventionSigningOf).not.toHaveBeenCalledWith(occurrences[0]?.id);
  });

  it('is one line of « Mes réservations », beside a one-off booking', async () => {
    renderScreen(<MyBookingsPage />, member);
    const table = await screen.findByRole('table', { name: 'À venir' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link', { name: /Série de 20 séances/ })
        .getAttribute('href'),
    ).toBe(`/series/${seriesId}`);
    expect(rows[0]?.textContent).toMatch(/20\u00a0×\s*Acceptée/);
    expect(rows[0]?.textContent).toContain(`${requestedBooking.spaceName}, ${requestedBooking.establishmentName}`);
    // The series' thread, which each of its sessions counts, shown once on its line.
    await waitFor(() => expect(rows[0]?.textContent).toContain('2 nouveaux messages'));
    expect(rows[1]?.textContent).not.toContain('nouveau');
  });

  it('cancels the chosen sessions in one request, then shows the new state', async () => {
    renderScreen(<SeriesPage params={{ seriesId }} />, member);
    expect(await screen.findByRole('heading', { name: 'Série hebdomadaire de 20 séances' })).toBeTruthy();
    // The collège's name, address and contact, as on every booking.
    expect(screen.getByText(establishment.name, { selector: 'strong' })).toBeTruthy();
    expect(document.body.textContent).toContain('1 rue du Lycée, 38000 Grenoble');
    expect(screen.getByRole('link', { name: 'college@example.fr' }).getAttribute('href')).toBe(
      'mailto:college@example.fr',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Annuler des séances de la série' }));
    const form = screen.getByRole('form', { name: 'Annuler des séances' });
    const boxes = within(form).getAllByRole('checkbox');
    expect(boxes).toHaveLength(20);
    boxes.slice(2).forEach((box) => fireEvent.click(box));
    const chosen = occurrences.slice(0, 2).map((o) => o.id);
    cancelSeries.mockImplementation(async () => {
      occurrences = occurrences.map((o, k) => (k < 2 ? { ...o, status: 'cancelled' as const } : o));
      return { seriesId, action: 'cancel', occurrences: [], summary: { applied: 2, unchanged: 0, refused: 0 } };
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Annuler 2 séances' }));
    await waitFor(() => expect(screen.getByText('2 séances annulées.')).toBeTruthy());
    expect(cancelSeries).toHaveBeenCalledWith(seriesId, undefined, chosen);
    const counts = () => screen.getByRole('list', { name: 'Séances par statut' }).textContent;
    await waitFor(() => expect(counts()).toBe('Annulée\u00a0: 2Acceptée, à payer\u00a0: 18'));
  });

  it('asks the collège for a reason before cancelling, and sends nothing without one', async () => {
    renderScreen(<SeriesPage params={{ seriesId }} />, manager);
    fireEvent.click(await screen.findByRole('button', { name: 'Annuler des séances de la série' }));
    fireEvent.click(screen.getByRole('button', { name: 'Annuler 20 séances' }));
    expect((await screen.findAllByText(/Indiquez le motif de l’annulation/)).length).toBeGreaterThan(0);
    expect(cancelSeries).not.toHaveBeenCalled();
  });

  it('offers no cancellation to someone who is neither member nor manager', async () => {
    renderScreen(<SeriesPage params={{ seriesId }} />, meFor());
    expect(await screen.findByRole('heading', { name: 'Série hebdomadaire de 20 séances' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Annuler des séances de la série' })).toBeNull();
  });

  it('shows the payment schedule by term: amount, due date, state, and « Payer » for a period to pay', async () => {
    occurrences = season('approved').map((o, k) =>
      k < 12
        ? { ...o, status: 'confirmed' as const }
        : { ...o, status: 'awaiting_payment' as const, expiresAt: `${year}-03-20T10:00:00.000Z` },
    );
    renderScreen(<SeriesPage params={{ seriesId }} />, member);
    const table = await screen.findByRole('table', { name: 'Périodes de paiement de la série' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain(`2e trimestre ${year - 1}-${year}`);
    expect(rows[0]?.textContent).toContain('384,00 €');
    expect(rows[0]?.textContent).toContain('Payée');
    expect(rows[1]?.textContent).toContain('256,00 €');
    expect(rows[1]?.textContent).toContain('À payer');
    expect(rows[1]?.textContent).toContain(`20 mars ${year}`);
    // One checkout for the period's eight sessions still to pay.
    expect(within(rows[1] as HTMLElement).getByRole('button', { name: /Payer 256,00/ })).toBeTruthy();
    expect(rows[1]?.textContent).toContain('Les 8 séances en un seul paiement');
    expect(within(rows[0] as HTMLElement).queryByRole('button')).toBeNull();
    // What was paid in the first term, and refunded of it, from the payment service.
    await waitFor(() => expect(rows[0]?.textContent).toMatch(/384,00\s€ le \S+ 2 janv\./));
    expect(rows[0]?.textContent).toMatch(/dont 32,00\s€ remboursés/);
  });

  it('offers no « Payer » while the convention awaits signatures, and says what is awaited; then offers it', async () => {
    occurrences = season('approved').map((o) => ({ ...o, awaitingSignatures: true }));
    const unsigned = renderScreen(<SeriesPage params={{ seriesId }} />, member);
    const table = await screen.findByRole('table', { name: 'Périodes de paiement de la série' });
    expect(within(table).queryByRole('button', { name: /Payer/ })).toBeNull();
    expect(within(table).getAllByText('Après la signature de la convention')).toHaveLength(2);
    const sessions = screen.getByRole('table', { name: 'Séances de la série' });
    expect(within(sessions).queryByRole('button', { name: /Payer/ })).toBeNull();
    expect(document.body.textContent).toContain(
      'Paiement possible une fois la convention signée par toutes les parties',
    );
    unsigned.unmount();

    // Fully signed: the booking service says the payment may open, and « Payer » comes back.
    occurrences = season('approved').map((o) => ({ ...o, awaitingSignatures: false }));
    renderScreen(<SeriesPage params={{ seriesId }} />, member);
    const signed = await screen.findByRole('table', { name: 'Périodes de paiement de la série' });
    expect(within(signed).getAllByRole('button', { name: /Payer/ })).toHaveLength(2);
    expect(document.body.textContent).not.toContain('Paiement possible une fois la convention signée');
  });

  it('shows a released period, and no « Payer » to the collège', async () => {
    occurrences = season('approved').map((o, k) =>
      k < 12 ? { ...o, status: 'confirmed' as const } : { ...o, status: 'expired' as const },
    );
    renderScreen(<SeriesPage params={{ seriesId }} />, manager);
    const table = await screen.findByRole('table', { name: 'Périodes de paiement de la série' });
    expect(within(table).getAllByRole('row')[2]?.textContent).toContain('Libérée (non payée)');
    expect(within(table).queryByRole('button')).toBeNull();
    expect(document.body.textContent).toContain('les périodes payées restent');
  });
});
