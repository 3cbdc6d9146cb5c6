import type { ReconciliationReport } from '@salle/contracts';
import { allEstablishments } from '../../api/establishment-list';
import type { RequestOptions } from '../../api/api-client';
import { ledgerCsvUrl, reconciliation } from '../../api/payment-api';
import { Link } from '../../app/router';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { formatEuros } from '../../lib/money';
import {
  collegeBalanced,
  collegeGaps,
  reconciliationByCollege,
  type CollegeReconciliation,
} from '../../lib/reconciliation-summary';
import { Alert, Badge, ResponsiveTable, type TableColumn } from '../../ui';

type Payout = ReconciliationReport['payouts'][number];
type Suspense = ReconciliationReport['suspense'][number];

/** Every collège's name by id. */
async function collegeNames(options: RequestOptions): Promise<Map<string, string>> {
  return new Map((await allEstablishments(options)).map((establishment) => [establishment.id, establishment.name]));
}

/** What does not add up, as the payment service words it (technical English, for the team that investigates). */
function Issues({ issues }: { issues: readonly string[] }) {
  if (issues.length === 0)
    return (
      <Badge severity="success" small as="span">
        Équilibré
      </Badge>
    );
  return (
    <>
      <Badge severity="error" small as="span">
        {gaps(issues.length)}
      </Badge>
      <ul className="salle-mt-1w">
        {issues.map((issue) => (
          <li key={issue} lang="en">
            {issue}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The ledger reconciled per collège and payout, and each collège's ledger as CSV, for the département's admins. */
export function ReconciliationPage() {
  const report = useAsync((signal) => reconciliation({ signal }), []);
  const names = useAsync((signal) => collegeNames({ signal }), []);
  const nameOf = (id: string) => names.data?.get(id) ?? 'Collège inconnu';
  return (
    <>
      <h1>Rapprochement et grand livre</h1>
      <p>
        Le grand livre des paiements vérifié réservation par réservation, paiement de période de série par paiement,
        versement par versement, et le compte d’attente des sommes reçues sans réservation connue. Chaque collège a son
        grand livre en CSV (paiements, frais, remboursements).
      </p>
      {(report.loading || names.loading) && <Loading label="Vérification du grand livre…" />}
      <ProblemAlert error={report.error ?? names.error} />
      {report.data && names.data && <Report report={report.data} nameOf={nameOf} />}
    </>
  );
}

/** « 1 écart », « 2 écarts ». */
const gaps = (count: number) => `${count} écart${count > 1 ? 's' : ''}`;

function collegeColumns(nameOf: (id: string) => string): TableColumn<CollegeReconciliation>[] {
  return [
    { header: 'Collège', cell: (line) => nameOf(line.establishmentId) },
    { header: 'Réservations payées', cell: (line) => line.bookings },
    { header: 'Périodes de séries payées', cell: (line) => line.periods },
    { header: 'Encaissé', cell: (line) => formatEuros(line.grossCents) },
    { header: 'Remboursé', cell: (line) => formatEuros(line.refundedCents) },
    { header: 'Part du collège', cell: (line) => formatEuros(line.establishmentShareCents) },
    { header: 'Versements', cell: (line) => line.payouts },
    {
      header: 'État',
      cell: (line) => (
        <Badge severity={collegeBalanced(line) ? 'success' : 'error'} small as="span">
          {collegeBalanced(line) ? 'Équilibré' : gaps(collegeGaps(line))}
        </Badge>
      ),
    },
    {
      header: 'Grand livre',
      cell: (line) => (
        <a href={ledgerCsvUrl(line.establishmentId)} download>
          CSV<span className="salle-sr-only"> du grand livre de {nameOf(line.establishmentId)}</span>
        </a>
      ),
    },
  ];
}

function payoutColumns(nameOf: (id: string) => string): TableColumn<Payout>[] {
  return [
    { header: 'Versement', cell: (payout) => payout.payoutId },
    { header: 'Collège', cell: (payout) => nameOf(payout.establishmentId) },
    { header: 'Montant versé', cell: (payout) => formatEuros(payout.amountCents) },
    { header: 'Montant des lignes', cell: (payout) => formatEuros(payout.itemsCents) },
    { header: 'État', cell: (payout) => <Issues issues={payout.issues} /> },
  ];
}

const suspenseColumns: TableColumn<Suspense>[] = [
  { header: 'Paiement', cell: (line) => line.paymentId },
  {
    header: 'Réservation',
    cell: (line) => (line.bookingId ? <Link href={`/reservations/${line.bookingId}`}>Voir</Link> : 'Inconnue'),
  },
  { header: 'Reçu', cell: (line) => formatEuros(line.grossCents) },
  { header: 'Remboursé', cell: (line) => formatEuros(line.refundedCents) },
  { header: 'État', cell: (line) => <Issues issues={line.issues} /> },
];

function Report({ report, nameOf }: { report: ReconciliationReport; nameOf: (id: string) => string }) {
  const colleges = reconciliationByCollege(report, nameOf);
  const unbalanced = report.bookings.filter((booking) => booking.issues.length > 0);
  const unbalancedPeriods = report.periods.filter((period) => period.issues.length > 0);
  return (
    <>
      {report.ok ? (
        <Alert
          severity="success"
          className="salle-mb-3w"
          title="Le grand livre est équilibré"
          description="Chaque réservation, chaque versement et le compte d’attente s’additionnent."
        />
      ) : (
        <Alert
          severity="warning"
          className="salle-mb-3w"
          title="Des écarts sont à examiner"
          description="Les lignes marquées « écart » ne s’additionnent pas. Transmettez leur détail à l’équipe technique."
        />
      )}
      <h2>Par collège</h2>
      {colleges.length === 0 ? (
        <p>Aucun paiement enregistré.</p>
      ) : (
        <ResponsiveTable
          caption="Rapprochement par collège"
          captionHidden
          rows={colleges}
          rowKey={(line) => line.establishmentId}
          columns={collegeColumns(nameOf)}
        />
      )}
      {unbalanced.length > 0 && (
        <>
          <h2>Réservations en écart</h2>
          <ul>
            {unbalanced.map((booking) => (
              <li key={booking.bookingId}>
                <Link href={`/reservations/${booking.bookingId}`}>Réservation</Link> ({nameOf(booking.establishmentId)})
                <Issues issues={booking.issues} />
              </li>
            ))}
          </ul>
        </>
      )}
      {unbalancedPeriods.length > 0 && (
        <>
          <h2>Paiements de période en écart</h2>
          <ul>
            {unbalancedPeriods.map((period) => (
              <li key={period.paymentId}>
                <Link href={`/series/${period.seriesId}`}>Série, période {period.periodKey}</Link> (
                {nameOf(period.establishmentId)}, paiement {period.paymentId})
                <Issues issues={period.issues} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Versements aux collèges</h2>
      {report.payouts.length === 0 ? (
        <p>Aucun versement enregistré.</p>
      ) : (
        <ResponsiveTable
          caption="Versements aux collèges"
          captionHidden
          rows={report.payouts}
          rowKey={(payout) => payout.payoutId}
          columns={payoutColumns(nameOf)}
        />
      )}
      <h2>Compte d’attente</h2>
      {report.suspense.length === 0 ? (
        <p>Aucune somme reçue sans réservation connue.</p>
      ) : (
        <ResponsiveTable
          caption="Compte d’attente"
          captionHidden
          rows={report.suspense}
          rowKey={(line) => line.paymentId}
          columns={suspenseColumns}
        />
      )}
    </>
  );
}
