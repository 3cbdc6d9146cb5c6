import { SLOT_HOLDING_STATUSES, type BookingView, type MeResponse } from '@salle/contracts';
import { bookingApi } from '../../api/booking-api';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { CalendarLink } from '../../components/calendar-link';
import { Loading } from '../../components/loading';
import { PayButton } from '../../components/pay-button';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge } from '../../components/status-badge';
import { useAsync } from '../../components/use-async';
import { formatEuros } from '../../lib/money';
import { formatSlot } from '../../lib/paris-time';
import { Alert, ResponsiveTable, type TableColumn } from '../../ui';

const ACTIVE = new Set<string>(SLOT_HOLDING_STATUSES);

export function MyBookingsPage() {
  const { me } = useSession();
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
          />
        ))
      )}
    </>
  );
}

function OrganisationBookings({
  organisation,
  showName,
}: {
  organisation: MeResponse['organisations'][number];
  showName: boolean;
}) {
  const bookings = useAsync(
    (signal) => bookingApi.bookings({ organisationId: organisation.id, pageSize: 100 }, { signal }),
    [organisation.id],
  );
  const items = bookings.data?.items ?? [];
  const now = Date.now();
  const upcoming = items
    .filter((booking) => Date.parse(booking.endsAt) >= now && ACTIVE.has(booking.status))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const others = items
    .filter((booking) => !upcoming.includes(booking))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));

  return (
    <section className="salle-mb-6w" aria-labelledby={`resa-${organisation.id}`}>
      <h2 id={`resa-${organisation.id}`} className={showName ? 'salle-h3' : 'salle-sr-only'}>
        {organisation.name}
      </h2>
      {bookings.loading && <Loading label="Chargement des réservations…" />}
      <ProblemAlert error={bookings.error} focus={false} />
      {bookings.data && (
        <>
          <BookingTable title="À venir" bookings={upcoming} empty="Aucune réservation à venir." />
          <BookingTable title="Passées, refusées ou annulées" bookings={others} empty="Rien pour l’instant." />
          <h3 className="salle-h5">Suivre mes réservations dans mon agenda</h3>
          <CalendarLink owner="organisations" id={organisation.id} name={organisation.name} />
        </>
      )}
    </section>
  );
}

const PAYABLE = new Set<string>(['approved', 'awaiting_payment']);

const BOOKING_COLUMNS: TableColumn<BookingView>[] = [
  {
    header: 'Créneau',
    cell: (booking) => <Link href={`/reservations/${booking.id}`}>{formatSlot(booking.startsAt, booking.endsAt)}</Link>,
  },
  { header: 'Espace', cell: (booking) => booking.spaceName },
  { header: 'Statut', cell: (booking) => <BookingStatusBadge status={booking.status} /> },
  { header: 'Prix', cell: (booking) => formatEuros(booking.priceCents) },
  {
    header: 'Action',
    cell: (booking) =>
      PAYABLE.has(booking.status) && booking.priceCents > 0 ? (
        <PayButton bookingId={booking.id} amountCents={booking.priceCents} size="small" />
      ) : (
        <Link href={`/reservations/${booking.id}`}>
          Détails
          <span className="salle-sr-only"> de la réservation du {formatSlot(booking.startsAt, booking.endsAt)}</span>
        </Link>
      ),
  },
];

function BookingTable({ title, bookings, empty }: { title: string; bookings: BookingView[]; empty: string }) {
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
          rowKey={(booking) => booking.id}
          columns={BOOKING_COLUMNS}
        />
      )}
    </>
  );
}
