import type { OrganisationView } from '@salle/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import { readAllPages } from '../../api/all-pages';
import { TextAreaField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { mapFieldErrors } from '../../lib/form-errors';
import { RENTER_CATEGORY_LABELS } from '../../lib/labels';
import { formatDate, todayInParis } from '../../lib/paris-time';
import { Alert, Button } from '../../ui';
import { ClaimQueue } from './claim-queue';
import { RegisterCheckPanel } from './register-check-panel';
import { RejectedOrganisations } from './rejected-organisations';

export function OrganisationQueuePage() {
  // The whole queue: the count says how many wait, and none past the first hundred is left out.
  const queue = useAsync(
    (signal) =>
      readAllPages((page, pageSize) => bookingApi.organisations({ status: 'pending', page, pageSize }, { signal })),
    [],
  );
  const [done, setDone] = useState<Record<string, string>>({});
  const pending = (queue.data ?? []).filter((organisation) => !done[organisation.id]);
  // The decided card goes away with the button that had the focus: the focus goes to what was done.
  const [outcomeRef, focusOutcomeSoon] = useFocusAfterRender<HTMLDivElement>();
  return (
    <>
      <h1>Organisations à vérifier</h1>
      <p>
        Vérifiez le numéro RNA ou SIREN (annuaire des entreprises, répertoire des associations) et l’assurance avant de
        valider.
      </p>
      {queue.loading && <Loading label="Chargement des organisations…" />}
      <ProblemAlert error={queue.error} />
      <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target">
        {Object.entries(done).map(([id, message]) => (
          <Alert key={id} severity="success" small className="salle-mb-2w" description={message} />
        ))}
        {queue.data && (
          <p role="status">
            {pending.length === 0
              ? 'Aucune organisation en attente.'
              : `${pending.length} organisation${pending.length > 1 ? 's' : ''} en attente.`}
          </p>
        )}
      </div>
      {pending.map((organisation) => (
        <OrganisationCard
          key={organisation.id}
          organisation={organisation}
          onDone={(message) => {
            setDone((current) => ({ ...current, [organisation.id]: message }));
            focusOutcomeSoon();
          }}
        />
      ))}
      <ClaimQueue />
      <RejectedOrganisations />
    </>
  );
}

function OrganisationCard({
  organisation,
  onDone,
}: {
  organisation: OrganisationView;
  onDone: (message: string) => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const formId = `rejet-${organisation.id}`;
  const act = (verify: boolean) => {
    if (!verify && reason.trim().length < 3) {
      return setError(
        new ApiError({
          title: 'Indiquez le motif du refus.',
          status: 400,
          code: 'validation_failed',
          errors: [{ field: 'reason', message: 'indiquez le motif du refus (3 caractères au moins)' }],
        }),
      );
    }
    return run(async () => {
      if (verify) await bookingApi.verifyOrganisation(organisation.id);
      else await bookingApi.rejectOrganisation(organisation.id, reason.trim());
      onDone(`${organisation.name}\u00a0: ${verify ? 'vérifiée' : 'refusée'}.`);
    });
  };
  const expired = organisation.insuranceExpiresOn < todayInParis();
  return (
    <article className="salle-panel" aria-labelledby={`org-${organisation.id}`}>
      <h2 id={`org-${organisation.id}`} className="salle-h5">
        {organisation.name}
      </h2>
      <ul>
        <li>{RENTER_CATEGORY_LABELS[organisation.kind]}</li>
        <li>{organisation.rna ? `RNA ${organisation.rna}` : `SIREN ${organisation.siren ?? '—'}`}</li>
        <li>
          {organisation.address ? `${organisation.address}, ` : ''}
          {organisation.postalCode} {organisation.communeName}
        </li>
        <li>
          Assurance {organisation.insuranceReference}, jusqu’au {formatDate(organisation.insuranceExpiresOn)}
          {expired && <strong> (expirée)</strong>}
        </li>
      </ul>
      <RegisterCheckPanel organisation={organisation} />
      <ProblemAlert error={error} form={{ id: formId, fields: { reason: 'Motif du refus' } }} />
      {rejecting ? (
        <form
          id={formId}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void act(false);
          }}
        >
          <TextAreaField
            formId={formId}
            name="reason"
            label="Motif du refus"
            hint="Transmis à l’organisation"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={mapFieldErrors(error?.fieldErrors, ['reason']).byField['reason']}
            autoFocus
          />
          <ul className="salle-btns-group salle-btns-group--inline-sm">
            <li>
              <Button type="submit" disabled={busy}>
                Confirmer le refus
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setRejecting(false)}>
                Retour
              </Button>
            </li>
          </ul>
        </form>
      ) : (
        <ul className="salle-btns-group salle-btns-group--inline-sm">
          <li>
            <Button onClick={() => void act(true)} disabled={busy}>
              Valider<span className="salle-sr-only"> {organisation.name}</span>
            </Button>
          </li>
          <li>
            <Button priority="secondary" onClick={() => setRejecting(true)}>
              Refuser<span className="salle-sr-only"> {organisation.name}</span>
            </Button>
          </li>
        </ul>
      )}
    </article>
  );
}
