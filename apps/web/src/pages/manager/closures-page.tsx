import type { BookingView, CreateClosureBody } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import type { PageProps } from '../../app/routes';
import { Link } from '../../app/router';
import { SelectField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge } from '../../components/status-badge';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { mapFieldErrors } from '../../lib/form-errors';
import { addDays, formatSlot, parisIso, todayInParis } from '../../lib/paris-time';
import { ManagerLayout } from './manager-layout';
import { Alert, Button, ResponsiveTable, type TableColumn } from '../../ui';

const AFFECTED_COLUMNS: TableColumn<BookingView>[] = [
  {
    header: 'Créneau',
    cell: (booking) => <Link href={`/reservations/${booking.id}`}>{formatSlot(booking.startsAt, booking.endsAt)}</Link>,
  },
  { header: 'Espace', cell: (booking) => booking.spaceName },
  { header: 'Organisation', cell: (booking) => booking.organisationName },
  { header: 'Statut', cell: (booking) => <BookingStatusBadge status={booking.status} /> },
];

const FORM_ID = 'fermeture';
const FIELDS = {
  spaceId: 'Espace',
  startDate: 'Du',
  startTime: 'Heure de début',
  endDate: 'Au',
  endTime: 'Heure de fin',
  reason: 'Motif',
};
const ALIASES = { startsAt: 'startDate', endsAt: 'endDate' };

