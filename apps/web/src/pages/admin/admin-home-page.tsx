import { bookingApi } from '../../api/booking-api';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../lib/paris-time';
import { Alert, Tile } from '../../ui';

export function AdminHomePage() {
  const pending = useAsync((signal) => bookingApi.organisations({ status: 'pending', pageSize: 1 }, { signal }), []);
  const horizon = useAsync((signal) => bookingApi.calendarHorizon({ signal }), []);
  const tiles = [
    {
      title: 'Organisations à vérifier',
      href: '/admin/organisations',
      desc: pending.data ? `${pending.data.total} en attente` : 'Valider ou refuser les organisations déclarées',
    },
    { title: 'Établissements', href: '/admin/etablissements', desc: 'Les collèges, leur état et leurs gestionnaires' },
    { title: 'Statistiques', href: '/admin/statistiques', desc: 'Réservations, heures, recettes et occupation' },
    { title: 'Planning', href: '/admin/planning', desc: 'Les espaces de tous les collèges, jour par jour, à imprimer' },
    { title: 'Import et export CSV', href: '/admin/import-export', desc: 'Charger ou extraire collèges et espaces' },
    {
      title: 'Modèle de convention',
      href: '/admin/modele-de-convention',
      desc: 'Les articles de la convention d’occupation, versionnés',
    },
    {
      title: 'Conventions à signer',
      href: '/admin/conventions-a-signer',
      desc: 'Les conventions signées par l’organisation et le collège, qui attendent le département',
    },
    {
      title: 'Messages non remis',
      href: '/admin/messages-non-remis',
      desc: 'Les courriels qui n’ont atteint personne, et pourquoi',
    },
    {
      title: 'Anomalies de paiement',
      href: '/admin/anomalies-de-paiement',
      desc: 'Contestations, montants inattendus, paiements tardifs\u00a0: les traiter ou rembourser',
    },
    {
      title: 'Rapprochement et grand livre',
      href: '/admin/rapprochement',
      desc: 'Les paiements vérifiés par collège et par versement, le grand livre en CSV',
    },
    {
      title: 'Journal d’audit',
      href: '/journal-audit',
      desc: 'Chaque changement, dans tous les services\u00a0: qui, quoi, avant et après, quand\u00a0; export CSV',
    },
    {
      title: 'Suppressions de compte',
      href: '/admin/suppressions-de-compte',
      desc: 'Les demandes d’effacement des données et leur échéance d’un mois',
    },
  ];
  return (
    <>
      <h1>Administration</h1>
      {horizon.data?.warning && (
        <Alert
          severity="warning"
          className="salle-mb-3w"
          title="Calendrier scolaire à mettre à jour"
          description={
            horizon.data.coveredUntil
              ? `Le calendrier scolaire officiel chargé s’arrête le ${formatDate(horizon.data.coveredUntil)}\u00a0: au-delà, les jours sont traités comme des jours de classe. Demandez à l’équipe technique de charger les dates du prochain arrêté (procédure dans la documentation d’exploitation).`
              : 'Aucun calendrier scolaire officiel n’est chargé\u00a0: demandez à l’équipe technique de charger les dates du calendrier (procédure dans la documentation d’exploitation).'
          }
        />
      )}
      <div className="salle-grid-row salle-grid-row--gutters">
        {tiles.map((tile) => (
          <div className="salle-col-12 salle-col-md-6" key={tile.href}>
            <Tile title={tile.title} desc={tile.desc} linkProps={{ href: tile.href }} orientation="horizontal" />
          </div>
        ))}
      </div>
    </>
  );
}
