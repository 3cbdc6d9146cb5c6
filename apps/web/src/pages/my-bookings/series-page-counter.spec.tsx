/** @jest-environment jsdom */
import type { BookingView, SeriesPaymentView, SeriesView } from '@salle/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { establishment, organisation, requestedBooking } from '../../testing/fixtures';
import { meFor, renderScreen } from '../../testing/render-screen';
import { SeriesPage } from './series-page';

const seriesId = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const year = new Date().getUTCFullYear() + 1;
const T2 = `${year - 1}-T2`;
const T3 = `${year - 1}-T3`;
const DUE = `${year}-01-02T10:00:00.000Z`;
const PRICE = 3_200;

/** Six sessions: three in the second term, three in the third, each awaiting its payment. */
const sessions = (status: BookingView['status'], term: 'T2' | 'T3'): BookingView[] =>
  Array.from({ length: 3 }, (_, k) => ({
    ...requestedBooking,
    id: `00000000-0000-4000-8000-${term === 'T2' ? '0' : '1'}${String(k).padStart(11, '0')}`,
    seriesId,
    status,
    priceCents: PRICE,
    expiresAt: DUE,
    startsAt: new Date(Date.UTC(year, term === 'T2' ? 0 : 3, 9 + 7 * k, 9)).toISOString(),
    endsAt: new Date(Date.UTC(year, term === 'T2' ? 0 : 3, 9 + 7 * k, 11)).toISOString(),
  }));

let occurrences: BookingView[] = [];
let mode: SeriesView['paymentMode'] = 'term';
const seriesOf = (): SeriesView => {
  const period = (key: string, label: string, own: BookingView[]) => ({
    key,
    label,
    bookingIds: own.map((o) => o.id),
    amountCents: own.reduce((sum, o) => sum + o.priceCents, 0),
    dueAt: DUE,
    status: own.some((o) => o.status === 'awaiting_payment') ? ('to_pay' as const) : ('paid' as const),
  });
  return {
    id: seriesId,
    spaceId: requestedBooking.spaceId,
    spaceName: requestedBooking.spaceName,
    establishmentId: requestedBooking.establishmentId,
    establishmentName: requestedBooking.establishmentName,
    organisationId: requestedBooking.organisationId,
    organisationName: requestedBooking.organisationName,
    rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=6',
    firstDate: `${year}-01-09`,
    startTime: '10:00',
    durationMinutes: 120,
    options: { skipSchoolHolidays: false, skipPublicHolidays: false, skipClosures: false },
    requestedBy: 'someone',
    createdAt: '2026-12-01T10:00:00Z',
    occurrences,
    statusCounts: {},
    paymentMode: mode,
    paymentSchedule:
      mode === 'whole'
        ? [period('season', 'Toute la série', occurrences)]
        : [
            period(T2, `2e trimestre ${year - 1}-${year} (janvier à mars)`, occurrences.slice(0, 3)),
            period(T3, `3e trimestre ${year - 1}-${year} (avril à août)`, occurrences.slice(3)),
          ],
  };
};

/** What the payment service says of each period: unpaid ones payable, paid ones with what the régie recorded. */
let paidAtCounter = new Set<string>();
const paymentView = (): SeriesPaymentView => ({
  seriesId,
  periods: seriesOf().paymentSchedule.map((period) => {
    const paid = paidAtCounter.has(period.key);
    return {
      key: period.key,
      label: period.label,
      payableBookingIds: paid ? [] : period.bookingIds,
      payableCents: paid ? 0 : period.amountCents,
      paidCents: paid ? period.amountCents : 0,
      refundedCents: 0,
      paidAt: paid ? '2026-12-05T10:00:00.000Z' : null,
      inProgress: false,
      counter: paid ? { method: 'cheque', quittance: 'R-77', receivedOn: '2026-12-05' } : null,
    };
  }),
});

jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    series: async () => seriesOf(),
    establishment: async () => establishment,
    cancelSeries: jest.fn(),
    conversation: async () => ({ items: [], unread: 0, lastReadAt: null }),
  },
}));
jest.mock('../../api/payment-api', () => ({
  startPeriodCheckout: jest.fn(),
  startCheckout: jest.fn(),
  seriesPayment: async () => paymentView(),
}));
const record = jest.fn();
jest.mock('../../api/counter-payment-api', () => ({
  recordCounterPayment: (...args: unknown[]) => record(...args),
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
  },
}));

const manager = meFor({
  roles: ['establishment_manager'],
  establishments: [{ id: establishment.id, name: establishment.name, uai: establishment.uai }],
});
const admin = meFor({ roles: ['department_admin'] });
const member = meFor({
  organisations: [
    { id: organisation.id, name: organisation.name, kind: 'association', status: 'verified', role: 'owner' },
  ],
} as never);
const COUNTER_ACTION = /Enregistrer un paiement au guichet/;
const schedule = () => screen.findByRole('table', { name: 'Périodes de paiement de la série' });
const rowOf = (table: HTMLElement, index: number) => within(table).getAllByRole('row')[index + 1] as HTMLElement;

