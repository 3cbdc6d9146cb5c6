import {
  frenchFileSize,
  INSURANCE_CERTIFICATE_MAX_BYTES,
  INSURANCE_CERTIFICATE_TYPES,
  type InsuranceCertificateView,
} from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { bookingApi } from '../api/booking-api';
import { formatDate, todayInParis } from '../lib/paris-time';
import { Button } from '../ui';
import { DateField } from '../ui/date-time-fields';
import { fieldId, TextField } from './form-fields';
import { Loading } from './loading';
import { ProblemAlert } from './problem-alert';
import { useAction } from './use-action';
import { useAsync } from './use-async';

/** The kinds of file accepted, in French (conversation attachments accept the same). */
export const KINDS = Object.values(INSURANCE_CERTIFICATE_TYPES)
  .join(', ')
  .replace(/, (?=[^,]*$)/, ' ou ');
export const ACCEPT = [...Object.keys(INSURANCE_CERTIFICATE_TYPES), '.pdf', '.jpg', '.jpeg', '.png'].join(',');

/** Loads the certificate in force; none uploaded yet is an answer, not a failure. */
export function useInsuranceCertificate(organisationId: string) {
  return useAsync(
    async (signal) => {
      try {
        return await bookingApi.insuranceCertificate(organisationId, { signal });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'insurance_certificate_not_found') return null;
        throw error;
      }
    },
    [organisationId],
  );
}

/** What the certificate says, with its download (through the booking service, which checks who asks). */
export function InsuranceCertificateFacts({
  organisationId,
  certificate,
}: {
  organisationId: string;
  certificate: InsuranceCertificateView | null;
}) {
  if (!certificate) return <>Aucune attestation d’assurance déposée.</>;
  const expired = certificate.expiresOn < todayInParis();
  const kind = INSURANCE_CERTIFICATE_TYPES[certificate.contentType];
  return (
    <>
      Attestation d’assurance&nbsp;: {certificate.insurer}, contrat {certificate.policyNumber}, valable jusqu’au{' '}
      {formatDate(certificate.expiresOn)}
      {expired && <strong> (expirée)</strong>}.{' '}
      <a href={bookingApi.insuranceCertificateFileUrl(organisationId)} download={certificate.fileName}>
        Télécharger l’attestation
        <span className="salle-sr-only"> {certificate.fileName}</span> ({kind}, {frenchFileSize(certificate.sizeBytes)})
      </a>
    </>
  );
}

/** For the managers deciding a request: the requesting organisation's certificate. */
export function RequesterInsurance({ organisationId }: { organisationId: string }) {
  const certificate = useInsuranceCertificate(organisationId);
  if (certificate.loading && certificate.data === undefined) return <Loading label="Chargement de l’attestation…" />;
  if (certificate.error) return <ProblemAlert error={certificate.error} focus={false} />;
  return <InsuranceCertificateFacts organisationId={organisationId} certificate={certificate.data ?? null} />;
}

const tooLarge = (file: File) =>
  new ApiError({
    title: `Le fichier pèse ${frenchFileSize(file.size)}\u00a0; la limite est de ${frenchFileSize(INSURANCE_CERTIFICATE_MAX_BYTES)}.`,
    status: 422,
    code: 'file_too_large',
    errors: [{ field: 'file', message: 'choisissez un fichier plus léger' }],
  });

/** Owners upload the certificate with what it says; the service checks the file itself and says why it refuses one. */
export function InsuranceCertificateForm({
  organisationId,
  onUploaded,
}: {
  organisationId: string;
  onUploaded: (certificate: InsuranceCertificateView) => void;
}) {
  const formId = `assurance-${organisationId}`;
  const [insurer, setInsurer] = useState('');
  const [policyNumber, setPolicyNumber] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, setError, run } = useAction();
  const fieldError = (field: string) => error?.fieldErrors.find((problem) => problem.field === field)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      return setError(
        new ApiError({
          title: 'Choisissez le fichier de l’attestation.',
          status: 400,
          code: 'validation_failed',
          errors: [{ field: 'file', message: 'choisissez le fichier de l’attestation' }],
        }),
      );
    }
    if (file.size > INSURANCE_CERTIFICATE_MAX_BYTES) return setError(tooLarge(file));
    return run(async () => {
      const details = { insurer: insurer.trim(), policyNumber: policyNumber.trim(), expiresOn, fileName: file.name };
      onUploaded(await bookingApi.uploadInsuranceCertificate(organisationId, details, file));
    });
  };

  return (
    <form id={formId} onSubmit={submit} noValidate className="salle-mt-2w" aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`} className="salle-h6">
        Déposer l’attestation d’assurance
      </h3>
      <ProblemAlert
        error={error}
        form={{
          id: formId,
          fields: {
            insurer: 'Assureur',
            policyNumber: 'Numéro de contrat',
            expiresOn: 'Valable jusqu’au',
            file: 'Fichier',
          },
          aliases: { fileName: 'file' },
        }}
      />
      <TextField
        formId={formId}
        name="insurer"
        label="Assureur"
        value={insurer}
        autoComplete="organization"
        onChange={(e) => setInsurer(e.target.value)}
        error={fieldError('insurer')}
      />
      <TextField
        formId={formId}
        name="policyNumber"
        label="Numéro de contrat"
        value={policyNumber}
        onChange={(e) => setPolicyNumber(e.target.value)}
        error={fieldError('policyNumber')}
      />
      <DateField
        id={fieldId(formId, 'expiresOn')}
        name="expiresOn"
        label="Valable jusqu’au"
        hint="Le dernier jour couvert, écrit sur l’attestation."
        min={todayInParis()}
        value={expiresOn}
        onChange={setExpiresOn}
        error={fieldError('expiresOn')}
      />
      <TextField
        formId={formId}
        name="file"
        label="Fichier"
        hint={`${KINDS}, ${frenchFileSize(INSURANCE_CERTIFICATE_MAX_BYTES)} au plus.`}
        type="file"
        accept={ACCEPT}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        error={fieldError('file')}
      />
      <Button type="submit" priority="secondary" disabled={busy}>
        {busy ? 'Envoi…' : 'Déposer l’attestation'}
      </Button>
    </form>
  );
}

/** The organisation's page: the certificate in force, and for owners the form to replace it. */
export function InsuranceCertificatePanel({ organisationId, isOwner }: { organisationId: string; isOwner: boolean }) {
  const certificate = useInsuranceCertificate(organisationId);
  const [uploaded, setUploaded] = useState(false);
  return (
    <div className="salle-mt-2w">
      <h3 className="salle-h6">Assurance</h3>
      {certificate.loading && certificate.data === undefined && <Loading label="Chargement de l’attestation…" />}
      <ProblemAlert error={certificate.error} focus={false} />
      {certificate.data !== undefined && (
        <p role={uploaded ? 'status' : undefined}>
          {uploaded && 'Attestation déposée. '}
          <InsuranceCertificateFacts organisationId={organisationId} certificate={certificate.data} />
        </p>
      )}
      {isOwner && (
        <InsuranceCertificateForm
          organisationId={organisationId}
          onUploaded={(view) => {
            certificate.setData(view);
            setUploaded(true);
          }}
        />
      )}
    </div>
  );
}
