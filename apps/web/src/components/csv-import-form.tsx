import type { CsvImportKind, CsvImportReport, CsvLineError } from '@salle/contracts';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { bookingApi } from '../api/booking-api';
import { ProblemAlert } from './problem-alert';
import { useAction } from './use-action';
import { Alert, Button } from '../ui';

const KINDS: Record<CsvImportKind, { title: string; hint: string }> = {
  establishments: {
    title: 'Collèges',
    hint: 'Colonnes\u00a0: uai, nom, code_postal, commune, code_insee, latitude, longitude, zone (et facultatives siret, adresse, courriel, telephone, statut).',
  },
  spaces: { title: 'Espaces', hint: 'Une ligne par espace, rattachée au collège par son code UAI.' },
  opening_rules: {
    title: 'Horaires d’ouverture',
    hint: 'Une ligne par plage\u00a0: espace_id (ou uai et espace), jours (lundi|mardi…), debut, fin, periode (periode_scolaire, vacances_scolaires, toujours), valide_du, valide_au. Chaque espace du fichier reçoit exactement ses lignes.',
  },
  tariffs: {
    title: 'Tarifs',
    hint: 'Une ligne par catégorie\u00a0: espace_id (ou uai et espace), categorie, tarif_horaire, tarif_demi_journee, tarif_journee, caution, en euros (12,50). Chaque espace du fichier reçoit exactement ses lignes.',
  },
};

function reportText(report: CsvImportReport): string {
  const removed = report.removed ? `, ${report.removed} suppression(s)` : '';
  return `${report.rows} ligne${report.rows > 1 ? 's' : ''}\u00a0: ${report.created} ajout(s), ${report.updated} modification(s), ${report.unchanged} inchangée(s)${removed}.`;
}

/** Checks a CSV file (dry run), shows every wrong line, then imports it once the person confirms. */
export function ImportForm({ kind, headingLevel = 2 }: { kind: CsvImportKind; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
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
      setReport(await bookingApi.importCsv(kind, new Uint8Array(await file.arrayBuffer()), dryRun, file.name)),
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
      <Heading id={`${inputId}-title`} className="salle-h4">
        Importer&nbsp;: {KINDS[kind].title.toLowerCase()}
      </Heading>
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
          description={reportText(report)}
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
