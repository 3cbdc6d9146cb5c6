import type { SearchResultItem, SpaceKind } from '@salle/contracts';
import { bookingApi } from '../../api/booking-api';
import { Link } from '../../app/router';
import { SPACE_KIND_LABELS } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatShortDate, formatTimeRange, parisDateOf } from '../../lib/paris-time';
import { requestHref } from './request-href';
import { moreSlotsLabel } from './slot-count';
import { Badge } from '../../ui';

const SLOTS_SHOWN = 4;

/** « Gymnase – Collège Champollion »: a space's name alone does not tell one result from another. */
export function resultTitle(item: Pick<SearchResultItem, 'space' | 'establishment'>): string {
  return `${item.space.name} – ${item.establishment.name}`;
}

/** One space in the results: what it is, where, for how much, and its next free slots. */
export function SearchResultCard({
  item,
  durationMinutes,
  durationLabel,
}: {
  item: SearchResultItem;
  durationMinutes: number;
  durationLabel: string;
}) {
  const { space, establishment, price, slots } = item;
  const photoUrl = space.photoUrls[0];
  const firstSlot = slots[0];
  const spaceHref = `/espaces/${space.id}${firstSlot ? `?semaine=${parisDateOf(firstSlot.startsAt)}` : ''}`;
  return (
    <article className="salle-result">
      <div className="salle-result__photo">
        {space.photo ? (
          <img
            src={bookingApi.spacePhotoUrl(space.id, space.photo.id, '400')}
            alt={space.photo.altText}
            loading="lazy"
            width={space.photo.width}
            height={space.photo.height}
          />
        ) : photoUrl ? (
          <img src={photoUrl} alt="" loading="lazy" width={320} height={200} />
        ) : (
          <span className="salle-result__nophoto" aria-hidden="true" />
        )}
      </div>
      <div className="salle-result__body">
        <h3 className="salle-h5 salle-mb-1v">
          <Link href={spaceHref}>{resultTitle(item)}</Link>
        </h3>
        <p className="salle-mb-1w">
          {establishment.communeName}
          {item.distanceKm !== null && (
            <> · à {item.distanceKm.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km</>
          )}
        </p>
        <ul className="salle-badges-group salle-mb-1w">
          <li>
            <Badge small as="span">
              {SPACE_KIND_LABELS[space.kind as SpaceKind] ?? space.kind}
            </Badge>
          </li>
          <li>
            <Badge small as="span">
              {space.capacity} personnes
            </Badge>
          </li>
          {space.areaM2 !== null && (
            <li>
              <Badge small as="span">
                {space.areaM2} m²
              </Badge>
            </li>
          )}
          {space.stepFreeAccess && (
            <li>
              <Badge small as="span" severity="info">
                Accessible de plain-pied
              </Badge>
            </li>
          )}
        </ul>
        {space.equipment.length > 0 && (
          <p className="salle-text--sm salle-mb-1w">Équipements&nbsp;: {space.equipment.join(', ')}</p>
        )}
        {price && (
          <p className="salle-text--sm salle-mb-1w">
            <strong>{formatEuros(price.cents)}</strong> pour {durationLabel} ({price.explanation})
            {price.depositCents > 0 && <> · caution {formatEuros(price.depositCents)}</>}
          </p>
        )}
        <h4 className="salle-text--md salle-mb-1v">Prochains créneaux libres</h4>
        <ul className="salle-slots">
          {slots.slice(0, SLOTS_SHOWN).map((slot) => (
            <li key={slot.startsAt}>
              <Link
                className="salle-tag"
                href={requestHref(space.id, slot, durationMinutes)}
                aria-label={`Réserver le ${formatShortDate(slot.startsAt)}, ${formatTimeRange(slot.startsAt, slot.endsAt)} – ${resultTitle(item)}`}
              >
                {formatShortDate(slot.startsAt)}, {formatTimeRange(slot.startsAt, slot.endsAt)}
              </Link>
            </li>
          ))}
        </ul>
        <p className="salle-mb-0">
          <Link className="salle-link" href={spaceHref}>
            Voir le calendrier de la semaine{moreSlotsLabel(slots.length, SLOTS_SHOWN)}
          </Link>
        </p>
      </div>
    </article>
  );
}
