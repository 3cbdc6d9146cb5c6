import { bookingDownloads } from '../../api/booking-api';
import { ImportForm } from '../../components/csv-import-form';

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
      <p>
        Les horaires et les tarifs de plusieurs espaces s’importent d’un coup&nbsp;: chaque espace nommé dans le fichier
        reçoit exactement les lignes du fichier, les autres gardent les leurs.
      </p>
      <ImportForm kind="opening_rules" />
      <ImportForm kind="tariffs" />
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
        <li>
          <a className="salle-link" href={bookingDownloads.openingRulesCsv} download>
            Les horaires d’ouverture de tous les espaces (CSV)
          </a>
        </li>
        <li>
          <a className="salle-link" href={bookingDownloads.tariffsCsv} download>
            Les tarifs de tous les espaces (CSV)
          </a>
        </li>
      </ul>
    </>
  );
}
