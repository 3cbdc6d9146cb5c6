import type { ConventionDocumentKind } from '@salle/contracts';
import { followUpApi } from '../../api/follow-up-api';
import { Link } from '../../app/router';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../lib/paris-time';
import { ConventionDelegations } from './convention-delegations';

const DOCUMENT_LABELS: Record<ConventionDocumentKind, string> = {
  convention: 'Convention',
  annex: 'Annexe',
  framework: 'Convention-cadre',
};

/**
 * « Conventions à signer »: the conventions signed by their organisation and collège that wait for the
 * département, soonest session first; each opens its booking, where an admin holding the delegation signs. Below,
 * who holds that delegation (granted and withdrawn there).
 */
export function ConventionsToSignPage() {
  const list = useAsync((signal) => followUpApi.conventionsToSign({ signal }), []);
  return (
    <>
      <h1>Conventions à signer</h1>
      <p>
        Les conventions déjà signées par l’organisation et par le collège, qui attendent la signature du département.
        Seul un agent titulaire de la délégation de signature peut les signer.
      </p>
      {list.loading && <Loading label="Chargement des conventions…" />}
      <ProblemAlert error={list.error} focus={false} />
      {list.data &&
        (list.data.items.length ? (
          <ul>
            {list.data.items.map((item) => (
              <li key={`${item.document}-${item.reference}`} className="salle-mb-1w">
                <Link href={`/reservations/${item.bookingId}`}>
                  {DOCUMENT_LABELS[item.document]} {item.reference}
                </Link>
                {` – ${item.organisationName}, ${item.spaceName} du ${item.establishmentName}, `}
                {item.sessions > 1
                  ? `${item.sessions} séances à partir du ${formatDateTime(item.firstStartsAt)}`
                  : `le ${formatDateTime(item.firstStartsAt)}`}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune convention n’attend la signature du département.</p>
        ))}
      <ConventionDelegations />
    </>
  );
}
