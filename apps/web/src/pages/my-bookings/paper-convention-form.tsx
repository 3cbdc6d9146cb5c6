import { frenchFileSize, INSURANCE_CERTIFICATE_MAX_BYTES, type ConventionSigningView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { paperConventionApi } from '../../api/paper-convention-api';
import { ACCEPT, KINDS } from '../../components/insurance-certificate';
import { fieldId, TextAreaField, TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { todayInParis } from '../../lib/paris-time';
import { Button } from '../../ui';
import { DateField } from '../../ui/date-time-fields';

const missing = (field: string, message: string) =>
  new ApiError({
    title: `${message.charAt(0).toUpperCase()}${message.slice(1)}.`,
    status: 400,
    code: 'validation_failed',
    errors: [{ field, message }],
  });

/**
 * The collège's record of a convention signed on paper by every party (loaded only when a manager opens it): the
 * scan, the date written on it and, if wanted, the names as written. The service checks the file like an insurance
 * certificate and completes the convention; `onRecorded` gets the signing as it now stands.
 */
export function PaperConventionForm({
  bookingId,
  part,
  object,
  onRecorded,
  onCancel,
}: {
  bookingId: string;
  part: 'own' | 'framework';
  /** What is recorded, as an object: « la convention », « l’annexe », « la convention-cadre ». */
  object: string;
  onRecorded: (view: ConventionSigningView) => void;
  onCancel: () => void;
}) {
  const formId = `papier-${part}-${bookingId}`;
  const [file, setFile] = useState<File | null>(null);
  const [signedOn, setSignedOn] = useState('');
  const [signatories, setSignatories] = useState('');
  const { busy, error, setError, run } = useAction();
  const fieldError = (field: string) => error?.fieldErrors.find((problem) => problem.field === field)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(missing('file', 'choisissez le fichier numérisé'));
    if (!signedOn) return setError(missing('signedOn', 'indiquez la date de signature'));
    if (file.size > INSURANCE_CERTIFICATE_MAX_BYTES)
      return setError(
        new ApiError({
          title: `Le fichier pèse ${frenchFileSize(file.size)}\u00a0; la limite est de ${frenchFileSize(INSURANCE_CERTIFICATE_MAX_BYTES)}.`,
          status: 422,
          code: 'file_too_large',
          errors: [{ field: 'file', message: 'choisissez un fichier plus léger' }],
        }),
      );
    return run(async () => {
      const details = {
        fileName: file.name,
        signedOn,
        ...(signatories.trim() ? { signatories: signatories.trim() } : {}),
        ...(part === 'framework' ? { part } : {}),
      };
      onRecorded(await paperConventionApi.record(bookingId, details, file));
    });
  };

  return (
    <form id={formId} onSubmit={submit} noValidate className="salle-mt-2w" aria-labelledby={`${formId}-titre`}>
      <h4 id={`${formId}-titre`} className="salle-h6">
        Enregistrer {object} signée sur papier
      </h4>
      <p className="salle-text--sm">
        Toutes les parties ont signé l’exemplaire papier{'\u00a0'}: déposez-en la numérisation. Elle remplace la
        signature en ligne et ouvre la suite de la réservation.
      </p>
      <ProblemAlert
        error={error}
        form={{
          id: formId,
          fields: { file: 'Numérisation', signedOn: 'Date de signature', signatories: 'Signataires' },
          aliases: { fileName: 'file' },
        }}
      />
      <TextField
        formId={formId}
        name="file"
        label="Numérisation"
        hint={`${KINDS}, ${frenchFileSize(INSURANCE_CERTIFICATE_MAX_BYTES)} au plus.`}
        type="file"
        accept={ACCEPT}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        error={fieldError('file')}
      />
      <DateField
        id={fieldId(formId, 'signedOn')}
        name="signedOn"
        label="Date de signature"
        hint="La date écrite sur l’exemplaire signé (au plus tard aujourd’hui)."
        max={todayInParis()}
        value={signedOn}
        onChange={setSignedOn}
        error={fieldError('signedOn')}
      />
      <TextAreaField
        formId={formId}
        name="signatories"
        label="Signataires"
        hint={'Facultatif\u00a0: les noms tels qu’écrits sur le papier.'}
        rows={2}
        value={signatories}
        onChange={(e) => setSignatories(e.target.value)}
        error={fieldError('signatories')}
      />
      <ul className="salle-btns-group salle-btns-group--inline-sm">
        <li>
          <Button type="submit" disabled={busy}>
            {busy ? 'Envoi…' : 'Enregistrer la signature sur papier'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
