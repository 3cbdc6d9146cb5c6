import { CONVENTION_CONSENT } from '@salle/contracts/browser';
import { type ConventionSignatureView, type ConventionSigningStep, type ConventionSigningView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { bookingApi } from '../../api/booking-api';
import { followUpApi } from '../../api/follow-up-api';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { formatDateTime } from '../../lib/paris-time';
import { Button, SingleCheckbox } from '../../ui';

const STEP_LABELS: Record<ConventionSigningStep, string> = {
  organisation: 'l’organisation',
  establishment: 'le collège',
  department: 'le département',
};

const METHOD_LABELS: Record<ConventionSignatureView['method'], string> = {
  franceconnect: 'FranceConnect',
  proconnect: 'ProConnect',
  standing_delegation: 'délégation permanente',
};

function statusText(view: ConventionSigningView): string {
  if (view.status === 'signed') return 'Convention signée par toutes les parties.';
  if (view.nextStep) return `En attente de la signature pour ${STEP_LABELS[view.nextStep]}.`;
  return 'Signature en cours.';
}

/**
 * The « Convention » section of a booking (or of its series): the document, its signatures so far (who, when, how),
 * where it stands, and for the one whose turn it is an explicit consent and « Signer la convention ». A draft (before
 * approval, or of a refused, expired or cancelled request) is labelled as without value.
 */
export function ConventionPanel({ bookingId }: { bookingId: string }) {
  const signing = useAsync((signal) => followUpApi.conventionSigning(bookingId, { signal }), [bookingId]);
  const view = signing.data;
  if (!view || view.status === 'off') return null;
  return (
    <section aria-labelledby="convention-titre" className="salle-my-4w">
      <h2 id="convention-titre" className="salle-h4">
        Convention
      </h2>
      {view.status === 'draft' ? (
        <p>
          <strong>Projet non signé — sans valeur.</strong>{' '}
          <a href={bookingApi.conventionUrl(bookingId)} download>
            Télécharger le projet (PDF)
          </a>
        </p>
      ) : (
        <IssuedConvention bookingId={bookingId} view={view} onSigned={signing.reload} />
      )}
    </section>
  );
}

function IssuedConvention({
  bookingId,
  view,
  onSigned,
}: {
  bookingId: string;
  view: ConventionSigningView;
  onSigned: () => void;
}) {
  const [outcome, focusOutcome] = useFocusAfterRender<HTMLParagraphElement>();
  return (
    <>
      <p ref={outcome} tabIndex={-1} role="status">
        {statusText(view)}
      </p>
      <ul className="salle-btns-group salle-btns-group--inline-md">
        <li>
          <a className="salle-btn salle-btn--secondary" href={bookingApi.conventionUrl(bookingId)} download>
            Lire la convention (PDF)
          </a>
        </li>
        {view.status === 'signed' && (
          <>
            <li>
              <a className="salle-btn salle-btn--secondary" href={followUpApi.signedConventionUrl(bookingId)} download>
                Convention signée (PDF)
              </a>
            </li>
            <li>
              <a
                className="salle-btn salle-btn--secondary"
                href={followUpApi.conventionEvidenceUrl(bookingId)}
                download
              >
                Fichier de preuve (JSON)
              </a>
            </li>
          </>
        )}
      </ul>
      {view.signatures.length > 0 && (
        <ul aria-label="Signatures">
          {view.signatures.map((signature) => (
            <li key={signature.step}>
              Pour {STEP_LABELS[signature.step]}, {signature.displayName}, le {formatDateTime(signature.signedAt)} (
              {METHOD_LABELS[signature.method]}
              {signature.assuranceLevel ? `, ${signature.assuranceLevel}` : ''})
            </li>
          ))}
        </ul>
      )}
      {view.canSign && view.documentSha256 && (
        <SignForm
          bookingId={bookingId}
          documentSha256={view.documentSha256}
          onSigned={() => {
            onSigned();
            focusOutcome();
          }}
        />
      )}
    </>
  );
}

function SignForm({
  bookingId,
  documentSha256,
  onSigned,
}: {
  bookingId: string;
  documentSha256: string;
  onSigned: () => void;
}) {
  const { busy, error, run } = useAction();
  const [consent, setConsent] = useState(false);
  const [missing, setMissing] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!consent);
    if (!consent) return;
    if (await run(() => followUpApi.signConvention(bookingId, documentSha256))) onSigned();
  };
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert error={error} />
      <SingleCheckbox
        formId="convention"
        name="consent"
        label={CONVENTION_CONSENT.text}
        checked={consent}
        onChange={setConsent}
        error={missing ? 'Cochez cette case pour signer.' : undefined}
      />
      <Button type="submit" disabled={busy}>
        Signer la convention
      </Button>
    </form>
  );
}
