import { SLOT_HOLDING_STATUSES, type BookingView, type MeResponse } from '@salle/contracts';
import { allBookings } from '../../api/all-bookings';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { CalendarLink } from '../../components/calendar-link';
import { Loading } from '../../components/loading';
import { PayButton } from '../../components/pay-button';
import { ProblemAlert } from '../../components/problem-alert';
import { UnreadMarker, unreadOf, useUnreadMessages } from '../../components/unread-marker';
import { BookingStatusBadge } from '../../components/status-badge';
import { useAsync } from '../../components/use-async';
import { formatEuros } from '../../lib/money';
import { formatShortDate, formatSlot, formatTimeRange } from '../../lib/paris-time';
import { groupBySeries, statusCounts, type BookingItem } from '../../lib/series-groups';
import { Alert, ResponsiveTable, type TableColumn } from '../../ui';

const ACTIVE = new Set<string>(SLOT_HOLDING_STATUSES);

export function MyBookingsPage() {
  const { me } = useSession();
  const unread = useUnreadMessages();
  if (!me) return null;
  return (
    <>
      <h1>Mes réservations</h1>
      {me.organisations.length === 0 ? (
        <Alert
          severity="info"
          title="Aucune organisation"
          description={
            <p>
              Les réservations se font au nom d’une organisation.{' '}
              <Link href="/organisations/nouvelle">Déclarez la vôtre</Link> pour commencer.
            </p>
          }
        />
      ) : (
        me.organisations.map((organisation) => (
          <OrganisationBookings
            key={organisation.id}
            organisation={organisation}
            showName={me.organisations.length > 1}
            unread={unread}
          />
        ))
      )}
    </>
  );
}

function OrganisationBookings({
  organisation,
  showName,
  unread,
}: {
  organisation: MeResponse['organisations'][number];
  showName: boolean;
  unread: ReadonlyMap<string, number>;
}) {
  // Every page: the list comes oldest first, so a cut would drop the upcoming bookings and split a series.
  const bookings = useAsync(
    (signal) => allBookings({ organisationId: organisation.id }, { signal }),
    [organisation.id],
  );
  const now = Date.now();
  // A series is one line, upcoming while one of its sessions is; its own page lists the sessions.
  const isUpcoming = (booking: BookingView) => Date.parse(booking.endsAt) >= now && ACTIVE.has(booking.status);
  const items = groupBySeries([...(bookings.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
  const upcoming = items.filter((item) => bookingsOf(item).some(isUpcoming));
  const others = items.filter((item) => !upcoming.includes(item)).reverse();

  return (
    <section className="salle-mb-6w" aria-labelledby={`resa-${organisation.id}`}>
      <h2 id={`resa-${organisation.id}`} className={showName ? 'salle-h3' : 'salle-sr-only'}>
        {organisation.name}
      </h2>
      {bookings.loading && <Loading label="Chargement des réservations…" />}
      <ProblemAlert error={bookings.error} focus={false} />
      {bookings.data && (
        <>
          <BookingTable title="À venir" bookings={upcoming} unread={unread} empty="Aucune réservation à venir." />
          <BookingTable
            title="Passées, refusées ou annulées"
            bookings={others}
            unread={unread}
            empty="Rien pour l’instant."
          />
          <h3 className="salle-h5">Suivre mes réservations dans mon agenda</h3>
          <CalendarLink owner="organisations" id={organisation.id} name={organisation.name} />
        </>
      )}
    </section>
  );
}

const PAYABLE = new Set<string>(['approved', 'awaiting_payment']);

type Item = BookingItem<BookingView>;
const bookingsOf = (item: Item) => (item.kind === 'series' ? item.occurrences : [item.booking]);

/** A series' line: its sessions, from the first to the last, linking to the series' page. */
function SeriesSlot({ occurrences, seriesId }: { occurrences: BookingView[]; seriesId: string }) {
  const first = occurrences[0];
  const last = occurrences[occurrences.length - 1];
  if (!first || !last) return null;
  return (
    <Link href={`/series/${seriesId}`}>
      Série de {occurrences.length} séance{occurrences.length > 1 ? 's' : ''}, du {formatShortDate(first.startsAt)} au{' '}
      {formatShortDate(last.startsAt)}, {formatTimeRange(first.startsAt, first.endsAt)}
    </Link>
  );
}

const bookingColumns = (unread: ReadonlyMap<string, number>): TableColumn<Item>[] => [
  {
    header: 'Créneau',
    cell: (item) =>
      item.kind === 'series' ? (
        <SeriesSlot occurrences={item.occurrences} seriesId={item.seriesId} />
      ) : (
        <Link href={`/reservations/${item.booking.id}`}>{formatSlot(item.booking.startsAt, item.booking.endsAt)}</Link>
      ),
  },
  {
    header: 'Échanges',
    cell: (item) => {
      const count = unreadOf(
        bookingsOf(item).map((booking) => booking.id),
        unread,
      );
      return count > 0 ? <UnreadMarker count={count} /> : '—';
    },
  },
  {
    header: 'Espace',
    cell: (item) => {
      const first = bookingsOf(item)[0];
      return first && `${first.spaceName}, ${first.establishmentName}`;
    },
  },
  {
    header: 'Statut',
    cell: (item) =>
      item.kind === 'series' ? (
        <ul className="salle-mb-0">
          {statusCounts(item.occurrences).map(([status, count]) => (
            <li key={status}>
              {count}&nbsp;× <BookingStatusBadge status={status} />
            </li>
          ))}
        </ul>
      ) : (
        <BookingStatusBadge status={item.booking.status} />
      ),
  },
  {
    header: 'Prix',
    cell: (item) => formatEuros(bookingsOf(item).reduce((sum, booking) => sum + booking.priceCents, 0)),
  },
  {
    header: 'Action',
    cell: (item) => {
      if (item.kind === 'series')
        return (
          <Link href={`/series/${item.seriesId}`}>
            Suivre la série<span className="salle-sr-only"> de {item.occurrences.length} séances</span>
          </Link>
        );
      const booking = item.booking;
      return PAYABLE.has(booking.status) &&
        booking.priceCents > 0 &&
        !booking.awaitingSignatures &&
        !booking.conventionDueAt ? (
        <PayButton bookingId={booking.id} amountCents={booking.priceCents} size="small" />
      ) : (
        <Link href={`/reservations/${booking.id}`}>
          Détails
          <span className="salle-sr-only"> de la réservation du {formatSlot(booking.startsAt, booking.endsAt)}</span>
        </Link>
      );
    },
  },
];

function BookingTable({
  title,
  bookings,
  unread,
  empty,
}: {
  title: string;
  bookings: Item[];
  unread: ReadonlyMap<string, number>;
  empty: string;
}) {
  return (
    <>
      <h3 className="salle-h5">{title}</h3>
      {bookings.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ResponsiveTable
          caption={title}
          captionHidden
          rows={bookings}
          rowKey={(item) => item.key}
          columns={bookingColumns(unread)}
        />
      )}
    </>
  );
}
