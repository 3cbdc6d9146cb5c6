import type { BookingView, CalendarSegment } from '@salle/contracts';
import { useState } from 'react';
import { allBookings } from '../../api/all-bookings';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import type { PageProps } from '../../app/routes';
import { Link } from '../../app/router';
import { TextAreaField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge } from '../../components/status-badge';
import { UnreadMarker, unreadOf, useUnreadMessages } from '../../components/unread-marker';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { overlappingBookings } from '../../lib/conflicts';
import { sentence } from '../../lib/form-errors';
import { BOOKING_STATUS } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { addDays, formatSlot, formatTimeRange, parisDateOf } from '../../lib/paris-time';
import { groupBySeries, type BookingItem } from '../../lib/series-groups';
import { ManagerLayout } from './manager-layout';
import { RequesterPanel } from './requester-panel';
import { SeriesRequestCard } from './series-request-card';
import { Alert, Button } from '../../ui';

export function RequestsPage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  return (
    <ManagerLayout establishmentId={establishmentId} title="Demandes à traiter">
      {() => <Requests establishmentId={establishmentId} />}
    </ManagerLayout>
  );
}

function Requests({ establishmentId }: { establishmentId: string }) {
  const data = useAsync(
    async (signal) => {
      // Every page: a series crossing a page boundary would otherwise show as a partial card.
      const requests = await allBookings({ establishmentId, status: 'requested' }, { signal });
      const items = [...requests].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      let others: BookingView[] = [];
      const first = items[0];
      const last = items[items.length - 1];
      if (first && last) {
        // Everything booked around the requests, to point out overlaps before deciding.
        others = await allBookings(
          {
            establishmentId,
            from: `${addDays(parisDateOf(first.startsAt), -1)}T00:00:00Z`,
            to: `${addDays(parisDateOf(last.endsAt), 1)}T23:59:59Z`,
          },
          { signal },
        );
      }
      const byId = new Map([...others, ...items].map((item) => [item.id, item]));
      return { requests: items, others: [...byId.values()] };
    },
    [establishmentId],
  );
  const unread = useUnreadMessages();
  const [decided, setDecided] = useState<string[]>([]);
  // The decided card goes away with the button that had the focus: the focus goes to what was done.
  const [outcomeRef, focusOutcomeSoon] = useFocusAfterRender<HTMLDivElement>();

  const loaded = data.data;
  if (data.loading && !loaded) return <Loading label="Chargement des demandes…" />;
  if (data.error || !loaded) return <ProblemAlert error={data.error} />;
  // A series is one item; after any decision the list is read again, so every card shows the new state.
  const pending = groupBySeries(loaded.requests);
  const onDecided = (message: string) => {
    setDecided((current) => [...current, message]);
    data.reload();
    focusOutcomeSoon();
  };

  return (
    <>
      <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target">
        <p role="status">{pendingSummary(pending)}</p>
        {decided.map((message, index) => (
          <Alert key={index} severity="success" small className="salle-mb-2w" description={message} closable />
        ))}
      </div>
      {pending.map((item) =>
        item.kind === 'series' ? (
          <SeriesRequestCard
            key={item.key}
            seriesId={item.seriesId}
            occurrences={item.occurrences}
            others={loaded.others}
            unread={unreadOf(
              item.occurrences.map((occurrence) => occurrence.id),
              unread,
            )}
            onDecided={onDecided}
          />
        ) : (
          <RequestCard
            key={item.key}
            request={item.booking}
            overlaps={overlappingBookings(item.booking, loaded.others)}
            unread={unreadOf([item.booking.id], unread)}
            onDecided={onDecided}
          />
        ),
      )}
    </>
  );
}

function pendingSummary(pending: BookingItem<BookingView>[]): string {
  if (pending.length === 0) return 'Aucune demande en attente.';
  const series = pending.filter((item) => item.kind === 'series').length;
  const among = series > 0 ? ` (dont ${series} série${series > 1 ? 's' : ''})` : '';
  return `${pending.length} demande${pending.length > 1 ? 's' : ''} en attente${among}, de la plus proche à la plus lointaine.`;
}

