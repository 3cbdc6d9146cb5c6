import type { CsvImportKind, CsvImportReport, CsvLineError } from '@salle/contracts';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi, bookingDownloads } from '../../api/booking-api';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { Alert, Button } from '../../ui';

const KINDS: Record<CsvImportKind, { title: string; hint: string }> = {
  establishments: {
    title: 'Collèges',
    hint: 'Colonnes\u00a0: uai, nom, code_postal, commune, code_insee, latitude, longitude, zone (et facultatives siret, adresse, courriel, telephone, statut).',
  },
  spaces: { title: 'Espaces', hint: 'Une ligne par espace, rattachée au collège par son code UAI.' },
};

export function ImportExportPage() {
  return (
    <>
      <h1>Import et export CSV</h1>
      <p>
        Fichiers CSV en UTF-8, séparés par des points-virgules, ouvrables dans un tableur. Un import vérifie d’abord
        tout le fichier&nbsp;: si une seule ligne est fausse, rien n’est enregistré. Une cellule vide garde la valeur
        existante.
      </p>
      <ImportForm kind="establishments" />
      <ImportForm kind="spaces" />
      <h2 className="salle-h4 salle-mt-4w">Exporter</h2>
      <ul>
        <li>
          <a className="salle-link" href={bookingDownloads.establishmentsCsv} download>
            Tous les collèges (CSV)
          </a>
        </li>
        <li>
          <a className="salle-link" href={bookingDownloads.spacesCsv} download>
            Tous les espaces (CSV)
          </a>
        </li>
      </ul>
    </>
  );
}

function ImportForm({ kind }: { kind: CsvImportKind }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CsvImportReport | null>(null);
  const action = useAction();
  const { busy, error, setError } = action;
  const run = (dryRun: boolean) => {
    if (!file)
      return setError(new ApiError({ title: 'Choisissez un fichier CSV.', status: 400, code: 'validation_failed' }));
    setReport(null);
    return action.run(async () =>
      setReport(await bookingApi.importCsv(kind, new Uint8Array(await file.arrayBuffer()), dryRun)),
    );
  };
  const lineErrors = (error?.problem['lineErrors'] as CsvLineError[] | undefined) ?? [];
  const errorCount = (error?.problem['errorCount'] as number | undefined) ?? lineErrors.length;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };
  return (
    <form onSubmit={onSubmit} className="salle-panel" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className="salle-h4">
        Importer : {KINDS[kind].title.toLowerCase()}
      </h2>
      <div className="salle-upload-group salle-mb-2w">
        <label className="salle-label" htmlFor={inputId}>
          Fichier CSV
          <span className="salle-hint-text">{KINDS[kind].hint}</span>
        </label>
        <input
          className="salle-upload"
          type="file"
          id={inputId}
          accept=".csv,text/csv"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setReport(null);
            setError(null);
          }}
        />
      </div>
      {error && lineErrors.length > 0 ? (
        <Alert
          severity="error"
          className="salle-mb-2w"
          title={error.problem.title}
          description={
            <>
              <p>
                {errorCount} erreur{errorCount > 1 ? 's' : ''}
                {errorCount > lineErrors.length ? ` (les ${lineErrors.length} premières ci-dessous)` : ''}&nbsp;:
              </p>
              <ul>
                {lineErrors.map((line, index) => (
                  <li key={index}>
                    Ligne {line.line},{' '}
                    {line.field === '(ligne)' ? 'toute la ligne' : `colonne «\u00a0${line.field}\u00a0»`}
                    &nbsp;: {line.message}
                  </li>
                ))}
              </ul>
            </>
          }
        />
      ) : (
        <ProblemAlert error={error} />
      )}
      {report && (
        <Alert
          severity={report.dryRun ? 'info' : 'success'}
          className="salle-mb-2w"
          title={report.dryRun ? 'Fichier vérifié\u00a0: rien n’est encore enregistré.' : 'Import terminé.'}
          description={`${report.rows} ligne${report.rows > 1 ? 's' : ''}\u00a0: ${report.created} ajout(s), ${report.updated} modification(s), ${report.unchanged} inchangée(s).`}
        />
      )}
      <ul className="salle-btns-group salle-btns-group--inline-md">
        <li>
          <Button type="submit" priority={report?.dryRun ? 'secondary' : 'primary'} disabled={busy}>
            Vérifier le fichier
          </Button>
        </li>
        {report?.dryRun && (
          <li>
            <Button type="button" disabled={busy} onClick={() => void run(false)}>
              Importer {report.rows} ligne{report.rows > 1 ? 's' : ''}
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
