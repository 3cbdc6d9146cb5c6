import type { ErasureRequestView } from '@salle/contracts';
import { erasureRequests, executeErasure } from '../../api/personal-data-api';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../lib/paris-time';
import { ResponsiveTable } from '../../ui';

/** The kinds of records a service may keep, as admins read them. */
const KEPT_LABELS: Record<string, string> = {
  bookings: 'réservations',
  payments: 'paiements',
  invoices: 'factures',
  convention_signatures: 'signatures de convention',
};

/** What the services kept of an erased account: each kind, until when, and the legal obligation that keeps it. */
function KeptRecords({ request }: { request: ErasureRequestView }) {
  const kept = Object.values(request.report ?? {}).flatMap((report) => report.kept);
  if (kept.length === 0) return <>Rien de conservé.</>;
  return (
    <ul>
      {kept.map((record) => (
        <li key={`${record.what}-${record.keptUntil}`}>
          {record.count} {KEPT_LABELS[record.what] ?? record.what} jusqu’au {formatDate(record.keptUntil)}&nbsp;:{' '}
          {record.reason}
        </li>
      ))}
    </ul>
  );
}

/** The erasure requests, open ones first by deadline, for the département's admins to execute. */
export function ErasureRequestsPage() {
  const requests = useAsync((signal) => erasureRequests(signal), []);
  const action = useAction();
  const items = requests.data?.items ?? [];
  const execute = (request: ErasureRequestView) => {
    if (!window.confirm('Supprimer définitivement ce compte et ses données\u00a0?')) return;
    void action.run(async () => {
      await executeErasure(request.id);
      requests.reload();
    });
  };
  return (
    <>
      <h1>Demandes de suppression de compte</h1>
      <p>
        Chaque demande doit être traitée dans le mois. La suppression efface les données de la personne dans chaque
        service&nbsp;; ce que la loi impose de garder (pièces comptables sans son nom, signatures de conventions comme
        preuve) est conservé jusqu’à la date indiquée, avec sa raison.
      </p>
      {requests.loading && <Loading label="Chargement des demandes…" />}
      <ProblemAlert error={requests.error ?? action.error} />
      {requests.data && items.length === 0 && <p role="status">Aucune demande de suppression.</p>}
      {items.length > 0 && (
        <ResponsiveTable
          caption="Demandes de suppression de compte"
          captionHidden
          rows={items}
          rowKey={(request) => request.id}
          columns={[
            { header: 'Compte', cell: (request) => request.accountId },
            { header: 'Demandée le', cell: (request) => formatDate(request.requestedAt) },
            { header: 'À traiter avant le', cell: (request) => formatDate(request.deadlineAt) },
            {
              header: 'État',
              cell: (request) =>
                request.executedAt ? (
                  <>
                    Supprimé le {formatDate(request.executedAt)}. <KeptRecords request={request} />
                  </>
                ) : (
                  <button
                    type="button"
                    className="salle-btn salle-btn--small"
                    disabled={action.busy}
                    onClick={() => execute(request)}
                  >
                    Supprimer le compte
                  </button>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