function RequestCard({
  request,
  overlaps,
  unread,
  onDecided,
}: {
  request: BookingView;
  overlaps: BookingView[];
  /** Messages from the organisation the managers have not read yet. */
  unread: number;
  onDecided: (message: string) => void;
}) {
  const day = parisDateOf(request.startsAt);
  const calendar = useAsync(
    (signal) => bookingApi.calendar(request.spaceId, day, day, { signal }),
    [request.spaceId, day],
  );
  const [mode, setMode] = useState<'idle' | 'approve' | 'refuse'>('idle');
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction();
  // The day's calendar is read for the closures around the request only: the request names its space and organisation.
  const segments = calendar.data?.segments ?? [];
  const organisationName = request.organisationName;
  const closures = segments.filter(
    (segment) =>
      segment.kind === 'closed' &&
      Date.parse(segment.startsAt) < Date.parse(request.endsAt) &&
      Date.parse(segment.endsAt) > Date.parse(request.startsAt),
  );
  const formId = `decision-${request.id}`;
  const slot = formatSlot(request.startsAt, request.endsAt);

  const decide = () => {
    if (mode === 'refuse' && !text.trim()) {
      return setError(
        new ApiError({
          title: 'Indiquez le motif du refus.',
          status: 400,
          code: 'validation_failed',
          errors: [{ field: 'reason', message: 'indiquez le motif du refus' }],
        }),
      );
    }
    return run(async () => {
      if (mode === 'approve') {
        const updated = await bookingApi.approve(request.id, text.trim() || undefined);
        onDecided(
          `Demande de ${organisationName} du ${slot} acceptée (${BOOKING_STATUS[updated.status].label.toLowerCase()}).`,
        );
      } else {
        await bookingApi.refuse(request.id, text.trim());
        onDecided(`Demande de ${organisationName} du ${slot} refusée.`);
      }
    });
  };

  return (
    <article className="salle-panel" aria-labelledby={`demande-${request.id}`}>
      <h2 id={`demande-${request.id}`} className="salle-h5 salle-mb-1w">
        {slot}
      </h2>
      <p className="salle-mb-1w">
        {request.spaceName} · {organisationName} · <BookingStatusBadge status={request.status} />
        <UnreadMarker count={unread} />
      </p>
      <p className="salle-mb-1w">
        {/* The request's page holds its conversation with the organisation. */}
        <Link href={`/reservations/${request.id}`}>
          Voir la demande et les échanges<span className="salle-sr-only"> du {slot}</span>
        </Link>
      </p>
      <ul className="salle-mb-2w">
        <li>
          Prix : {formatEuros(request.priceCents)}
          {request.priceExplanation ? ` (${request.priceExplanation})` : ''}
        </li>
        {request.purpose && <li>Activité&nbsp;: {request.purpose}</li>}
        {request.attendees !== null && <li>Participants : {request.attendees}</li>}
        {request.seriesId && <li>Fait partie d’une série hebdomadaire.</li>}
      </ul>
      <RequesterPanel
        establishmentId={request.establishmentId}
        organisationId={request.organisationId}
        organisationName={organisationName}
      />
      {(overlaps.length > 0 || closures.length > 0) && (
        <Alert
          severity="warning"
          small
          className="salle-mb-2w"
          description={
            <>
              <strong>Attention, conflit possible :</strong>
              <ul className="salle-mb-0">
                {overlaps.map((other) => (
                  <li key={other.id}>
                    {BOOKING_STATUS[other.status].label} {formatTimeRange(other.startsAt, other.endsAt)} –{' '}
                    <Link href={`/reservations/${other.id}`}>
                      voir<span className="salle-sr-only"> la réservation en conflit</span>
                    </Link>
                  </li>
                ))}
                {closures.map((closure: CalendarSegment) => (
                  <li key={closure.startsAt}>
                    Fermeture {formatTimeRange(closure.startsAt, closure.endsAt)}
                    {closure.reason ? ` (${closure.reason})` : ''}
                  </li>
                ))}
              </ul>
            </>
          }
        />
      )}
      <ProblemAlert error={error} form={{ id: formId, fields: { reason: 'Motif du refus' } }} />
      {mode === 'idle' ? (
        <ul className="salle-btns-group salle-btns-group--inline-sm">
          <li>
            <Button onClick={() => setMode('approve')}>
              Accepter<span className="salle-sr-only"> la demande du {slot}</span>
            </Button>
          </li>
          <li>
            <Button priority="secondary" onClick={() => setMode('refuse')}>
              Refuser<span className="salle-sr-only"> la demande du {slot}</span>
            </Button>
          </li>
        </ul>
      ) : (
        <form
          id={formId}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void decide();
          }}
        >
          <TextAreaField
            formId={formId}
            name="reason"
            label={mode === 'approve' ? 'Message pour l’organisation' : 'Motif du refus'}
            hint={
              mode === 'approve'
                ? 'Facultatif\u00a0: consignes d’accès, contact sur place…'
                : 'Obligatoire, transmis à l’organisation'
            }
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={error?.fieldErrors.length ? sentence(error.fieldErrors[0]?.message ?? '') : undefined}
            autoFocus
          />
          <ul className="salle-btns-group salle-btns-group--inline-sm">
            <li>
              <Button type="submit" disabled={busy}>
                {mode === 'approve' ? 'Confirmer l’acceptation' : 'Confirmer le refus'}
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setMode('idle')}>
                Retour
              </Button>
            </li>
          </ul>
        </form>
      )}
    </article>
  );
}
