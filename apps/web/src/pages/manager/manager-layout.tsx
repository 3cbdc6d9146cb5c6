import type { EstablishmentView } from '@salle/contracts';
import type { ReactNode } from 'react';
import { bookingApi } from '../../api/booking-api';
import { Link, useLocation } from '../../app/router';
import { usePageTitle } from '../../app/site-context';
import { Loading } from '../../components/loading';
import { LoadFailure } from '../../components/load-failure';
import { useAsync, type AsyncState } from '../../components/use-async';

const SECTIONS = [
  { path: '', label: 'Tableau de bord' },
  { path: '/demandes', label: 'Demandes à traiter' },
  { path: '/saisie', label: 'Saisir une demande' },
  { path: '/calendrier', label: 'Calendrier' },
  { path: '/planning', label: 'Planning' },
  { path: '/espaces', label: 'Espaces' },
  { path: '/fermetures', label: 'Fermetures' },
  { path: '/annulation', label: 'Conditions d’annulation' },
  { path: '/recettes', label: 'Recettes et versements' },
];

export function useEstablishment(establishmentId: string): AsyncState<EstablishmentView> {
  return useAsync((signal) => bookingApi.establishment(establishmentId, { signal }), [establishmentId]);
}

/** Heading and section links shared by the collège's management screens. */
export function ManagerLayout({
  establishmentId,
  title,
  children,
}: {
  establishmentId: string;
  title: string;
  children: (establishment: EstablishmentView, reload: () => void) => ReactNode;
}) {
  const establishment = useEstablishment(establishmentId);
  const location = useLocation();
  usePageTitle(establishment.data ? `${title} – ${establishment.data.name}` : title);
  if (establishment.loading && !establishment.data) return <Loading label="Chargement de l’établissement…" />;
  if (establishment.error || !establishment.data)
    return (
      <LoadFailure
        error={establishment.error}
        notFoundTitle="Collège introuvable"
        failureTitle="Le collège n’a pas pu être affiché"
      />
    );
  const base = `/gestion/${establishmentId}`;
  return (
    <>
      <p className="salle-text--sm salle-mb-1v">{establishment.data.name}</p>
      <h1>{title}</h1>
      <nav aria-label="Gestion du collège" className="salle-mb-4w">
        <ul className="salle-tags-group">
          {SECTIONS.map((section) => {
            const href = `${base}${section.path}`;
            const current =
              location.pathname === href || (section.path !== '' && location.pathname.startsWith(`${href}/`));
            return (
              <li key={section.path}>
                <Link className="salle-tag" href={href} aria-current={current ? 'page' : undefined}>
                  {section.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {children(establishment.data, establishment.reload)}
    </>
  );
}
