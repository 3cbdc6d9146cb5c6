import type { BookingView, SeriesPaymentPeriod, SeriesPaymentView, SeriesView } from '@salle/contracts';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { seriesPayment, startPeriodCheckout } from '../../api/payment-api';
import { Loading } from '../../components/loading';
import { PayButton } from '../../components/pay-button';
import { useAsync } from '../../components/use-async';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { formatEuros } from '../../lib/money';
import { formatDateTime, formatShortDate } from '../../lib/paris-time';
import { counterPaidText } from '../../lib/payment-summary';
import { Alert, Badge, Button, ResponsiveTable, type BadgeSeverity } from '../../ui';

// The collège's form for a payment received at its counter: loaded only when a manager opens it for a period.
const CounterPaymentPanel = lazy(() => import('./counter-payment-panel'));

/** How many times the schedule is read again while the booking service confirms the sessions of a period paid at the counter. */
const MAX_CONFIRMATION_POLLS = 5;

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

type PaidPeriod = SeriesPaymentView['periods'][number];

/** What the payment service recorded as paid (and refunded) in a period, in words; how, when paid at the counter. */
function paidText(paid: PaidPeriod | undefined): string {
  if (!paid || paid.paidCents === 0) return '—';
  const refunded = paid.refundedCents > 0 ? `, dont ${formatEuros(paid.refundedCents)} remboursés` : '';
  const counter = paid.counter ? `. ${counterPaidText(paid.counter)}` : '';
  return `${formatEuros(paid.paidCents)}${paid.paidAt ? ` le ${formatShortDate(paid.paidAt)}` : ''}${refunded}${counter}`;
}

/**
 * A period whose payment the collège may record as received at its counter: still to pay for the payment service
 * (some session payable), with no checkout or debit of it under way. Any period may be paid at the counter,
 * whatever payment the organisation announced, as a booking may.
 */
const counterPayable = (period: SeriesPaymentPeriod, paid: PaidPeriod | undefined) =>
  period.status === 'to_pay' && paid !== undefined && paid.payableCents > 0 && !paid.inProgress;

/**
 * A series' payment schedule: each period with its sessions, amount, what was paid, due date and state; for
 * the organisation's members the « Payer » action of a period still to pay (one checkout for its sessions), and for
 * the collège's managers « Enregistrer un paiement au guichet » (the whole series when it is paid in one period).
 * A period unpaid at its due date is released: its sessions free their slots, the paid periods stay.
 */
export function SeriesPaymentSchedule({
  series,
  isMember,
  isManager = false,
  onChanged,
}: {
  series: SeriesView;
  isMember: boolean;
  /** A manager of the collège or a département admin: may record a payment received at the counter. */
  isManager?: boolean;
  /** The series should be read again (its sessions' states changed). */
  onChanged?: () => void;
}) {
  // What was paid per period; the schedule shows without it while it loads or if the payment service fails.
  const payments = useAsync((signal) => seriesPayment(series.id, { signal }), [series.id]);
  const paidIn = (period: SeriesPaymentPeriod) => payments.data?.periods.find((p) => p.key === period.key);
  const [counterKey, setCounterKey] = useState<string | null>(null);
  const [recordedKey, setRecordedKey] = useState<string | null>(null);
  const [outcomeRef, focusOutcomeSoon] = useFocusAfterRender<HTMLDivElement>();
  const counterPeriod = series.paymentSchedule.find((period) => period.key === counterKey);
  const counterPaid = counterPeriod && paidIn(counterPeriod);
  // Recorded at the counter: the booking service confirms the period's sessions shortly; the page follows them.
  const settling = series.paymentSchedule.some((period) => period.key === recordedKey && period.status === 'to_pay');
  const polls = useRef(0);
  useEffect(() => {
    if (!settling || !onChanged || polls.current >= MAX_CONFIRMATION_POLLS) return;
    const timer = window.setTimeout(() => {
      polls.current += 1;
      onChanged();
    }, 2_000);
    return () => window.clearTimeout(timer);
  }, [settling, onChanged, series]);

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
              if (isManager && counterPayable(period, paidIn(period)))
                return (
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={() => setCounterKey(period.key)}
                    nativeButtonProps={{ 'aria-expanded': counterKey === period.key }}
                  >
                    Enregistrer un paiement au guichet
                    <span className="salle-sr-only"> pour {period.label}</span>
                  </Button>
                );
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
      <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target" role="status">
        {recordedKey && (
          <Alert
            severity="success"
            small
            className="salle-mb-2w"
            description={
              settling
                ? 'Paiement au guichet enregistré\u00a0: les séances de la période seront confirmées dans quelques instants.'
                : 'Paiement au guichet enregistré\u00a0: les séances de la période sont confirmées.'
            }
          />
        )}
      </div>
      {counterPeriod && counterPaid && counterPayable(counterPeriod, counterPaid) && (
        <Suspense fallback={<Loading label="Chargement du formulaire de paiement au guichet…" />}>
          <CounterPaymentPanel
            key={counterPeriod.key}
            target={{ seriesId: series.id, periodKey: counterPeriod.key }}
            periodLabel={counterPeriod.label}
            amountCents={counterPaid.payableCents}
            dueAt={counterPeriod.dueAt}
            onCancel={() => setCounterKey(null)}
            onRecorded={() => {
              setCounterKey(null);
              setRecordedKey(counterPeriod.key);
              polls.current = 0;
              focusOutcomeSoon();
              payments.reload();
              onChanged?.();
            }}
          />
        </Suspense>
      )}
      {series.paymentSchedule.some((p) => p.status === 'released') && (
        <p>Les séances d’une période non payée à son échéance ont été libérées&nbsp;; les périodes payées restent.</p>
      )}
    </section>
  );
}
