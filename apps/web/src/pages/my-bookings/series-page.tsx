import { CANCELLABLE_STATUSES, type BookingStatus, type BookingView, type SeriesView } from '@salle/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import type { PageProps } from '../../app/routes';
import { Link } from '../../app/router';
import { hasRole, useSession } from '../../app/session';
import { usePageTitle } from '../../app/site-context';
import { CheckboxGroup, TextAreaField } from '../../components/form-fields';
import { EstablishmentContact } from '../../components/establishment-contact';
import { LoadFailure } from '../../components/load-failure';
import { Loading } from '../../components/loading';
import { PayButton } from '../../components/pay-button';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge } from '../../components/status-badge';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { sentence } from '../../lib/form-errors';
import { BOOKING_STATUS } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatDate, formatSlot, formatTimeRange } from '../../lib/paris-time';
import { SeriesPaymentSchedule } from './series-payment-schedule';
import { Alert, Button, ResponsiveTable, type TableColumn } from '../../ui';
import { ConventionPanel } from './convention-panel';
import { Conversation } from './conversation';
import { PAYMENT_AFTER_SIGNATURES } from './payment-after-signatures';

const CANCELLABLE: readonly BookingStatus[] = CANCELLABLE_STATUSES;
const PAYABLE = new Set<string>(['approved', 'awaiting_payment']);
/** Sessions whose convention is no longer the issued one (the parties see a draft through them). */
const ENDED = new Set<string>(['refused', 'expired', 'cancelled']);
const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;

/**
 * A weekly series followed as one thing: its parties, how many sessions are
 * in each status, every session with its own state and actions, and the
 * cancellation of the whole series or chosen sessions in one action.
 */
export function SeriesPage({ params }: PageProps) {
  const seriesId = params['seriesId'] ?? '';
  const { me } = useSession();
  const data = useAsync(
    async (signal) => {
      const series = await bookingApi.series(seriesId, { signal });
      // The collège's address and contact, as on each booking.
      return { ...series, establishment: await bookingApi.establishment(series.establishmentId, { signal }) };
    },
    [seriesId],
  );
  const [outcome, setOutcome] = useState<string | null>(null);
  const [outcomeRef, focusOutcomeSoon] = useFocusAfterRender<HTMLDivElement>();
  usePageTitle(data.data ? `Série hebdomadaire, ${data.data.spaceName}` : 'Série de réservations');

  if (data.loading && !data.data) return <Loading label="Chargement de la série…" />;
  if (data.error || !data.data)
    return (
      <LoadFailure
        error={data.error}
        notFoundTitle="Série introuvable"
        failureTitle="La série n’a pas pu être affichée"
      />
    );
  const series = data.data;
  const isMember = Boolean(me?.organisations.some((organisation) => organisation.id === series.organisationId));
  const isManager =
    Boolean(me?.establishments.some((item) => item.id === series.establishmentId)) || hasRole(me, 'department_admin');
  const now = Date.now();
  const cancellable = series.occurrences.filter(
    (occurrence) => CANCELLABLE.includes(occurrence.status) && Date.parse(occurrence.startsAt) > now,
  );
  const [first] = series.occurrences;
  const last = series.occurrences[series.occurrences.length - 1];
  const conventionSession = series.occurrences.find((occurrence) => !ENDED.has(occurrence.status)) ?? first;

  return (
    <>
      <h1 className="salle-mb-1w">Série hebdomadaire de {plural(series.occurrences.length, 'séance')}</h1>
      <p className="salle-text--lead salle-mb-2w">
        <Link href={`/espaces/${series.spaceId}`}>{series.spaceName}</Link>, {series.establishmentName} ·{' '}
        {series.organisationName}
      </p>
      <EstablishmentContact establishment={series.establishment} />
      {first && last && (
        <p>
          Du {formatDate(first.startsAt)} au {formatDate(last.startsAt)},{' '}
          {formatTimeRange(first.startsAt, first.endsAt)}
        </p>
      )}
      <ul aria-label="Séances par statut" className="salle-mb-2w">
        {Object.entries(series.statusCounts).map(([status, count]) => (
          <li key={status}>
            {BOOKING_STATUS[status as BookingStatus].label}&nbsp;: {count}
          </li>
        ))}
      </ul>
      {series.occurrences.some((occurrence) => occurrence.awaitingSignatures) && (
        <Alert severity="info" small className="salle-mb-2w" description={PAYMENT_AFTER_SIGNATURES} />
      )}
      {series.paymentSchedule.some((period) => period.amountCents > 0) && (
        <SeriesPaymentSchedule series={series} isMember={isMember} isManager={isManager} onChanged={data.reload} />
      )}
      <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target">
        {outcome && <Alert severity="success" small className="salle-mb-2w" description={outcome} closable />}
      </div>
      <ResponsiveTable
        caption="Séances de la série"
        rows={series.occurrences}
        rowKey={(occurrence) => occurrence.id}
        columns={occurrenceColumns(isMember)}
      />
      {/* One convention for the whole series, reached through a session still under it (a cancelled one shows a draft). */}
      {conventionSession && <ConventionPanel bookingId={conventionSession.id} />}
      {/* The sessions share one thread: any of them reads and writes it. */}
      {first && (isMember || isManager) && (
        <Conversation bookingId={first.id} withWhom={isMember && !isManager ? 'le collège' : 'l’organisation'} />
      )}
      {(isMember || isManager) && cancellable.length > 0 && (
        <CancelSessions
          series={series}
          cancellable={cancellable}
          reasonRequired={isManager && !isMember}
          onCancelled={(message) => {
            setOutcome(message);
            data.reload();
            focusOutcomeSoon();
          }}
        />
      )}
    </>
  );
}

