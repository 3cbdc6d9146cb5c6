import { useState } from 'react';
import type { OrganisationView } from '@salle/contracts';
import { bookingApi } from '../../api/booking-api';
import { readAllPages } from '../../api/all-pages';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { Alert, Button } from '../../ui';

/**
 * The rejected organisations, for a département admin to delete one now instead of waiting for its retention
 * (BOOKING_REJECTED_ORGANISATION_DELETE_AFTER_YEARS): its members, invitations, claims and insurance certificates go
 * with it. One that booked is kept for its bookings: the service refuses (409), and its problem is shown.
 */
export function RejectedOrganisations() {
  const rejected = useAsync(
    (signal) =>
      readAllPages((page, pageSize) => bookingApi.organisations({ status: 'rejected', page, pageSize }, { signal })),
    [],
  );
  const [deleted, setDeleted] = useState<Record<string, string>>({});
  const remaining = (rejected.data ?? []).filter((organisation) => !deleted[organisation.id]);
  return (
    <section aria-labelledby="organisations-refusees" className="salle-mt-5w">
      <h2 id="organisations-refusees">Organisations refusées</h2>
      <p>
        Une organisation refusée qui n’a jamais réservé est supprimée automatiquement après la durée de conservation
        indiquée sur la page «&nbsp;Données personnelles&nbsp;». Vous pouvez la supprimer dès maintenant&nbsp;; celle
        qui a réservé est gardée pour ses réservations.
      </p>
      {rejected.loading && <Loading label="Chargement des organisations refusées…" />}
      <ProblemAlert error={rejected.error} />
      {Object.entries(deleted).map(([id, message]) => (
        <Alert key={id} severity="success" small className="salle-mb-2w" description={message} />
      ))}
      {rejected.data && (
        <p role="status">
          {remaining.length === 0
            ? 'Aucune organisation refusée.'
            : `${remaining.length} organisation${remaining.length > 1 ? 's' : ''} refusée${remaining.length > 1 ? 's' : ''}.`}
        </p>
      )}
      {remaining.map((organisation) => (
        <RejectedCard
          key={organisation.id}
          organisation={organisation}
          onDeleted={(message) => setDeleted((current) => ({ ...current, [organisation.id]: message }))}
        />
      ))}
    </section>
  );
}

function RejectedCard({
  organisation,
  onDeleted,
}: {
  organisation: OrganisationView;
  onDeleted: (message: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const titleId = `refusee-${organisation.id}`;
  const remove = () =>
    void run(async () => {
      await bookingApi.deleteOrganisation(organisation.id);
      onDeleted(`${organisation.name}\u00a0: supprimée, avec ses membres et ses documents.`);
    });
  return (
    <article className="salle-panel" aria-labelledby={titleId}>
      <h3 id={titleId} className="salle-h5">
        {organisation.name}
      </h3>
      {organisation.rejectionReason && <p>Motif du refus&nbsp;: {organisation.rejectionReason}</p>}
      <ProblemAlert error={error} />
      {confirming ? (
        <>
          <p>
            Supprimer définitivement {organisation.name}, ses membres, ses invitations et ses attestations
            d’assurance&nbsp;?
          </p>
          <ul className="salle-btns-group salle-btns-group--inline-sm">
            <li>
              <Button disabled={busy} onClick={remove}>
                Confirmer la suppression<span className="salle-sr-only"> de {organisation.name}</span>
              </Button>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setConfirming(false)}>
                Retour
              </Button>
            </li>
          </ul>
        </>
      ) : (
        <Button priority="secondary" onClick={() => setConfirming(true)}>
          Supprimer<span className="salle-sr-only"> {organisation.name}</span>
        </Button>
      )}
    </article>
  );
}
