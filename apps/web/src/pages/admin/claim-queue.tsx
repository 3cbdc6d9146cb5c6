import { useState } from 'react';
import type { ClaimView } from '@salle/contracts';
import { bookingApi } from '../../api/booking-api';
import { TextAreaField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { mapFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/paris-time';
import { Alert, Button } from '../../ui';

/**
 * Claims on a number a verified organisation holds, for the département to arbitrate: granted, the holder is
 * rejected with the reason and the claimant may declare the number; dismissed, the holder keeps it.
 */
export function ClaimQueue() {
  const claims = useAsync((signal) => bookingApi.claims('pending', { signal }), []);
  const [decided, setDecided] = useState<Record<string, string>>({});
  const pending = (claims.data?.items ?? []).filter((claim) => !decided[claim.id]);
  return (
    <section aria-labelledby="contestations" className="salle-mt-5w">
      <h2 id="contestations">Contestations de numéro</h2>
      {claims.loading && <Loading label="Chargement des contestations…" />}
      <ProblemAlert error={claims.error} />
      {Object.entries(decided).map(([id, message]) => (
        <Alert key={id} severity="success" small className="salle-mb-2w" description={message} />
      ))}
      {claims.data && (
        <p role="status">
          {pending.length === 0
            ? 'Aucune contestation en attente.'
            : `${pending.length} contestation${pending.length > 1 ? 's' : ''} en attente.`}
        </p>
      )}
      {pending.map((claim) => (
        <ClaimCard
          key={claim.id}
          claim={claim}
          onDecided={(message) => setDecided((current) => ({ ...current, [claim.id]: message }))}
        />
      ))}
    </section>
  );
}

function ClaimCard({ claim, onDecided }: { claim: ClaimView; onDecided: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const formId = `contestation-${claim.id}`;
  const decide = (grant: boolean) =>
    void run(async () => {
      await bookingApi.decideClaim(claim.id, grant, reason);
      onDecided(
        grant
          ? `Numéro ${claim.number}\u00a0: ${claim.organisation.name} est refusée, ${claim.claimantDisplayName} peut le déclarer.`
          : `Numéro ${claim.number}\u00a0: la contestation de ${claim.claimantDisplayName} est rejetée.`,
      );
    });
  return (
    <article className="salle-panel" aria-labelledby={`${formId}-titre`}>
      <h3 id={`${formId}-titre`} className="salle-h5">
        Numéro {claim.number}, détenu par {claim.organisation.name}
      </h3>
      <p>
        {claim.claimantDisplayName} le conteste, le {formatDate(claim.createdAt)}&nbsp;:
      </p>
      <blockquote>{claim.statement}</blockquote>
      <form id={formId} noValidate onSubmit={(event) => event.preventDefault()}>
        <ProblemAlert error={error} form={{ id: formId, fields: { reason: 'Motif de la décision' } }} />
        <TextAreaField
          formId={formId}
          name="reason"
          label="Motif de la décision"
          hint="Transmis aux deux organisations (3 caractères au moins)"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={mapFieldErrors(error?.fieldErrors, ['reason']).byField['reason']}
        />
        <ul className="salle-btns-group salle-btns-group--inline-sm">
          <li>
            <Button disabled={busy} onClick={() => decide(true)}>
              Donner raison au demandeur<span className="salle-sr-only"> pour le numéro {claim.number}</span>
            </Button>
          </li>
          <li>
            <Button priority="secondary" disabled={busy} onClick={() => decide(false)}>
              Rejeter la contestation<span className="salle-sr-only"> sur le numéro {claim.number}</span>
            </Button>
          </li>
        </ul>
      </form>
    </article>
  );
}
