import { bookingApi } from '../../api/booking-api';
import type { PageProps } from '../../app/routes';
import { Link, navigate, useLocation } from '../../app/router';
import { usePageTitle } from '../../app/site-context';
import { Loading } from '../../components/loading';
import { LoadFailure } from '../../components/load-failure';
import { OpeningRulesList, SpaceConditions, TariffTable } from '../../components/space-facts';
import { useAsync } from '../../components/use-async';
import { WeekCalendar } from '../../components/week-calendar';
import { SPACE_KIND_LABELS } from '../../lib/labels';
import { todayInParis } from '../../lib/paris-time';
import { Badge, Breadcrumb, Button } from '../../ui';

export function SpacePage({ params }: PageProps) {
  const spaceId = params['spaceId'] ?? '';
  const location = useLocation();
  const week = location.search.get('semaine') ?? todayInParis();
  const details = useAsync(
    async (signal) => {
      const [space, { photos }] = await Promise.all([
        bookingApi.space(spaceId, { signal }),
        bookingApi.spacePhotos(spaceId, { signal }),
      ]);
      const establishment = await bookingApi.establishment(space.establishmentId, { signal });
      return { space, establishment, photos };
    },
    [spaceId],
  );
  usePageTitle(details.data?.space.name);

  if (details.loading) return <Loading label="Chargement de l’espace…" />;
  if (details.error || !details.data)
    return (
      <LoadFailure
        error={details.error}
        notFoundTitle="Espace introuvable"
        failureTitle="L’espace n’a pas pu être affiché"
      />
    );
  const { space, establishment, photos } = details.data;
  const requestHref = `/espaces/${space.id}/reserver`;

  return (
    <>
      <Breadcrumb currentPageLabel={space.name} homeLinkProps={{ href: '/' }} segments={[]} />
      <h1 className="salle-mb-1w">{space.name}</h1>
      <p className="salle-text--lead salle-mb-2w">
        {establishment.name}, {establishment.address ? `${establishment.address}, ` : ''}
        {establishment.postalCode} {establishment.communeName}
      </p>
      <ul className="salle-badges-group salle-mb-3w">
        <li>
          <Badge as="span">{SPACE_KIND_LABELS[space.kind] ?? space.kind}</Badge>
        </li>
        <li>
          <Badge as="span">{space.capacity} personnes</Badge>
        </li>
        {space.areaM2 !== null && (
          <li>
            <Badge as="span">{space.areaM2} m²</Badge>
          </li>
        )}
        <li>
          <Badge as="span" severity={space.stepFreeAccess ? 'info' : undefined}>
            {space.stepFreeAccess ? 'Accessible de plain-pied' : 'Accès avec marches'}
          </Badge>
        </li>
      </ul>
      <Button linkProps={{ href: requestHref }} className="salle-mb-4w">
        Demander une réservation
      </Button>

      {photos.length > 0 && (
        <ul className="salle-photos salle-mb-4w" aria-label="Photos">
          {photos.map((photo) => (
            <li key={photo.id}>
              <img
                src={bookingApi.spacePhotoUrl(space.id, photo.id, '400')}
                srcSet={`${bookingApi.spacePhotoUrl(space.id, photo.id, '400')} 400w, ${bookingApi.spacePhotoUrl(space.id, photo.id, '1200')} 1200w`}
                sizes="(min-width: 62em) 33vw, 100vw"
                alt={photo.altText}
                loading="lazy"
                width={photo.width}
                height={photo.height}
              />
            </li>
          ))}
        </ul>
      )}
      {photos.length === 0 && space.photoUrls.length > 0 && (
        <ul className="salle-photos salle-mb-4w" aria-label="Photos">
          {space.photoUrls.map((url, index) => (
            <li key={url}>
              <img
                src={url}
                alt={`${space.name}, photo ${index + 1} sur ${space.photoUrls.length}`}
                loading="lazy"
                width={320}
                height={200}
              />
            </li>
          ))}
        </ul>
      )}

      <div className="salle-grid-row salle-grid-row--gutters">
        <div className="salle-col-12 salle-col-md-6">
          <h2 className="salle-h4">Description</h2>
          {space.description ? <p className="salle-prewrap">{space.description}</p> : <p>Pas de description.</p>}
          <h3 className="salle-h6">Équipements</h3>
          {space.equipment.length ? (
            <ul>
              {space.equipment.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          ) : (
            <p>Aucun équipement particulier n’est indiqué.</p>
          )}
        </div>
        <div className="salle-col-12 salle-col-md-6">
          <h2 className="salle-h4">Horaires d’ouverture</h2>
          <OpeningRulesList rules={space.openingRules} />
          <h2 className="salle-h4">Conditions</h2>
          <SpaceConditions space={space} />
          <p>
            <Link href="/regles">Règles d’utilisation et conditions d’accès</Link>
          </p>
        </div>
      </div>

      <h2 className="salle-h4 salle-mt-2w">Tarifs</h2>
      <TariffTable tariffs={space.tariffs} />

      <WeekCalendar
        spaceId={space.id}
        week={week}
        bookable
        minDurationMinutes={space.minDurationMinutes}
        onWeekChange={(monday) =>
          navigate(`/espaces/${space.id}?semaine=${monday}`, { replace: true, keepScroll: true })
        }
      />
      {establishment.contactEmail && (
        <p className="salle-mt-3w">
          Une question sur cet espace&nbsp;? Écrivez au collège&nbsp;:{' '}
          <a href={`mailto:${establishment.contactEmail}`}>{establishment.contactEmail}</a>
        </p>
      )}
    </>
  );
}
