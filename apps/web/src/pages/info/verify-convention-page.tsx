import { CONVENTION_VERIFICATION_MAX_BYTES, frenchFileSize, type ConventionVerification } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { followUpApi } from '../../api/follow-up-api';
import { TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { formatDateTime } from '../../lib/paris-time';
import { Button } from '../../ui';

const FORM_ID = 'verifier-convention';

const STEPS: Record<NonNullable<ConventionVerification['evidence']>['signers'][number]['step'], string> = {
  organisation: 'Organisme utilisateur',
  establishment: 'Collège',
  department: 'Département',
};

const METHODS: Record<NonNullable<ConventionVerification['evidence']>['signers'][number]['method'], string> = {
  franceconnect: 'FranceConnect',
  proconnect: 'ProConnect',
  standing_delegation: 'délégation permanente du département',
};

const missingFile = () =>
  new ApiError({
    title: 'Choisissez le fichier PDF de la convention.',
    status: 400,
    code: 'validation_failed',
    errors: [{ field: 'file', message: 'choisissez le fichier PDF de la convention' }],
  });

const tooLarge = (file: File) =>
  new ApiError({
    title: `Le fichier pèse ${frenchFileSize(file.size)}\u00a0; la limite est de ${frenchFileSize(CONVENTION_VERIFICATION_MAX_BYTES)}.`,
    status: 422,
    code: 'file_too_large',
    errors: [{ field: 'file', message: 'choisissez un fichier plus léger' }],
  });

/** What the check found: valid or not, by whom and when, the file's hash and the signers of the evidence. */
function VerificationResult({ result }: { result: ConventionVerification }) {
  return (
    <section aria-labelledby="resultat-verification" className="salle-mt-4w">
      <h2 id="resultat-verification">{result.valid ? 'Sceau valide' : 'Sceau invalide'}</h2>
      <p>
        {result.valid
          ? 'Ce document est celui que la plateforme a scellé\u00a0: il n’a pas été modifié depuis.'
          : result.message}
      </p>
      <dl>
        {result.signedBy && (
          <>
            <dt>Scellé par</dt>
            <dd>{result.signedBy}</dd>
          </>
        )}
        {result.signedAt && (
          <>
            <dt>Scellé le</dt>
            <dd>{formatDateTime(result.signedAt)}</dd>
          </>
        )}
        <dt>Empreinte SHA-256 du fichier</dt>
        <dd>
          <code style={{ overflowWrap: 'anywhere' }}>{result.documentSha256}</code>
        </dd>
      </dl>
      {result.evidence && (
        <>
          <h3>Signataires selon le fichier de preuve</h3>
          <ol>
            {result.evidence.signers.map((signer) => (
              <li key={`${signer.step}-${signer.signedAt}`}>
                {STEPS[signer.step]}&nbsp;: {signer.name}, le {formatDateTime(signer.signedAt)} (
                {METHODS[signer.method]})
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** « Vérifier une convention »: anyone drops a sealed convention and learns whether the seal still holds. */
export function VerifyConventionPage() {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ConventionVerification | null>(null);
  const { busy, error, setError, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (!file) return setError(missingFile());
    if (file.size > CONVENTION_VERIFICATION_MAX_BYTES) return setError(tooLarge(file));
    return run(async () => setResult(await followUpApi.verifyConvention(file)));
  };

  return (
    <>
      <h1>Vérifier une convention</h1>
      <p className="salle-text--lead">
        Les conventions signées sur la plateforme sont scellées. Déposez le PDF reçu pour vérifier qu’il n’a pas été
        modifié depuis et voir qui l’a signé. Le fichier est vérifié puis oublié&nbsp;: il n’est pas conservé.
      </p>
      <form id={FORM_ID} onSubmit={submit} noValidate aria-labelledby={`${FORM_ID}-title`}>
        <h2 id={`${FORM_ID}-title`} className="salle-h6">
          Le document à vérifier
        </h2>
        <ProblemAlert error={error} form={{ id: FORM_ID, fields: { file: 'Fichier' } }} />
        <TextField
          formId={FORM_ID}
          name="file"
          label="Convention (PDF)"
          hint={`PDF, ${frenchFileSize(CONVENTION_VERIFICATION_MAX_BYTES)} au plus.`}
          type="file"
          accept="application/pdf,.pdf"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          error={error?.fieldErrors.find((problem) => problem.field === 'file')?.message}
        />
        <Button type="submit" disabled={busy}>
          {busy ? 'Vérification…' : 'Vérifier'}
        </Button>
      </form>
      <div role="status" aria-live="polite">
        {result && <VerificationResult result={result} />}
      </div>
    </>
  );
}