describe('SeriesPage: a period paid at the collège’s counter', () => {
  beforeEach(() => {
    mode = 'term';
    occurrences = [...sessions('awaiting_payment', 'T2'), ...sessions('awaiting_payment', 'T3')];
    paidAtCounter = new Set();
    record.mockReset();
  });

  it('lets the collège record a period’s payment, its amount prefilled, then shows it paid at the counter', async () => {
    record.mockImplementation(async (target: { periodKey: string }, body: Record<string, unknown>) => {
      // The payment service accepts it at once; the booking service confirms the sessions a moment later.
      paidAtCounter.add(target.periodKey);
      occurrences = occurrences.map((o, k) => (k < 3 ? { ...o, status: 'confirmed' as const } : o));
      return { ...body, paymentId: '55555555-5555-4555-8555-555555555555', bookingIds: [], paidAt: DUE };
    });
    renderScreen(<SeriesPage params={{ seriesId }} />, manager);
    const table = await schedule();
    // One action per period awaiting payment, named after its period for screen readers.
    const button = await within(rowOf(table, 0)).findByRole('button', {
      name: `Enregistrer un paiement au guichet pour 2e trimestre ${year - 1}-${year} (janvier à mars)`,
    });
    expect(within(rowOf(table, 1)).getByRole('button', { name: COUNTER_ACTION })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Enregistrer un paiement au guichet' })).toBeNull();
    fireEvent.click(button);

    // A lazily loaded module: its first load under jest compiles it.
    expect(
      await screen.findByRole('heading', { name: 'Enregistrer un paiement au guichet' }, { timeout: 15_000 }),
    ).toBeTruthy();
    expect(
      screen.getByText(/2e trimestre .*, ses séances encore à payer en un seul paiement\s: 96,00\s€ avant le/),
    ).toBeTruthy();
    expect((screen.getByLabelText(/Montant reçu/) as HTMLInputElement).value).toBe('96');
    fireEvent.change(screen.getByLabelText(/Numéro de quittance/), { target: { value: 'R-77' } });
    fireEvent.change(screen.getByLabelText(/Date de réception/), { target: { value: '2026-12-05' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le paiement au guichet' }));

    expect(await screen.findByText(/Paiement au guichet enregistré\s: les séances de la période/)).toBeTruthy();
    expect(record).toHaveBeenCalledWith(
      { seriesId, periodKey: T2 },
      { method: 'cheque', amountCents: 9_600, quittance: 'R-77', receivedOn: '2026-12-05' },
    );
    await waitFor(() =>
      expect(rowOf(table, 0).textContent).toMatch(/Payé au guichet le 5 décembre 2026 \(chèque, quittance n°\sR-77\)/),
    );
    await waitFor(() => expect(rowOf(table, 0).textContent).toContain('Payée'));
    expect(within(rowOf(table, 0)).queryByRole('button', { name: COUNTER_ACTION })).toBeNull();
    // The other term still awaits its payment.
    expect(within(rowOf(table, 1)).getByRole('button', { name: COUNTER_ACTION })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Enregistrer un paiement au guichet' })).toBeNull();
  });

  it('offers it for the whole series when it is paid as one, to a département admin', async () => {
    mode = 'whole';
    renderScreen(<SeriesPage params={{ seriesId }} />, admin);
    const table = await schedule();
    fireEvent.click(
      await within(rowOf(table, 0)).findByRole('button', {
        name: 'Enregistrer un paiement au guichet pour Toute la série',
      }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Enregistrer un paiement au guichet' }, { timeout: 15_000 }),
    ).toBeTruthy();
    expect((screen.getByLabelText(/Montant reçu/) as HTMLInputElement).value).toBe('192');
    // Closed without recording anything.
    fireEvent.click(screen.getByRole('button', { name: 'Fermer sans enregistrer' }));
    expect(screen.queryByRole('heading', { name: 'Enregistrer un paiement au guichet' })).toBeNull();
    expect(record).not.toHaveBeenCalled();
  });

  it('shows the payment service’s refusal in French, and keeps the form', async () => {
    // The payment service's problem, as it words it.
    const title =
      'Un paiement en ligne de cette réservation est en cours\u00a0: attendez qu’il aboutisse ou que sa session expire (30\u00a0minutes au plus) avant d’encaisser au guichet.';
    record.mockRejectedValue(new ApiError({ title, status: 409, code: 'online_payment_under_way' }));
    renderScreen(<SeriesPage params={{ seriesId }} />, manager);
    const table = await schedule();
    fireEvent.click(await within(rowOf(table, 1)).findByRole('button', { name: COUNTER_ACTION }));
    fireEvent.change(await screen.findByLabelText(/Numéro de quittance/, {}, { timeout: 15_000 }), {
      target: { value: 'R-78' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le paiement au guichet' }));
    expect(await screen.findByText(/Un paiement en ligne de cette réservation est en cours\s: attendez/)).toBeTruthy();
    expect(record).toHaveBeenCalledWith({ seriesId, periodKey: T3 }, expect.objectContaining({ amountCents: 9_600 }));
    expect(screen.getByRole('heading', { name: 'Enregistrer un paiement au guichet' })).toBeTruthy();
    expect(rowOf(table, 1).textContent).not.toContain('Payé au guichet');
  });

  it('never offers it to the organisation’s members, who see a period paid at the counter', async () => {
    paidAtCounter = new Set([T2]);
    occurrences = occurrences.map((o, k) => (k < 3 ? { ...o, status: 'confirmed' as const } : o));
    renderScreen(<SeriesPage params={{ seriesId }} />, member);
    const table = await schedule();
    await waitFor(() => expect(rowOf(table, 0).textContent).toMatch(/Payé au guichet le 5 décembre 2026/));
    expect(within(table).queryByRole('button', { name: COUNTER_ACTION })).toBeNull();
    // Theirs is « Payer » for the term still to pay.
    expect(within(rowOf(table, 1)).getByRole('button', { name: /Payer 96,00/ })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Enregistrer un paiement au guichet' })).toBeNull();
  });
});
