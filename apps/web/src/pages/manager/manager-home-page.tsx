import { useEffect } from 'react';
import { allBookings } from '../../api/all-bookings';
import type { PageProps } from '../../app/routes';
import { Link, navigate } from '../../app/router';
import { hasRole, useSession } from '../../app/session';
import { CalendarLink } from '../../components/calendar-link';
import { useAsync } from '../../components/use-async';
import { ESTABLISHMENT_STATUS } from '../../lib/labels';
import { groupBySeries } from '../../lib/series-groups';
import { ContactPhonePanel } from './contact-phone-panel';
import { ManagerLayout } from './manager-layout';
import { Badge, Button } from '../../ui';

export function ManagerHomePage({ params }: PageProps) {
  const establishmentId = params['establishmentId'];
  const { me } = useSession();
  const establishments = me?.establishments ?? [];
  const only = establishments.length === 1 ? establishments[0] : undefined;

  useEffect(() => {
    if (!establishmentId && only) navigate(`/gestion/${only.id}`, { replace: true });
  }, [establishmentId, only]);

  if (!establishmentId) {
    return (
      <>
        <h1>Mon établissement</h1>
        {establishments.length === 0 ? (
          <p>
            Aucun collège ne vous est rattaché.
            {hasRole(me, 'department_admin') && (
              <>
                {' '}
                Choisissez un collège dans la <Link href="/admin/etablissements">liste des établissements</Link>.
              </>
            )}
          </p>
        ) : (
          <ul>
            {establishments.map((establishment) => (
              <li key={establishment.id}>
                <Link href={`/gestion/${establishment.id}`}>
                  {establishment.name} ({establishment.uai})
                </Link>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <ManagerLayout establishmentId={establishmentId} title="Tableau de bord">
      {(establishment) => (
        <Dashboard
          establishmentId={establishment.id}
          name={establishment.name}
          status={establishment.status}
          payoutReady={establishment.payoutReady}
        />
      )}
    </ManagerLayout>
  );
}

function Dashboard({
  establishmentId,
  name,
  status,
  payoutReady,
}: {
  establishmentId: string;
  name: string;
  status: string;
  payoutReady: boolean;
}) {
  // A series waiting for a decision is one request to handle, however many sessions it has: the count is of items.
  const pending = useAsync(
    async (signal) => groupBySeries(await allBookings({ establishmentId, status: 'requested' }, { signal })).length,
    [establishmentId],
  );
  const statusLabel = ESTABLISHMENT_STATUS[status] ?? { label: status, severity: 'info' as const };
  return (
    <div className="salle-grid-row salle-grid-row--gutters">
      <div className="salle-col-12 salle-col-md-6">
        <section className="salle-panel">
          <h2 className="salle-h5">Demandes en attente</h2>
          <p className="salle-h2 salle-mb-1w">{pending.data ?? '…'}</p>
          <Button linkProps={{ href: `/gestion/${establishmentId}/demandes` }}>Traiter les demandes</Button>
        </section>
      </div>
      <div className="salle-col-12 salle-col-md-6">
        <section className="salle-panel">
          <h2 className="salle-h5">État</h2>
          <p>
            <Badge severity={statusLabel.severity} as="span">
              {statusLabel.label}
            </Badge>
          </p>
          <p>
            Compte de versement&nbsp;:{' '}
            <Badge severity={payoutReady ? 'success' : 'warning'} as="span">
              {payoutReady ? 'prêt' : 'à configurer'}
            </Badge>{' '}
            <Link href={`/gestion/${establishmentId}/recettes`}>détails</Link>
          </p>
          <p>
            <Link href={`/journal-audit?college=${establishmentId}`}>Journal d’audit du collège</Link>
          </p>
        </section>
      </div>
      <div className="salle-col-12">
        <section className="salle-panel">
          <h2 className="salle-h5">Agenda du collège</h2>
          <p>Toutes les réservations du collège dans votre agenda, mises à jour automatiquement.</p>
          <CalendarLink owner="establishments" id={establishmentId} name={name} />
        </section>
      </div>
      <div className="salle-col-12">
        <section className="salle-panel">
          <h2 className="salle-h5">Contact du collège pour les messages</h2>
          <ContactPhonePanel establishmentId={establishmentId} />
        </section>
      </div>
    </div>
  );
}