export function ClosuresPage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  const data = useAsync(
    async (signal) => {
      const [closures, spaces] = await Promise.all([
        bookingApi.closures(establishmentId),
        bookingApi.establishmentSpaces(establishmentId, { signal }),
      ]);
      return {
        closures: [...closures.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
        spaces: spaces.items,
      };
    },
    [establishmentId],
  );
  const today = todayInParis();
  const [form, setForm] = useState({
    spaceId: '',
    startDate: today,
    startTime: '00:00',
    endDate: addDays(today, 1),
    endTime: '00:00',
    reason: '',
  });
  const { busy, error, setError, run } = useAction();
  const [pending, setPending] = useState<{ closure: CreateClosureBody; bookings: BookingView[] } | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [pendingRef, focusPendingSoon] = useFocusAfterRender<HTMLDivElement>();
  const [outcomeRef, focusOutcomeSoon] = useFocusAfterRender<HTMLDivElement>();
  const update = (field: keyof typeof form, value: string) => setForm((current) => ({ ...current, [field]: value }));

  const add = (event: FormEvent) => {
    event.preventDefault();
    const problems = [
      ...(/^\d{4}-\d{2}-\d{2}$/.test(form.startDate)
        ? []
        : [{ field: 'startDate', message: 'indiquez la date de début' }]),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(form.endDate) ? [] : [{ field: 'endDate', message: 'indiquez la date de fin' }]),
      ...(/^\d{2}:\d{2}$/.test(form.startTime) ? [] : [{ field: 'startTime', message: 'indiquez l’heure de début' }]),
      ...(/^\d{2}:\d{2}$/.test(form.endTime) ? [] : [{ field: 'endTime', message: 'indiquez l’heure de fin' }]),
      ...(form.reason.trim() ? [] : [{ field: 'reason', message: 'indiquez le motif (affiché aux demandeurs)' }]),
    ];
    if (problems.length)
      return setError(
        new ApiError({
          title: 'Le formulaire contient des erreurs.',
          status: 400,
          code: 'validation_failed',
          errors: problems,
        }),
      );
    const closure = {
      spaceId: form.spaceId || undefined,
      startsAt: parisIso(form.startDate, form.startTime),
      endsAt: parisIso(form.endDate, form.endTime),
      reason: form.reason.trim(),
    };
    return run(async () => {
      // The bookings the closure would cancel are listed first; without any, it is added at once.
      const affected = await bookingApi.previewClosure(establishmentId, closure);
      if (affected.items.length > 0) {
        setPending({ closure, bookings: affected.items });
        focusPendingSoon();
        return;
      }
      await bookingApi.addClosure(establishmentId, closure);
      closed('Fermeture ajoutée.');
    });
  };
  const confirm = () =>
    pending &&
    run(async () => {
      const created = await bookingApi.addClosure(establishmentId, { ...pending.closure, cancelBookings: true });
      const count = created.cancelledBookingIds.length;
      closed(
        `Fermeture ajoutée\u00a0: ${count} réservation${count > 1 ? 's' : ''} annulée${count > 1 ? 's' : ''} par le collège, ` +
          'remboursée' +
          (count > 1 ? 's' : '') +
          ' en totalité\u00a0; les organisations sont prévenues.',
      );
    });
  const closed = (message: string) => {
    setPending(null);
    setOutcome(message);
    setForm((current) => ({ ...current, reason: '' }));
    data.reload();
    focusOutcomeSoon();
  };
  const remove = (id: string) => {
    if (!window.confirm('Supprimer cette fermeture\u00a0?')) return;
    return run(async () => {
      await bookingApi.removeClosure(id);
      data.reload();
    });
  };
  const spaceName = (id: string | null) =>
    id ? (data.data?.spaces.find((space) => space.id === id)?.name ?? 'Espace') : 'Tout le collège';
  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(FIELDS), ALIASES).byField;

  return (
    <ManagerLayout establishmentId={establishmentId} title="Fermetures">
      {() => (
        <>
          <p>Travaux, examens, événements du collège&nbsp;: pendant une fermeture, aucun créneau n’est proposé.</p>
          <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target">
            {outcome && <Alert severity="success" small className="salle-mb-2w" description={outcome} closable />}
          </div>
          {data.loading && !data.data && <Loading />}
          {data.data && (
            <>
              {data.data.closures.length === 0 ? (
                <p>Aucune fermeture enregistrée.</p>
              ) : (
                <ul>
                  {data.data.closures.map((closure) => (
                    <li key={closure.id}>
                      {spaceName(closure.spaceId)}&nbsp;: {formatSlot(closure.startsAt, closure.endsAt)} –{' '}
                      {closure.reason}{' '}
                      <button
                        type="button"
                        className="salle-link salle-text--sm"
                        onClick={() => void remove(closure.id)}
                      >
                        Supprimer<span className="salle-sr-only"> la fermeture «&nbsp;{closure.reason}&nbsp;»</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <h2 className="salle-h4 salle-mt-4w">Ajouter une fermeture</h2>
              <form id={FORM_ID} onSubmit={add} noValidate className="salle-panel">
                <ProblemAlert error={error} form={{ id: FORM_ID, fields: FIELDS, aliases: ALIASES }} />
                <SelectField
                  formId={FORM_ID}
                  name="spaceId"
                  label="Espace"
                  placeholder="Tout le collège"
                  options={data.data.spaces.map((space) => ({ value: space.id, label: space.name }))}
                  value={form.spaceId}
                  onChange={(e) => update('spaceId', e.target.value)}
                />
                <div className="salle-grid-row salle-grid-row--gutters">
                  <div className="salle-col-6 salle-col-md-3">
                    <TextField
                      formId={FORM_ID}
                      name="startDate"
                      label="Du"
                      type="date"
                      value={form.startDate}
                      onChange={(e) => update('startDate', e.target.value)}
                      error={errors['startDate']}
                    />
                  </div>
                  <div className="salle-col-6 salle-col-md-3">
                    <TextField
                      formId={FORM_ID}
                      name="startTime"
                      label="Heure de début"
                      type="time"
                      value={form.startTime}
                      onChange={(e) => update('startTime', e.target.value)}
                      error={errors['startTime']}
                    />
                  </div>
                  <div className="salle-col-6 salle-col-md-3">
                    <TextField
                      formId={FORM_ID}
                      name="endDate"
                      label="Au"
                      type="date"
                      value={form.endDate}
                      onChange={(e) => update('endDate', e.target.value)}
                      error={errors['endDate']}
                    />
                  </div>
                  <div className="salle-col-6 salle-col-md-3">
                    <TextField
                      formId={FORM_ID}
                      name="endTime"
                      label="Heure de fin"
                      type="time"
                      value={form.endTime}
                      onChange={(e) => update('endTime', e.target.value)}
                      error={errors['endTime']}
                    />
                  </div>
                </div>
                <TextField
                  formId={FORM_ID}
                  name="reason"
                  label="Motif"
                  hint="Affiché aux demandeurs"
                  value={form.reason}
                  onChange={(e) => update('reason', e.target.value)}
                  error={errors['reason']}
                />
                <Button type="submit" disabled={busy || pending !== null}>
                  Ajouter la fermeture
                </Button>
              </form>
              {pending && (
                <div
                  ref={pendingRef}
                  tabIndex={-1}
                  role="region"
                  aria-labelledby="fermeture-reservations"
                  className="salle-panel salle-focus-target salle-mt-2w"
                >
                  <h3 id="fermeture-reservations" className="salle-h5">
                    Cette fermeture touche {pending.bookings.length} réservation
                    {pending.bookings.length > 1 ? 's' : ''}
                  </h3>
                  <p>
                    En confirmant, le collège les annule (ou refuse les demandes en attente) avec le motif «&nbsp;
                    {pending.closure.reason}&nbsp;»&nbsp;; les sommes payées sont remboursées en totalité et les
                    organisations sont prévenues.
                  </p>
                  <ResponsiveTable
                    caption="Réservations touchées par la fermeture"
                    captionHidden
                    rows={pending.bookings}
                    rowKey={(booking) => booking.id}
                    columns={AFFECTED_COLUMNS}
                  />
                  <ul className="salle-btns-group salle-btns-group--inline-md">
                    <li>
                      <Button onClick={() => void confirm()} disabled={busy}>
                        Fermer et annuler {pending.bookings.length} réservation{pending.bookings.length > 1 ? 's' : ''}
                      </Button>
                    </li>
                    <li>
                      <Button priority="secondary" onClick={() => setPending(null)}>
                        Revenir au formulaire
                      </Button>
                    </li>
                  </ul>
                </div>
              )}
            </>
          )}
          <ProblemAlert error={data.error} />
        </>
      )}
    </ManagerLayout>
  );
}