function occurrenceColumns(isMember: boolean): TableColumn<BookingView>[] {
  return [
    {
      header: 'Séance',
      cell: (occurrence) => (
        <Link href={`/reservations/${occurrence.id}`}>{formatSlot(occurrence.startsAt, occurrence.endsAt)}</Link>
      ),
    },
    { header: 'Statut', cell: (occurrence) => <BookingStatusBadge status={occurrence.status} /> },
    { header: 'Prix', cell: (occurrence) => formatEuros(occurrence.priceCents) },
    {
      header: 'Action',
      cell: (occurrence) =>
        isMember &&
        PAYABLE.has(occurrence.status) &&
        occurrence.priceCents > 0 &&
        !occurrence.awaitingSignatures &&
        !occurrence.conventionDueAt ? (
          <PayButton bookingId={occurrence.id} amountCents={occurrence.priceCents} size="small" />
        ) : (
          <Link href={`/reservations/${occurrence.id}`}>
            Détails
            <span className="salle-sr-only"> de la séance du {formatSlot(occurrence.startsAt, occurrence.endsAt)}</span>
          </Link>
        ),
    },
  ];
}

/** Cancels the chosen sessions (all the cancellable ones at first) in one request. */
function CancelSessions({
  series,
  cancellable,
  reasonRequired,
  onCancelled,
}: {
  series: SeriesView;
  cancellable: BookingView[];
  reasonRequired: boolean;
  onCancelled: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(() => cancellable.map((occurrence) => occurrence.id));
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const formId = 'annulation-serie';
  const still = chosen.filter((id) => cancellable.some((occurrence) => occurrence.id === id));

  if (!open)
    return (
      <p className="salle-mt-4w">
        <Button priority="secondary" onClick={() => setOpen(true)}>
          Annuler des séances de la série
        </Button>
      </p>
    );

  const submit = () => {
    const fault =
      still.length === 0
        ? (['bookingIds', 'Choisissez au moins une séance.'] as const)
        : reasonRequired && !reason.trim()
          ? (['reason', 'Indiquez le motif de l’annulation.'] as const)
          : null;
    if (fault) {
      const [field, title] = fault;
      return setError(
        new ApiError({ title, status: 400, code: 'validation_failed', errors: [{ field, message: title }] }),
      );
    }
    return run(async () => {
      const result = await bookingApi.cancelSeries(series.id, reason.trim() || undefined, still);
      setOpen(false);
      const { applied, refused } = result.summary;
      onCancelled(
        `${plural(applied, 'séance')} annulée${applied > 1 ? 's' : ''}` +
          (refused > 0 ? `, ${plural(refused, 'séance')} ne pouvai${refused > 1 ? 'en' : ''}t plus l’être.` : '.'),
      );
    });
  };

  return (
    <form
      id={formId}
      noValidate
      className="salle-panel salle-mt-4w"
      aria-labelledby={`${formId}-titre`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${formId}-titre`} className="salle-h4">
        Annuler des séances
      </h2>
      <p>
        {reasonRequired
          ? 'L’annulation par le collège est remboursée en totalité à l’organisation.'
          : 'Chaque séance payée est remboursée selon les conditions d’annulation du collège.'}
      </p>
      <ProblemAlert error={error} form={{ id: formId, fields: { reason: 'Motif', bookingIds: 'Séances' } }} />
      <CheckboxGroup
        formId={formId}
        name="bookingIds"
        legend="Séances à annuler"
        values={still}
        onChange={setChosen}
        options={cancellable.map((occurrence) => ({
          value: occurrence.id,
          label: formatSlot(occurrence.startsAt, occurrence.endsAt),
        }))}
      />
      <TextAreaField
        formId={formId}
        name="reason"
        label="Motif"
        hint={reasonRequired ? 'Obligatoire, transmis à l’organisation' : 'Facultatif, transmis au collège'}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={error?.fieldErrors[0]?.field === 'reason' ? sentence(error.fieldErrors[0].message) : undefined}
      />
      <ul className="salle-btns-group salle-btns-group--inline-md">
        <li>
          <Button type="submit" disabled={busy}>
            {busy ? 'Annulation…' : `Annuler ${plural(still.length, 'séance')}`}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={() => setOpen(false)}>
            Garder les séances
          </Button>
        </li>
      </ul>
    </form>
  );
}
