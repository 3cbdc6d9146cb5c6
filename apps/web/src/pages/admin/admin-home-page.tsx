import { bookingApi } from '../../api/booking-api';
import { useAsync } from '../../components/use-async';
import { Tile } from '../../ui';

export function AdminHomePage() {
  const pending = useAsync((signal) => bookingApi.organisations({ status: 'pending', pageSize: 1 }, { signal }), []);
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
      title: 'Messages non remis',
      href: '/admin/messages-non-remis',
      desc: 'Les courriels qui n’ont atteint personne, et pourquoi',
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
