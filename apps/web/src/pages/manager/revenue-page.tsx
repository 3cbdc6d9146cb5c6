import type { EstablishmentView } from '@salle/contracts';
import { bookingApi, bookingDownloads } from '../../api/booking-api';
import { collectedRevenue, collectedRevenueCsvUrl, startPayoutOnboarding } from '../../api/payment-api';
import type { PageProps } from '../../app/routes';
import { BarChart } from '../../components/bar-chart';
import { BookedHoursHeatmap } from '../../components/booked-hours-heatmap';
import { FiguresTable, figureColumns } from '../../components/figures-table';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { formatEuros } from '../../lib/money';
import { formatMonth, formatShortMonth, todayInParis } from '../../lib/paris-time';
import { AccountantRefundsPanel } from './accountant-refunds-panel';
import { ManagerLayout } from './manager-layout';
import { Alert, Button } from '../../ui';

export function RevenuePage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  return (
    <ManagerLayout establishmentId={establishmentId} title="Recettes et versements">
      {(establishment) => (
        <>
          <Payout establishment={establishment} />
          <AccountantRefundsPanel establishmentId={establishment.id} />
          <Revenue establishmentId={establishment.id} />
        </>
      )}
    </ManagerLayout>
  );
}

function Payout({ establishment }: { establishment: EstablishmentView }) {
  const { busy, error, run } = useAction();
  const onboard = () =>
    run(async () => window.location.assign((await startPayoutOnboarding(establishment)).url), { leavesPage: true });
  return (
    <section className="salle-panel" aria-labelledby="versements">
      <h2 id="versements" className="salle-h4">
        Compte de versement
      </h2>
      {establishment.payoutReady ? (
        <Alert
          severity="success"
          small
          description={
            'Le compte de versement du collège est prêt\u00a0: les paiements des réservations y sont versés intégralement.'
          }
        />
      ) : (
        <>
          <Alert
            severity="warning"
            small
            className="salle-mb-2w"
            description={
              'Le compte de versement du collège n’est pas encore configuré\u00a0: les réservations payantes ne pourront pas être payées en ligne.'
            }
          />
          <Button onClick={onboard} disabled={busy}>
            Configurer le compte de versement
          </Button>
        </>
      )}
      <ProblemAlert error={error} focus={false} />
    </section>
  );
}

function Revenue({ establishmentId }: { establishmentId: string }) {
  const today = todayInParis();
  const from = `${today.slice(0, 4)}-01-01`;
  const stats = useAsync(
    (signal) => bookingApi.statistics({ from, to: today, establishmentId }, { signal }),
    [establishmentId, from, today],
  );
  const collected = useAsync(
    (signal) => collectedRevenue({ from, to: today, establishmentId }, { signal }),
    [establishmentId, from, today],
  );
  const heatmap = useAsync(
    (signal) => bookingApi.statisticsHeatmap({ from, to: today, establishmentId }, { signal }),
    [establishmentId, from, today],
  );
  if (stats.loading) return <Loading label="Calcul des recettes…" />;
  if (stats.error || !stats.data) return <ProblemAlert error={stats.error} />;
  const { totals, months } = stats.data;
  return (
    <section aria-labelledby="recettes">
      <h2 id="recettes" className="salle-h4">
        Recettes depuis le 1er janvier
      </h2>
      <p>
        <strong>{formatEuros(totals.revenueCents)}</strong> pour {totals.bookings} réservation
        {totals.bookings > 1 ? 's' : ''} confirmée{totals.bookings > 1 ? 's' : ''} (
        {totals.bookedHours.toLocaleString('fr-FR')}&nbsp;h).
      </p>
      {collected.data && (
        <p>
          Encaissé&nbsp;: <strong>{formatEuros(collected.data.totals.collectedCents)}</strong>, remboursé&nbsp;:{' '}
          <strong>{formatEuros(collected.data.totals.refundedCents)}</strong>.{' '}
          <a className="salle-link" href={collectedRevenueCsvUrl(from, today, establishmentId)} download>
            Télécharger les montants encaissés et remboursés (CSV)
          </a>
        </p>
      )}
      <BarChart
        title="Recettes par mois"
        bars={months.map((month) => ({
          label: formatShortMonth(month.month),
          fullLabel: formatMonth(month.month),
          value: month.revenueCents,
        }))}
        format={formatEuros}
      />
      <FiguresTable
        caption="Détail par mois"
        rows={months}
        rowKey={(month) => month.month}
        columns={[
          { header: 'Mois', cell: (month) => formatMonth(month.month) },
          ...figureColumns<(typeof months)[number]>(false),
        ]}
      />
      <a className="salle-link" href={bookingDownloads.statisticsCsv(from, today, establishmentId)} download>
        Télécharger le détail (CSV)
      </a>
      {heatmap.data && (
        <BookedHoursHeatmap
          heatmap={heatmap.data}
          csvUrl={bookingDownloads.statisticsHeatmapCsv(from, today, establishmentId)}
        />
      )}
    </section>
  );
}
