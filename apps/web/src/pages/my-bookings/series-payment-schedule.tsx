import type { BookingView, SeriesPaymentPeriod, SeriesView } from '@salle/contracts';
import { PayButton } from '../../components/pay-button';
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

/** The first session of the period still awaiting its payment: « Payer » opens its checkout (one per session). */
function nextToPay(period: SeriesPaymentPeriod, occurrences: BookingView[]): BookingView | undefined {
  return occurrences.find(
    (o) => period.bookingIds.includes(o.id) && (o.status === 'approved' || o.status === 'awaiting_payment'),
  );
}

/**
 * A series' payment schedule: each period with its sessions, amount, due date and state, and for the
 * organisation's members the « Payer » action of a period still to pay. A period unpaid at its due date is
 * released: its sessions free their slots, the paid periods stay.
 */
export function SeriesPaymentSchedule({ series, isMember }: { series: SeriesView; isMember: boolean }) {
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
              const next = isMember && period.status === 'to_pay' ? nextToPay(period, series.occurrences) : undefined;
              return next && next.priceCents > 0 ? (
                <>
                  <PayButton bookingId={next.id} amountCents={next.priceCents} size="small" />
                  <span className="salle-hint-text">
                    Séance du {formatShortDate(next.startsAt)}, puis les suivantes
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
