import type { BookingView } from '@salle/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import { Link } from '../../app/router';
import { CheckboxGroup, TextAreaField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge } from '../../components/status-badge';
import { UnreadMarker } from '../../components/unread-marker';
import { useAction } from '../../components/use-action';
import { overlappingBookings } from '../../lib/conflicts';
import { sentence } from '../../lib/form-errors';
import { BOOKING_STATUS } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatDate, formatSlot, formatTimeRange } from '../../lib/paris-time';
import { Alert, Button } from '../../ui';
import { RequesterPanel } from './requester-panel';

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;

/**
 * A weekly series waiting for the collège, as one card: its occurrences
 * inside, each with its conflicts and a box to choose it; one decision
 * (accept or refuse) applies to the chosen ones in one request.
 */
export function SeriesRequestCard({
  seriesId,
  occurrences,
  others,
  unread,
  onDecided,
}: {
  seriesId: string;
  occurrences: BookingView[];
  others: BookingView[];
  /** Messages of the series' thread the managers have not read yet. */
  unread: number;
  onDecided: (message: string) => void;
}) {
  const [first] = occurrences;
  const last = occurrences[occurrences.length - 1];
  const [chosen, setChosen] = useState<string[]>(() => occurrences.map((occurrence) => occurrence.id));
  const [mode, setMode] = useState<'idle' | 'approve' | 'refuse'>('idle');
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction();
  if (!first || !last) return null;
  const formId = `serie-${seriesId}`;
  const headingId = `${formId}-titre`;
  const total = occurrences
    .filter((occurrence) => chosen.includes(occurrence.id))
    .reduce((sum, occurrence) => sum + occurrence.priceCents, 0);

  const decide = () => {
    const problem = chosen.length === 0 ? ['bookingIds', 'Choisissez au moins une séance.'] : null;
    const missingReason = mode === 'refuse' && !text.trim() ? ['reason', 'Indiquez le motif du refus.'] : null;
    const fault = problem ?? missingReason;
    if (fault) {
      const [field, title] = fault as [string, string];
      return setError(
        new ApiError({ title, status: 400, code: 'validation_failed', errors: [{ field, message: title }] }),
      );
    }
    // The occurrences the manager saw and chose, even when they are all of them.
    return run(async () => {
      const result =
        mode === 'approve'
          ? await bookingApi.approveSeries(seriesId, text.trim() || undefined, chosen)
          : await bookingApi.refuseSeries(seriesId, text.trim(), chosen);
      const verb = mode === 'approve' ? 'acceptée' : 'refusée';
      const { applied, refused } = result.summary;
      onDecided(
        `Série de ${first.organisationName}\u00a0: ${plural(applied, 'séance')} ${verb}${applied > 1 ? 's' : ''}` +
          (refused > 0 ? `, ${plural(refused, 'séance')} non modifiée${refused > 1 ? 's' : ''}.` : '.'),
      );
    });
  };

  return (
    <article className="salle-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="salle-h5 salle-mb-1w">
        Série hebdomadaire de {plural(occurrences.length, 'séance')}
      </h2>
      <p className="salle-mb-1w">
        {first.spaceName} · {first.organisationName} · du {formatDate(first.startsAt)} au {formatDate(last.startsAt)},{' '}
        {formatTimeRange(first.startsAt, first.endsAt)}
        <UnreadMarker count={unread} />
      </p>
      <p className="salle-mb-1w">
        {/* The series' page holds the thread its sessions share. */}
        <Link href={`/series/${seriesId}`}>
          Voir la série et les échanges<span className="salle-sr-only"> avec {first.organisationName}</span>
        </Link>
      </p>
      {first.purpose && <p className="salle-mb-1w">Activité&nbsp;: {first.purpose}</p>}
      <RequesterPanel
        establishmentId={first.establishmentId}
        organisationId={first.organisationId}
        organisationName={first.organisationName}
      />
      <ProblemAlert
        error={error}
        form={{
          id: formId,
          fields: { reason: mode === 'refuse' ? 'Motif du refus' : 'Message', bookingIds: 'Séances' },
        }}
      />
      <CheckboxGroup
        formId={formId}
        name="bookingIds"
        legend="Séances concernées par la décision"
        hint={`${plural(chosen.length, 'séance')} choisie${chosen.length > 1 ? 's' : ''}, ${formatEuros(total)} au total`}
        values={chosen}
        onChange={setChosen}
        options={occurrences.map((occurrence) => ({
          value: occurrence.id,
          label: <OccurrenceLabel occurrence={occurrence} />,
          hint: <OccurrenceConflicts overlaps={overlappingBookings(occurrence, others)} />,
        }))}
      />
      {mode === 'idle' ? (
        <ul className="salle-btns-group salle-btns-group--inline-sm">
          <li>
            <Button onClick={() => setMode('approve')}>
              Accepter la sélection<span className="salle-sr-only"> de la série de {first.organisationName}</span>
            </Button>
          </li>
          <li>
            <Button priority="secondary" onClick={() => setMode('refuse')}>
              Refuser la sélection<span className="salle-sr-only"> de la série de {first.organisationName}</span>
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
            hint={mode === 'approve' ? 'Facultatif\u00a0: consignes d’accès, contact sur place…' : 'Obligatoire'}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={
              error?.fieldErrors[0]?.field === 'reason' ? sentence(error.fieldErrors[0]?.message ?? '') : undefined
            }
            autoFocus
          />
          <ul className="salle-btns-group salle-btns-group--inline-sm">
            <li>
              <Button type="submit" disabled={busy}>
                {mode === 'approve'
                  ? `Accepter ${plural(chosen.length, 'séance')}`
                  : `Refuser ${plural(chosen.length, 'séance')}`}
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

function OccurrenceLabel({ occurrence }: { occurrence: BookingView }) {
  return (
    <>
      {formatSlot(occurrence.startsAt, occurrence.endsAt)} · {formatEuros(occurrence.priceCents)}{' '}
      <BookingStatusBadge status={occurrence.status} />
    </>
  );
}

function OccurrenceConflicts({ overlaps }: { overlaps: BookingView[] }) {
  if (overlaps.length === 0) return null;
  return (
    <Alert
      severity="warning"
      small
      description={
        <ul className="salle-mb-0">
          {overlaps.map((other) => (
            <li key={other.id}>
              Conflit possible&nbsp;: {BOOKING_STATUS[other.status].label.toLowerCase()}{' '}
              {formatTimeRange(other.startsAt, other.endsAt)} –{' '}
              <Link href={`/reservations/${other.id}`}>
                voir<span className="salle-sr-only"> la réservation en conflit</span>
              </Link>
            </li>
          ))}
        </ul>
      }
    />
  );
}
