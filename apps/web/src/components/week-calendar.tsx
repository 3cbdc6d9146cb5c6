import type { BookingStatus, CalendarSegment } from '@salle/contracts';
import { bookingApi } from '../api/booking-api';
import { Link } from '../app/router';
import { longEnough, segmentsByDay, type DaySegment } from '../lib/calendar-days';
import { BOOKING_STATUS } from '../lib/labels';
import { seriesOfWeek, type WeekSeries } from '../lib/week-series';
import {
  addDays,
  formatDate,
  formatDuration,
  formatShortDate,
  formatTimeRange,
  mondayOf,
  todayInParis,
} from '../lib/paris-time';
import { Loading } from './loading';
import { ProblemAlert } from './problem-alert';
import { useAsync } from './use-async';
import { useFocusAfterRender } from './use-focus-after-render';
import { Button } from '../ui';

const KIND_LABELS: Record<CalendarSegment['kind'], string> = {
  free: 'Libre',
  booked: 'Réservé',
  closed: 'Fermé',
  school_time: 'Temps scolaire',
};

interface WeekCalendarProps {
  spaceId: string;
  /** Any date of the week to show (YYYY-MM-DD). */
  week: string;
  onWeekChange: (monday: string) => void;
  /** Free slots link to the booking request form. */
  bookable?: boolean;
  /** Bookings link to their page (managers, members for their own). */
  linkBookings?: boolean;
  headingLevel?: 'h2' | 'h3';
  /** The space's minimum booking length: a shorter free gap is shown, but offers no booking. */
  minDurationMinutes?: number;
}

/**
 * A space's week, day by day: free, booked, closed, or kept for school.
 * Text carries the meaning (colours only repeat it), so it reads the same
 * with a screen reader and in high contrast.
 */
export function WeekCalendar({
  spaceId,
  week,
  onWeekChange,
  bookable = false,
  linkBookings = false,
  headingLevel = 'h2',
  minDurationMinutes = 0,
}: WeekCalendarProps) {
  const monday = mondayOf(week);
  const sunday = addDays(monday, 6);
  const today = todayInParis();
  const calendar = useAsync((signal) => bookingApi.calendar(spaceId, monday, sunday, { signal }), [spaceId, monday]);
  const Heading = headingLevel;
  const headingId = `semaine-${spaceId}`;
  // « Cette semaine » is disabled once pressed, which would drop the focus on <body>: it goes to the week shown.
  const [headingRef, focusHeadingSoon] = useFocusAfterRender<HTMLHeadingElement>();
  const series = new Map(seriesOfWeek(calendar.data?.segments ?? []).map((entry) => [entry.seriesId, entry]));

  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1} className="salle-h4 salle-focus-target">
        Semaine du {formatDate(monday)} au {formatDate(sunday)}
      </Heading>
      <div className="salle-toolbar">
        <Button priority="secondary" size="small" onClick={() => onWeekChange(addDays(monday, -7))}>
          Semaine précédente
        </Button>
        <Button
          priority="tertiary"
          size="small"
          onClick={() => {
            onWeekChange(mondayOf(today));
            focusHeadingSoon();
          }}
          disabled={monday === mondayOf(today)}
        >
          Cette semaine
        </Button>
        <Button priority="secondary" size="small" onClick={() => onWeekChange(addDays(monday, 7))}>
          Semaine suivante
        </Button>
      </div>
      {calendar.loading && <Loading label="Chargement du calendrier…" />}
      <ProblemAlert error={calendar.error} focus={false} />
      {!calendar.loading && calendar.data && (
        <WeekSeriesList series={seriesOfWeek(calendar.data.segments)} linkBookings={linkBookings} />
      )}
      {!calendar.loading && calendar.data && (
        <ol className="salle-week">
          {segmentsByDay(calendar.data.segments, monday).map((day) => (
            <li key={day.date}>
              <p className={`salle-week__day${day.date === today ? ' salle-week__day--today' : ''}`}>
                {formatShortDate(day.date)}
                {day.date === today && <span className="salle-sr-only"> (aujourd’hui)</span>}
              </p>
              {day.segments.length === 0 ? (
                <p className="salle-text--sm salle-p-1w salle-mb-0">Pas d’ouverture ce jour.</p>
              ) : (
                <ul className="salle-week__segments">
                  {day.segments.map((piece) => (
                    <li
                      key={`${piece.segment.kind}-${piece.startsAt}`}
                      className={`salle-segment--${piece.segment.kind}`}
                    >
                      <SegmentText
                        piece={piece}
                        series={series.get(piece.segment.booking?.seriesId ?? '')}
                        spaceId={spaceId}
                        bookable={bookable && day.date >= today}
                        minDurationMinutes={minDurationMinutes}
                        linkBookings={linkBookings}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The week's series, each once with its letter: the sessions below carry the same letter. */
function WeekSeriesList({ series, linkBookings }: { series: WeekSeries[]; linkBookings: boolean }) {
  if (series.length === 0) return null;
  return (
    <div className="salle-mb-2w">
      <p className="salle-text--sm salle-mb-1v">Séries hebdomadaires cette semaine&nbsp;:</p>
      <ul className="salle-text--sm">
        {series.map((entry) => (
          <li key={entry.seriesId}>
            <strong>Série {entry.letter}</strong>
            {entry.organisationName && <> – {entry.organisationName}</>}&nbsp;: {entry.sessions}{' '}
            {entry.sessions > 1 ? 'séances' : 'séance'} cette semaine
            {linkBookings && (
              <>
                {' '}
                <Link href={`/series/${entry.seriesId}`}>
                  voir la série<span className="salle-sr-only"> {entry.letter} et toutes ses séances</span>
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SegmentText({
  piece,
  series,
  spaceId,
  bookable,
  linkBookings,
  minDurationMinutes,
}: {
  piece: DaySegment<CalendarSegment>;
  series: WeekSeries | undefined;
  spaceId: string;
  bookable: boolean;
  linkBookings: boolean;
  minDurationMinutes: number;
}) {
  const { segment } = piece;
  const when = piece.allDay ? 'Toute la journée' : formatTimeRange(piece.startsAt, piece.endsAt);
  const booking = segment.booking;
  return (
    <>
      <strong>{when}</strong>&nbsp;: {KIND_LABELS[segment.kind]}
      {segment.reason && <> ({segment.reason})</>}
      {booking && (
        <>
          {' '}
          – {booking.organisationName ?? 'organisation'}
          {booking.mine && ' (vous)'},{' '}
          {BOOKING_STATUS[booking.status as BookingStatus]?.label.toLowerCase() ?? booking.status}
          {series && <> – séance de la série {series.letter}</>}
          {linkBookings && (
            <>
              {' '}
              <Link href={`/reservations/${booking.id}`}>
                voir<span className="salle-sr-only"> la réservation de {when}</span>
              </Link>
            </>
          )}
        </>
      )}
      {segment.kind === 'free' && bookable && !longEnough(piece, minDurationMinutes) && (
        <> (trop court pour une réservation, {formatDuration(minDurationMinutes)} au moins)</>
      )}
      {segment.kind === 'free' && bookable && longEnough(piece, minDurationMinutes) && (
        <>
          {' '}
          <Link
            href={`/espaces/${spaceId}/reserver?${new URLSearchParams({ debut: piece.startsAt, fin: piece.endsAt }).toString()}`}
          >
            réserver
            <span className="salle-sr-only">
              {' '}
              le {formatShortDate(piece.startsAt)} de {when}
            </span>
          </Link>
        </>
      )}
    </>
  );
}
