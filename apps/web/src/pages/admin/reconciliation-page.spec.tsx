/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import type { ReconciliationReport } from '@salle/contracts';
import { ApiError } from '../../api/api-error';
import { meFor, renderScreen, skippedHeadingLevels } from '../../testing/render-screen';
import { ReconciliationPage } from './reconciliation-page';

const ampere = '00000000-0000-4000-8000-00000000000a';
const berlioz = '00000000-0000-4000-8000-00000000000b';
const money = {
  grossCents: 3200,
  refundedCents: 0,
  establishmentShareCents: 3000,
  departmentShareCents: 200,
  processingFeeCents: 50,
  disputedCents: 0,
};
const ampereBooking = {
  bookingId: '00000000-0000-4000-8000-000000000102',
  establishmentId: ampere,
  ...money,
  issues: [] as string[],
};
const balanced: ReconciliationReport = {
  ok: true,
  bookings: [
    { bookingId: '00000000-0000-4000-8000-000000000101', establishmentId: berlioz, ...money, issues: [] },
    ampereBooking,
  ],
  periods: [],
  suspense: [],
  payouts: [{ payoutId: 'po_1', establishmentId: berlioz, amountCents: 3000, itemsCents: 3000, issues: [] }],
};
const unbalanced: ReconciliationReport = {
  ...balanced,
  ok: false,
  bookings: [{ ...ampereBooking, issues: ['refunds (4000) exceed the gross (3200)'] }],
  periods: [
    {
      paymentId: '00000000-0000-4000-8000-000000000301',
      seriesId: '00000000-0000-4000-8000-000000000401',
      periodKey: '2026-T2',
      establishmentId: ampere,
      provider: 'counter',
      amountCents: 3200,
      bookingIds: ['00000000-0000-4000-8000-000000000501'],
      ...money,
      issues: ['session 00000000-0000-4000-8000-000000000501 was paid with its period but still awaits payment'],
    },
  ],
  suspense: [
    { paymentId: '00000000-0000-4000-8000-000000000201', bookingId: null, ...money, refundedCents: 3200, issues: [] },
  ],
};

let report: () => Promise<ReconciliationReport>;
const pages = jest.fn();
jest.mock('../../api/payment-api', () => ({
  reconciliation: () => report(),
  ledgerCsvUrl: (id: string) => `/api/payment/establishments/${id}/ledger.csv`,
}));
jest.mock('../../api/booking-api', () => ({
  bookingApi: { establishments: (query: { page: number }) => pages(query) },
}));
const college = (id: string, name: string) => ({ id, name });
const admin = meFor({ roles: ['department_admin'] });

beforeEach(() => {
  // Two pages of collèges: every name is read, not only the first hundred.
  pages.mockReset().mockImplementation(({ page }: { page: number }) =>
    Promise.resolve({
      items: page === 1 ? [college(berlioz, 'Collège Berlioz')] : [college(ampere, 'Collège Ampère')],
      page,
      pageSize: 1,
      total: 2,
    }),
  );
});

describe('ReconciliationPage', () => {
  it('shows each collège’s money with its ledger CSV, sorted by name, and the payouts, headings in order', async () => {
    report = () => Promise.resolve(balanced);
    const { container } = renderScreen(<ReconciliationPage />, admin);
    expect(await screen.findByText('Le grand livre est équilibré')).toBeTruthy();
    expect(pages).toHaveBeenCalledTimes(2);
    const table = screen.getByRole('table', { name: 'Rapprochement par collège' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Collège Ampère',
      'Collège Berlioz',
    ]);
    expect(rows[1]?.textContent).toContain('32,00\u00a0€');
    const csv = screen.getByRole('link', { name: 'CSV du grand livre de Collège Berlioz' });
    expect(csv.getAttribute('href')).toBe(`/api/payment/establishments/${berlioz}/ledger.csv`);
    const payouts = screen.getByRole('table', { name: 'Versements aux collèges' });
    expect(payouts.textContent).toContain('po_1');
    expect(payouts.textContent).toContain('Équilibré');
    expect(screen.getByText('Aucune somme reçue sans réservation connue.')).toBeTruthy();
    expect(skippedHeadingLevels(container)).toEqual([]);
  });

  it('warns of the gaps and names the booking, its collège and what does not add up, and the suspense account', async () => {
    report = () => Promise.resolve(unbalanced);
    renderScreen(<ReconciliationPage />, admin);
    expect(await screen.findByText('Des écarts sont à examiner')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Réservations en écart' })).toBeTruthy();
    expect(screen.getByText('refunds (4000) exceed the gross (3200)').getAttribute('lang')).toBe('en');
    // A series' period payment whose session still awaits payment: the collège's second gap.
    expect(screen.getByRole('heading', { name: 'Paiements de période en écart' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Série, période 2026-T2' }).getAttribute('href')).toBe(
      '/series/00000000-0000-4000-8000-000000000401',
    );
    expect(screen.getByText(/was paid with its period but still awaits payment/).getAttribute('lang')).toBe('en');
    const table = screen.getByRole('table', { name: 'Rapprochement par collège' });
    expect(within(table).getByText('2 écarts')).toBeTruthy();
    const suspense = screen.getByRole('table', { name: 'Compte d’attente' });
    expect(suspense.textContent).toContain('Inconnue');
  });

  it('shows the refusal when the payment service refuses', async () => {
    const title = 'Vous n’avez pas le droit d’effectuer cette action.';
    report = () => Promise.reject(new ApiError({ status: 403, code: 'forbidden', title }));
    renderScreen(<ReconciliationPage />, admin);
    expect(await screen.findByText(title)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
