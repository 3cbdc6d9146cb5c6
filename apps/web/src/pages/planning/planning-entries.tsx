import type { PlanningClosure, PlanningEntry, PlanningEstablishment } from '@salle/contracts';
import { Link } from '../../app/router';
import { BookingStatusBadge } from '../../components/status-badge';
import { formatPhoneNumber } from '../../lib/phone';
import { formatSlot } from '../../lib/paris-time';
import { groupBySeries, statusCounts, type BookingItem } from '../../lib/series-groups';
import type { TableColumn } from '../../ui';

type Entry = PlanningEntry & { id: string };
export type PlanningItem = BookingItem<Entry>;

/** A space's entries as lines: a series' sessions of the period gathered in one line (with two or more). */
export function planningItems(entries: readonly PlanningEntry[]): PlanningItem[] {
  return groupBySeries(entries.map((entry) => ({ ...entry, id: entry.bookingId }))).flatMap((item) =>
    item.kind === 'series' && item.occurrences.length < 2
      ? item.occurrences.map((booking): PlanningItem => ({ kind: 'single', key: booking.id, booking }))
      : [item],
  );
}

const firstOf = (item: PlanningItem): Entry => (item.kind === 'single' ? item.booking : (item.occurrences[0] as Entry));

function SessionList({ occurrences }: { occurrences: Entry[] }) {
  return (
    <>
      Série · {occurrences.length} séances
      <ul className="salle-mb-0">
        {occurrences.map((session) => (
          <li key={session.id}>
            <Link href={`/reservations/${session.id}`}>{formatSlot(session.startsAt, session.endsAt)}</Link>{' '}
            <BookingStatusBadge status={session.status} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** Who to call: the name, the phone (to dial) and the e-mail (to write), with what the organisation gave. */
function Contact({ entry }: { entry: PlanningEntry }) {
  if (!entry.contactName && !entry.contactPhone && !entry.contactEmail) return <>—</>;
  return (
    <>
      {entry.contactName}
      {entry.contactPhone && (
        <>
          {entry.contactName && <br />}
          <a href={`tel:${entry.contactPhone}`}>{formatPhoneNumber(entry.contactPhone)}</a>
        </>
      )}
      {entry.contactEmail && (
        <>
          {(entry.contactName || entry.contactPhone) && <br />}
          <a href={`mailto:${entry.contactEmail}`}>{entry.contactEmail}</a>
        </>
      )}
    </>
  );
}

export const PLANNING_COLUMNS: TableColumn<PlanningItem>[] = [
  {
    header: 'Créneau',
    cell: (item) =>
      item.kind === 'series' ? (
        <SessionList occurrences={item.occurrences} />
      ) : (
        <Link href={`/reservations/${item.booking.id}`}>{formatSlot(item.booking.startsAt, item.booking.endsAt)}</Link>
      ),
  },
  { header: 'Organisation', cell: (item) => firstOf(item).organisationName },
  {
    header: 'Statut',
    cell: (item) =>
      item.kind === 'series' ? (
        statusCounts(item.occurrences).map(([status, count]) => (
          <span key={status}>
            {count}&nbsp;× <BookingStatusBadge status={status} />{' '}
          </span>
        ))
      ) : (
        <BookingStatusBadge status={item.booking.status} />
      ),
  },
  { header: 'Contact', cell: (item) => <Contact entry={firstOf(item)} /> },
  {
    header: 'Activité',
    cell: (item) => {
      const entry = firstOf(item);
      return (
        [entry.purpose, entry.attendees !== null ? `${entry.attendees} participants` : ''].filter(Boolean).join(', ') ||
        '—'
      );
    },
  },
  { header: 'Accès', cell: (item) => firstOf(item).accessNotes ?? '—' },
];

/** The collège's closures of the period, so an empty space says why. */
export function PlanningClosures({ establishment }: { establishment: PlanningEstablishment }) {
  if (establishment.closures.length === 0) return null;
  const where = (closure: PlanningClosure) =>
    closure.spaceId
      ? (establishment.spaces.find((space) => space.id === closure.spaceId)?.name ?? 'Un espace')
      : 'Tout le collège';
  return (
    <div className="salle-mb-2w">
      <p className="salle-mb-1v">
        <strong>Fermetures</strong>
      </p>
      <ul>
        {establishment.closures.map((closure) => (
          <li key={closure.id}>
            {where(closure)}, {formatSlot(closure.startsAt, closure.endsAt)}&nbsp;: {closure.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
