import { CONVENTION_CONSENT } from '@salle/contracts/browser';
import {
  type ConventionDocumentKind,
  type ConventionSignatureView,
  type ConventionSigningStep,
  type ConventionSigningView,
} from '@salle/contracts';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { bookingApi } from '../../api/booking-api';
import { followUpApi } from '../../api/follow-up-api';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { formatDate, formatDateTime } from '../../lib/paris-time';
import { Button, SingleCheckbox } from '../../ui';
import { Loading } from '../../components/loading';

// Only the collège's managers record a paper signature: its form is fetched when one opens it.
const PaperConventionForm = lazy(async () => ({
  default: (await import('./paper-convention-form')).PaperConventionForm,
}));

/** What people call each type of scan. */
const SCAN_KINDS: Record<NonNullable<ConventionSigningView['paper']>['contentType'], string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

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

/** How each document is named: as a subject (« Convention signée… »), as an object (« Signer la convention »). */
const NAMES: Record<ConventionDocumentKind, { subject: string; object: string; draft: string; formId: string }> = {
  convention: {
    subject: 'Convention',
    object: 'la convention',
    draft: 'Projet non signé — sans valeur.',
    formId: 'convention',
  },
  annex: { subject: 'Annexe', object: 'l’annexe', draft: 'Projet d’annexe non signé — sans valeur.', formId: 'annexe' },
  framework: {
    subject: 'Convention-cadre',
    object: 'la convention-cadre',
    draft: 'Projet de convention-cadre non signé — sans valeur.',
    formId: 'convention-cadre',
  },
};

/** The calls of one document: the booking's own convention (or annex), or its framework convention. */
interface DocumentCalls {
  part: 'own' | 'framework';
  documentUrl: (id: string) => string;
  signedUrl: (id: string) => string;
  evidenceUrl: (id: string) => string;
  sign: (id: string, documentSha256: string) => Promise<unknown>;
}

const OWN: DocumentCalls = {
  part: 'own',
  documentUrl: bookingApi.conventionUrl,
  signedUrl: followUpApi.signedConventionUrl,
  evidenceUrl: followUpApi.conventionEvidenceUrl,
  sign: followUpApi.signConvention,
};

const FRAMEWORK: DocumentCalls = {
  part: 'framework',
  documentUrl: followUpApi.frameworkUrl,
  signedUrl: followUpApi.signedFrameworkUrl,
  evidenceUrl: followUpApi.frameworkEvidenceUrl,
  sign: followUpApi.signFramework,
};

function statusText(view: ConventionSigningView): string {
  const { subject } = NAMES[view.document];
  if (view.paper) return `${subject} signée sur papier le ${formatDate(view.paper.signedOn)}.`;
  if (view.status === 'signed') return `${subject} signée par toutes les parties.`;
  if (view.nextStep) return `En attente de la signature pour ${STEP_LABELS[view.nextStep]}.`;
  return 'Signature en cours.';
}

