import type { EstablishmentStatistics, MonthStatistics, RevenueView, StatisticsView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { bookingApi, bookingDownloads } from '../../api/booking-api';
import { collectedRevenue, collectedRevenueCsvUrl } from '../../api/payment-api';
import { navigate, useLocation } from '../../app/router';
import { BarChart } from '../../components/bar-chart';
import { BookedHoursHeatmap } from '../../components/booked-hours-heatmap';
import { FiguresTable, figureColumns } from '../../components/figures-table';
import { fieldId } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { mapFieldErrors } from '../../lib/form-errors';
import { formatEuros } from '../../lib/money';
import { formatDate, formatMonth, formatShortMonth, todayInParis } from '../../lib/paris-time';
import { Button } from '../../ui';
import { DateField } from '../../ui/date-time-fields';

const FORM_ID = 'periode';

export function StatisticsPage() {
  const location = useLocation();
  const today = todayInParis();
  const from = location.search.get('du') ?? `${today.slice(0, 4)}-01-01`;
  const to = location.search.get('au') ?? today;
  const [period, setPeriod] = useState({ from, to });
  const stats = useAsync((signal) => bookingApi.statistics({ from, to }, { signal }), [from, to]);
  // From the payment service: what came in and went back, beside what booking billed.
  const collected = useAsync((signal) => collectedRevenue({ from, to }, { signal }), [from, to]);
  const heatmap = useAsync((signal) => bookingApi.statisticsHeatmap({ from, to }, { signal }), [from, to]);
  const errors = mapFieldErrors(stats.error?.fieldErrors, ['from', 'to']).byField;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/admin/statistiques?${new URLSearchParams({ du: period.from, au: period.to }).toString()}`, {
      keepScroll: true,
    });
  };
  return (
    <>
      <h1>Statistiques</h1>
      <form id={FORM_ID} onSubmit={submit} noValidate className="salle-mb-3w">
        <div className="salle-grid-row salle-grid-row--gutters salle-grid-row--bottom">
          <div className="salle-col-6 salle-col-md-4">
            <DateField
              id={fieldId(FORM_ID, 'from')}
              name="from"
              label="Du"
              value={period.from}
              onChange={(value) => setPeriod({ ...period, from: value })}
              error={errors['from']}
            />
          </div>
          <div className="salle-col-6 salle-col-md-4">
            <DateField
              id={fieldId(FORM_ID, 'to')}
              name="to"
              label="Au"
              value={period.to}
              onChange={(value) => setPeriod({ ...period, to: value })}
              error={errors['to']}
            />
          </div>
          <div className="salle-col-12 salle-col-md-4">
            <Button type="submit">Afficher</Button>
          </div>
        </div>
      </form>
      {stats.loading && <Loading label="Calcul des statistiques…" />}
      <ProblemAlert error={stats.error} form={{ id: FORM_ID, fields: { from: 'Du', to: 'Au' } }} />
      {!stats.loading && stats.data && (
        <>
          <Report stats={stats.data} collected={collected.data ?? null} />
          {heatmap.data && (
            <BookedHoursHeatmap heatmap={heatmap.data} csvUrl={bookingDownloads.statisticsHeatmapCsv(from, to)} />
          )}
          {collected.error && (
            <p className="salle-text--sm">
              Les montants encaissés et remboursés sont momentanément indisponibles&nbsp;: seules les recettes facturées
              sont affichées.
            </p>
          )}
        </>
      )}
    </>
  );
}

/** A collège's row with the money the payment service saw for it (none when it holds nothing for the collège). */
type EstablishmentRow = EstablishmentStatistics & { collectedCents: number; refundedCents: number };

function withCollected(establishments: EstablishmentStatistics[], collected: RevenueView | null): EstablishmentRow[] {
  const byId = new Map(collected?.establishments.map((row) => [row.establishmentId, row]));
  return establishments.map((item) => ({
    ...item,
    collectedCents: byId.get(item.establishmentId)?.collectedCents ?? 0,
    refundedCents: byId.get(item.establishmentId)?.refundedCents ?? 0,
  }));
}

function Report({ stats, collected }: { stats: StatisticsView; collected: RevenueView | null }) {
  const { totals, months, establishments } = stats;
  const tiles = [
    { label: 'Réservations confirmées', value: totals.bookings.toLocaleString('fr-FR') },
    { label: 'Heures réservées', value: `${totals.bookedHours.toLocaleString('fr-FR')}\u00a0h` },
    { label: 'Recettes facturées', value: formatEuros(totals.revenueCents) },
    ...(collected
      ? [
          { label: 'Encaissé', value: formatEuros(collected.totals.collectedCents) },
          { label: 'Remboursé', value: formatEuros(collected.totals.refundedCents) },
        ]
      : []),
    {
      label: 'Taux d’occupation',
      value:
        totals.occupancy === null
          ? '—'
          : `${(Math.round(totals.occupancy * 1000) / 10).toLocaleString('fr-FR')}\u00a0%`,
    },
  ];
  const ranked = withCollected(establishments, collected).sort((a, b) => b.revenueCents - a.revenueCents);
  return (
    <>
      <h2 className="salle-h4">
        Du {formatDate(stats.from)} au {formatDate(stats.to)}
      </h2>
      <div className="salle-grid-row salle-grid-row--gutters salle-mb-3w">
        {tiles.map((tile) => (
          <div key={tile.label} className="salle-col-6 salle-col-md-4">
            <div className="salle-panel">
              <p className="salle-text--sm salle-mb-1v">{tile.label}</p>
              <p className="salle-h4 salle-mb-0">{tile.value}</p>
            </div>
          </div>
        ))}
      </div>
      <div className="salle-grid-row salle-grid-row--gutters">
        <div className="salle-col-12">
          <BarChart
            title="Réservations par mois"
            bars={months.map((month) => ({
              label: formatShortMonth(month.month),
              fullLabel: formatMonth(month.month),
              value: month.bookings,
            }))}
            format={(value) => value.toLocaleString('fr-FR')}
          />
        </div>
        <div className="salle-col-12">
          <BarChart
            title="Heures réservées par mois"
            bars={months.map((month) => ({
              label: formatShortMonth(month.month),
              fullLabel: formatMonth(month.month),
              value: month.bookedHours,
            }))}
            format={(value) => `${Math.round(value).toLocaleString('fr-FR')}\u00a0h`}
          />
        </div>
        <div className="salle-col-12">
          <BarChart
            title="Recettes par mois"
            bars={months.map((month) => ({
              label: formatShortMonth(month.month),
              fullLabel: formatMonth(month.month),
              value: month.revenueCents,
            }))}
            format={(value) => formatEuros(Math.round(value / 100) * 100)}
          />
        </div>
      </div>
      <FiguresTable
        caption="Par mois"
        rows={months}
        rowKey={(month) => month.month}
        columns={[
          { header: 'Mois', cell: (month) => formatMonth(month.month) },
          ...figureColumns<MonthStatistics>(true),
        ]}
      />
      <FiguresTable
        caption="Par collège, par recettes décroissantes"
        rows={ranked}
        rowKey={(item) => item.establishmentId}
        columns={[
          { header: 'Collège', cell: (item) => item.name },
          { header: 'Commune', cell: (item) => item.communeName },
          ...figureColumns<EstablishmentRow>(true),
          ...(collected
            ? [
                { header: 'Encaissé', cell: (item: EstablishmentRow) => formatEuros(item.collectedCents) },
                { header: 'Remboursé', cell: (item: EstablishmentRow) => formatEuros(item.refundedCents) },
              ]
            : []),
        ]}
      />
      <ul>
        <li>
          <a className="salle-link" href={bookingDownloads.statisticsCsv(stats.from, stats.to)} download>
            Télécharger les statistiques (CSV)
          </a>
        </li>
        <li>
          <a className="salle-link" href={collectedRevenueCsvUrl(stats.from, stats.to)} download>
            Télécharger les montants encaissés et remboursés par collège (CSV)
          </a>
        </li>
      </ul>
    </>
  );
}
