import type { BookingView, SeriesPaymentPeriod, SeriesPaymentView, SeriesView } from '@salle/contracts';
import { seriesPayment, startPeriodCheckout } from '../../api/payment-api';
import { PayButton } from '../../components/pay-button';
import { useAsync } from '../../components/use-async';
import { formatEuros } from '../../lib/money';
import { formatDateTime, formatShortDate } from '../../lib/paris-time';
import { Badge, ResponsiveTable, type BadgeSeverity } from '../../ui';

const PERIOD_STATUS: Record<SeriesPaymentPeriod['status'], { label: string; severity: BadgeSeverity }> = {
  requested: { label: 'En attente de décision', severity: 'info' },
  to_pay: { label: 'À payer', severity: 'warning' },
  paid: { label: 'Payée', severity: 'success' },
  released: { label: 'Libérée (non payée)', severity: 'error' },
  cancelled: { label: 'Annulée', severity: 'info' },
};

const MODE_INTRO: Record<SeriesView['paymentMode'], string> = {
  whole: 'La série se paie en une fois.',
  month: 'La série se paie mois par mois, chaque mois avant sa première séance.',
  term: 'La série se paie par trimestre scolaire, chaque trimestre avant sa première séance.',
};

/** The sessions of the period still awaiting their payment: « Payer » pays them all in one checkout. */
function sessionsToPay(period: SeriesPaymentPeriod, occurrences: BookingView[]): BookingView[] {
  return occurrences.filter(
    (o) => period.bookingIds.includes(o.id) && (o.status === 'approved' || o.status === 'awaiting_payment'),
  );
}

/** The sessions of the period whose payment waits for the convention's signatures (signing before payment). */
const awaitingSignatures = (period: SeriesPaymentPeriod, occurrences: BookingView[]) =>
  occurrences.some((o) => period.bookingIds.includes(o.id) && o.awaitingSignatures);

/** What the payment service recorded as paid (and refunded) in a period, in words. */
function paidText(paid: SeriesPaymentView['periods'][number] | undefined): string {
  if (!paid || paid.paidCents === 0) return '—';
  const refunded = paid.refundedCents > 0 ? `, dont ${formatEuros(paid.refundedCents)} remboursés` : '';
  return `${formatEuros(paid.paidCents)}${paid.paidAt ? ` le ${formatShortDate(paid.paidAt)}` : ''}${refunded}`;
}

/**
 * A series' payment schedule: each period with its sessions, amount, what was paid, due date and state, and for
 * the organisation's members the « Payer » action of a period still to pay (one checkout for its sessions). A period unpaid at its due date is
 * released: its sessions free their slots, the paid periods stay.
 */
export function SeriesPaymentSchedule({ series, isMember }: { series: SeriesView; isMember: boolean }) {
  // What was paid per period; the schedule shows without it while it loads or if the payment service fails.
  const payments = useAsync((signal) => seriesPayment(series.id, { signal }), [series.id]);
  const paidIn = (period: SeriesPaymentPeriod) => payments.data?.periods.find((p) => p.key === period.key);
  const sessionDates = (period: SeriesPaymentPeriod) =>
    series.occurrences.filter((o) => period.bookingIds.includes(o.id)).map((o) => formatShortDate(o.startsAt));
  return (
    <section aria-labelledby="echeancier-titre" className="salle-mb-4w">
      <h2 id="echeancier-titre" className="salle-h4">
        Échéancier de paiement
      </h2>
      <p>{MODE_INTRO[series.paymentMode]}</p>
      <ResponsiveTable
        caption="Périodes de paiement de la série"
        rows={series.paymentSchedule}
        rowKey={(period) => period.key}
        columns={[
          { header: 'Période', cell: (period) => period.label },
          {
            header: 'Séances',
            cell: (period) => `${period.bookingIds.length} (${sessionDates(period).join(', ')})`,
          },
          { header: 'Montant', cell: (period) => formatEuros(period.amountCents) },
          { header: 'Payé', cell: (period) => paidText(paidIn(period)) },
          {
            header: 'À payer avant le',
            cell: (period) => (period.dueAt ? formatDateTime(period.dueAt) : '—'),
          },
          {
            header: 'État',
            cell: (period) => (
              <Badge severity={PERIOD_STATUS[period.status].severity} small as="span">
                {PERIOD_STATUS[period.status].label}
              </Badge>
            ),
          },
          {
            header: 'Action',
            cell: (period) => {
              if (period.status === 'to_pay' && awaitingSignatures(period, series.occurrences))
                return <span className="salle-hint-text">Après la signature de la convention</span>;
              const toPay = isMember && period.status === 'to_pay' ? sessionsToPay(period, series.occurrences) : [];
              const amountCents = toPay.reduce((sum, o) => sum + o.priceCents, 0);
              return amountCents > 0 ? (
                <>
                  <PayButton
                    amountCents={amountCents}
                    size="small"
                    checkout={(payerEmail) => startPeriodCheckout(series.id, period.key, payerEmail)}
                  />
                  <span className="salle-hint-text">
                    {toPay.length > 1 ? `Les ${toPay.length} séances en un seul paiement` : 'La séance restante'}
                  </span>
                </>
              ) : (
                <span className="salle-sr-only">Aucune action pour {period.label}</span>
              );
            },
          },
        ]}
      />
      {series.paymentSchedule.some((p) => p.status === 'released') && (
        <p>Les séances d’une période non payée à son échéance ont été libérées&nbsp;; les périodes payées restent.</p>
      )}
    </section>
  );
}