/**
 * The « Convention » section of a booking (or of its series): the document, its signatures so far (who, when, how),
 * where it stands, and for the one whose turn it is an explicit consent and « Signer la convention ». A draft (before
 * approval, or of a refused, expired or cancelled request) is labelled as without value. Where the département makes
 * a framework convention per school year, the section shows it (with its year) and the booking's annex, each with
 * its own state, signature and downloads: the booking is signed once both are.
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
      {view.document === 'annex' ? (
        <>
          <p>
            Une convention-cadre par année scolaire fixe les conditions générales{'\u00a0'}; l’annexe de cette
            réservation en précise les locaux, les séances et le prix. La réservation est signée quand les deux le sont.
          </p>
          <FrameworkPart bookingId={bookingId} onSigned={signing.reload} />
          <section aria-labelledby="annexe-titre">
            <h3 id="annexe-titre" className="salle-h5">
              Annexe de la réservation
            </h3>
            <DocumentPart bookingId={bookingId} view={view} calls={OWN} onSigned={signing.reload} />
          </section>
        </>
      ) : (
        <DocumentPart bookingId={bookingId} view={view} calls={OWN} onSigned={signing.reload} />
      )}
    </section>
  );
}

function FrameworkPart({ bookingId, onSigned }: { bookingId: string; onSigned: () => void }) {
  const signing = useAsync((signal) => followUpApi.frameworkSigning(bookingId, { signal }), [bookingId]);
  const view = signing.data;
  if (!view) return null;
  return (
    <section aria-labelledby="cadre-titre">
      <h3 id="cadre-titre" className="salle-h5">
        {view.schoolYear ? `Convention-cadre de l’année scolaire ${view.schoolYear}` : 'Convention-cadre'}
      </h3>
      <DocumentPart
        bookingId={bookingId}
        view={view}
        calls={FRAMEWORK}
        onSigned={() => {
          signing.reload();
          onSigned();
        }}
      />
    </section>
  );
}

function DocumentPart(props: {
  bookingId: string;
  view: ConventionSigningView;
  calls: DocumentCalls;
  onSigned: () => void;
}) {
  const { bookingId, view, calls } = props;
  if (view.status !== 'draft') return <IssuedDocument {...props} />;
  return (
    <p>
      <strong>{NAMES[view.document].draft}</strong>{' '}
      <a href={calls.documentUrl(bookingId)} download>
        Télécharger le projet (PDF)
      </a>
    </p>
  );
}

function IssuedDocument({
  bookingId,
  view,
  calls,
  onSigned,
}: {
  bookingId: string;
  view: ConventionSigningView;
  calls: DocumentCalls;
  onSigned: () => void;
}) {
  const [outcome, focusOutcome] = useFocusAfterRender<HTMLParagraphElement>();
  const { subject, object } = NAMES[view.document];
  return (
    <>
      <p ref={outcome} tabIndex={-1} role="status">
        {statusText(view)}
      </p>
      <ul className="salle-btns-group salle-btns-group--inline-md">
        <li>
          <a className="salle-btn salle-btn--secondary" href={calls.documentUrl(bookingId)} download>
            Lire {object} (PDF)
          </a>
        </li>
        {view.paper && (
          <li>
            <a
              className="salle-btn salle-btn--secondary"
              href={followUpApi.paperScanUrl(bookingId, calls.part)}
              download
            >
              {subject} signée, numérisée ({SCAN_KINDS[view.paper.contentType]})
            </a>
          </li>
        )}
        {view.status === 'signed' && !view.paper && (
          <>
            <li>
              <a className="salle-btn salle-btn--secondary" href={calls.signedUrl(bookingId)} download>
                {subject} signée (PDF)
              </a>
            </li>
            <li>
              <a className="salle-btn salle-btn--secondary" href={calls.evidenceUrl(bookingId)} download>
                Fichier de preuve {view.document === 'convention' ? '' : `de ${object} `}(JSON)
              </a>
            </li>
          </>
        )}
      </ul>
      {view.signatures.length > 0 && (
        <ul aria-label={view.document === 'convention' ? 'Signatures' : `Signatures de ${object}`}>
          {view.signatures.map((signature) => (
            <li key={signature.step}>
              Pour {STEP_LABELS[signature.step]}, {signature.displayName}, le {formatDateTime(signature.signedAt)} (
              {METHOD_LABELS[signature.method]}
              {signature.assuranceLevel ? `, ${signature.assuranceLevel}` : ''})
            </li>
          ))}
        </ul>
      )}
      {view.paper?.signatories && <p>Signataires indiqués sur le papier&nbsp;: {view.paper.signatories}</p>}
      {view.canRecordPaper && (
        <PaperRecord
          bookingId={bookingId}
          part={calls.part}
          object={object}
          onRecorded={() => {
            onSigned();
            focusOutcome();
          }}
        />
      )}
      {view.canSign && view.documentSha256 && (
        <SignForm
          bookingId={bookingId}
          document={view.document}
          documentSha256={view.documentSha256}
          sign={calls.sign}
          onSigned={() => {
            onSigned();
            focusOutcome();
          }}
        />
      )}
    </>
  );
}

/** « Convention signée sur papier »: the collège's action, opening its form (fetched then) under the button. */
function PaperRecord(props: { bookingId: string; part: 'own' | 'framework'; object: string; onRecorded: () => void }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <p>
        <Button priority="secondary" onClick={() => setOpen(true)}>
          {NAME_OF_PART[props.part]} signée sur papier
        </Button>
      </p>
    );
  return (
    <Suspense fallback={<Loading label="Chargement du formulaire…" />}>
      <PaperConventionForm
        bookingId={props.bookingId}
        part={props.part}
        object={props.object}
        onRecorded={() => {
          setOpen(false);
          props.onRecorded();
        }}
        onCancel={() => setOpen(false)}
      />
    </Suspense>
  );
}

const NAME_OF_PART: Record<'own' | 'framework', string> = { own: 'Convention', framework: 'Convention-cadre' };

function SignForm({
  bookingId,
  document,
  documentSha256,
  sign,
  onSigned,
}: {
  bookingId: string;
  document: ConventionDocumentKind;
  documentSha256: string;
  sign: DocumentCalls['sign'];
  onSigned: () => void;
}) {
  const { busy, error, run } = useAction();
  const [consent, setConsent] = useState(false);
  const [missing, setMissing] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!consent);
    if (!consent) return;
    if (await run(() => sign(bookingId, documentSha256))) onSigned();
  };
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert error={error} />
      <SingleCheckbox
        formId={NAMES[document].formId}
        name="consent"
        label={CONVENTION_CONSENT.text}
        checked={consent}
        onChange={setConsent}
        error={missing ? 'Cochez cette case pour signer.' : undefined}
      />
      <Button type="submit" disabled={busy}>
        Signer {NAMES[document].object}
      </Button>
    </form>
  );
}
