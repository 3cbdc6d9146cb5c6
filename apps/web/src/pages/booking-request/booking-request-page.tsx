import type { BookingView, SeriesCreatedView, SeriesPreviewView, SpaceQuoteView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import type { PageProps } from '../../app/routes';
import { Link, useLocation } from '../../app/router';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../app/site-context';
import { SelectField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { LoadFailure } from '../../components/load-failure';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge } from '../../components/status-badge';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { mapFieldErrors } from '../../lib/form-errors';
import { ORGANISATION_STATUS } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatDuration, formatSlot, todayInParis } from '../../lib/paris-time';
import {
  BOOKING_REQUEST_ALIASES,
  BOOKING_REQUEST_FIELDS,
  bookableOrganisations,
  buildBookingRequest,
  buildSeriesRequest,
  initialBookingRequestForm,
  seriesPreviewOf,
  typedDurationMinutes,
  type BookingRequestForm,
} from './booking-request-model';
import { RequestFields } from './request-fields';
import { SeriesFormActions, SeriesPreviewSection } from './series-preview-table';
import { Alert, Breadcrumb, Button } from '../../ui';
import { timeStepOf } from '@salle/contracts/browser';

const FORM_ID = 'demande';

type Outcome = { kind: 'booking'; booking: BookingView } | { kind: 'series'; result: SeriesCreatedView };

export function BookingRequestPage({ params }: PageProps) {
  const spaceId = params['spaceId'] ?? '';
  const location = useLocation();
  const { me } = useSession();
  const organisations = bookableOrganisations(me?.organisations ?? []);
  const space = useAsync(
    async (signal) => {
      const found = await bookingApi.space(spaceId, { signal });
      return { ...found, establishment: await bookingApi.establishment(found.establishmentId, { signal }) };
    },
    [spaceId],
  );
  usePageTitle(space.data ? `Réserver\u00a0: ${space.data.name}` : 'Demander une réservation');

  const [form, setForm] = useState<BookingRequestForm | null>(null);
  const { busy, error, setError, run } = useAction();
  const [preview, setPreview] = useState<SeriesPreviewView | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [previewHeading, focusPreviewSoon] = useFocusAfterRender<HTMLHeadingElement>();
  const [outcomeRef, focusOutcomeSoon] = useFocusAfterRender<HTMLDivElement>();
  const initial =
    space.data &&
    initialBookingRequestForm({
      organisationId: organisations.length === 1 ? organisations[0]?.id : undefined,
      start: location.search.get('debut'),
      end: location.search.get('fin'),
      defaultMinutes: Math.max(space.data.minDurationMinutes, 120),
      maxMinutes: space.data.maxDurationMinutes,
      today: todayInParis(),
      schoolYearEndsOn: space.data.schoolYearEndsOn,
    });
  const shown = form ?? initial;
  const typed = shown ? typedDurationMinutes(shown) : null;
  const category = organisations.find((organisation) => organisation.id === shown?.organisationId)?.kind;
  // A commune pays by invoice (administrative mandate; a series one invoice per period): it gives what the invoice
  // needs.
  const invoiced = category === 'commune';
  const price = useAsync(
    (signal) =>
      typed && category
        ? bookingApi.spaceQuote(spaceId, { durationMinutes: typed, category }, { signal })
        : Promise.resolve(null),
    [spaceId, typed, category],
  );

  if (space.loading) return <Loading label="Chargement de l’espace…" />;
  if (space.error || !space.data)
    return (
      <LoadFailure
        error={space.error}
        notFoundTitle="Espace introuvable"
        failureTitle="L’espace n’a pas pu être affiché"
      />
    );
  const details = space.data;
  const { establishment } = details;
  const step = timeStepOf(details);
  const current = shown ?? initialBookingRequestForm({ defaultMinutes: 120, maxMinutes: 600, today: todayInParis() });
  const update = <K extends keyof BookingRequestForm>(field: K, value: BookingRequestForm[K]) => {
    setForm({ ...current, [field]: value });
    if (field !== 'purpose' && field !== 'attendees') setPreview(null);
  };
  const invalid = (errors: { field: string; message: string }[]) =>
    setError(
      new ApiError({ title: 'Le formulaire contient des erreurs.', status: 400, code: 'validation_failed', errors }),
    );
  const showOutcome = (next: Outcome) => {
    setOutcome(next);
    focusOutcomeSoon();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (current.mode === 'once') {
      const built = buildBookingRequest(spaceId, current, step, invoiced);
      if (!built.ok) return invalid(built.errors);
      return run(async () => showOutcome({ kind: 'booking', booking: await bookingApi.requestBooking(built.body) }));
    }
    const built = buildSeriesRequest(spaceId, current, step, invoiced);
    if (!built.ok) return invalid(built.errors);
    return run(async () => {
      if (preview) return showOutcome({ kind: 'series', result: await bookingApi.createSeries(built.body) });
      setPreview(await bookingApi.previewSeries(seriesPreviewOf(built.body)));
      focusPreviewSoon();
    });
  };

  const fieldErrors = mapFieldErrors(
    error?.fieldErrors,
    Object.keys(BOOKING_REQUEST_FIELDS),
    BOOKING_REQUEST_ALIASES,
  ).byField;

  if (outcome) {
    return (
      <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target">
        <h1>Demande envoyée</h1>
        {outcome.kind === 'booking' ? (
          <Alert
            severity="success"
            title="Votre demande de réservation a bien été envoyée."
            description={
              <>
                <p>
                  {details.name}, {formatSlot(outcome.booking.startsAt, outcome.booking.endsAt)}&nbsp;:{' '}
                  <BookingStatusBadge status={outcome.booking.status} />
                </p>
                <p>
                  Prix&nbsp;: {formatEuros(outcome.booking.priceCents)}
                  {outcome.booking.priceExplanation ? ` (${outcome.booking.priceExplanation})` : ''}.{' '}
                  {outcome.booking.status === 'requested'
                    ? 'Le collège vous répondra par courriel\u00a0; vous paierez une fois la demande acceptée.'
                    : ''}
                </p>
              </>
            }
          />
        ) : (
          <Alert
            severity={outcome.result.summary.created > 0 ? 'success' : 'warning'}
            title={`${outcome.result.summary.created} séance${outcome.result.summary.created > 1 ? 's' : ''} demandée${outcome.result.summary.created > 1 ? 's' : ''} sur ${outcome.result.summary.total}.`}
            description={
              <p>
                Total pour les séances demandées&nbsp;: {formatEuros(outcome.result.summary.totalPriceCents)}.
                {outcome.result.summary.conflict + outcome.result.summary.closed > 0 &&
                  ` ${outcome.result.summary.conflict + outcome.result.summary.closed} séance(s) n’ont pas pu être demandées (créneau pris ou fermé).`}
              </p>
            }
          />
        )}
        <ul className="salle-btns-group salle-btns-group--inline-md salle-mt-3w">
          <li>
            <Button
              linkProps={{
                href: outcome.kind === 'booking' ? `/reservations/${outcome.booking.id}` : '/mes-reservations',
              }}
            >
              {outcome.kind === 'booking' ? 'Voir ma demande' : 'Voir mes réservations'}
            </Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ href: '/' }}>
              Nouvelle recherche
            </Button>
          </li>
        </ul>
      </div>
    );
  }

  if (organisations.length === 0) {
    return (
      <>
        <h1>Demander une réservation</h1>
        <Alert
          severity="info"
          title="Déclarez d’abord votre organisation"
          description={
            <p>
              Une salle se réserve au nom d’une association ou d’une organisation vérifiée par le département.{' '}
              <Link href="/organisations/nouvelle">Déclarer mon organisation</Link> ou{' '}
              <Link href="/organisations">rejoindre une organisation déjà déclarée</Link>.
            </p>
          }
        />
      </>
    );
  }

  return (
    <>
      <Breadcrumb
        currentPageLabel="Demander une réservation"
        homeLinkProps={{ href: '/' }}
        segments={[{ label: details.name, linkProps: { href: `/espaces/${details.id}` } }]}
      />
      <h1>Demander une réservation</h1>
      <p className="salle-text--lead salle-mb-1w">
        {details.name} – {establishment.name}
      </p>
      <p>
        {establishment.address}, {establishment.postalCode} {establishment.communeName}
      </p>
      <p>
        Durée possible&nbsp;: de {formatDuration(details.minDurationMinutes)} à{' '}
        {formatDuration(details.maxDurationMinutes)}. Tous les champs sont obligatoires sauf mention contraire.
      </p>
      <form id={FORM_ID} onSubmit={onSubmit} noValidate>
        <ProblemAlert
          error={error}
          form={{ id: FORM_ID, fields: BOOKING_REQUEST_FIELDS, aliases: BOOKING_REQUEST_ALIASES }}
        />
        <SelectField
          formId={FORM_ID}
          name="organisationId"
          label="Organisation"
          placeholder="Choisissez une organisation"
          options={organisations.map((organisation) => ({
            value: organisation.id,
            label: `${organisation.name} (${ORGANISATION_STATUS[organisation.status]?.label.toLowerCase() ?? organisation.status})`,
          }))}
          value={current.organisationId}
          onChange={(e) => update('organisationId', e.target.value)}
          error={fieldErrors['organisationId']}
        />
        <RequestFields
          formId={FORM_ID}
          form={current}
          update={update}
          errors={fieldErrors}
          step={step}
          invoiced={invoiced}
        />

        <PriceSummary
          quote={price.data ?? null}
          loading={price.loading}
          weekly={current.mode === 'weekly'}
          failed={price.error?.problem.title ?? null}
        />

        {preview && <SeriesPreviewSection preview={preview} headingRef={previewHeading} level={2} />}

        <SeriesFormActions
          mode={current.mode}
          preview={preview}
          busy={busy}
          verb={MEMBER_VERB}
          onEditSeries={() => setPreview(null)}
        />
      </form>
    </>
  );
}

/** What the member's request form sends: the organisation asks. */
const MEMBER_VERB = {
  once: 'Envoyer la demande',
  freeSessions: (count: number) => (count === 1 ? 'Demander la séance libre' : `Demander les ${count} séances libres`),
};

/** The price and the deposit, before anything is sent: what the organisation commits to. */
function PriceSummary({
  quote,
  loading,
  weekly,
  failed,
}: {
  quote: SpaceQuoteView | null;
  loading: boolean;
  weekly: boolean;
  failed: string | null;
}) {
  return (
    <div className="salle-panel salle-mt-3w" aria-live="polite">
      {failed ? (
        <p className="salle-mb-0">{failed}</p>
      ) : quote ? (
        <>
          <p className="salle-mb-1w">
            Prix{weekly ? ' par séance' : ''}&nbsp;: <strong>{formatEuros(quote.cents)}</strong> ({quote.explanation})
          </p>
          <p className="salle-mb-0">
            {quote.depositCents > 0
              ? `Caution\u00a0: ${formatEuros(quote.depositCents)}, rendue si l’espace est restitué en bon état.`
              : 'Pas de caution.'}
          </p>
        </>
      ) : (
        <p className="salle-mb-0">
          {loading ? 'Calcul du prix…' : 'Le prix s’affiche une fois l’organisation et les horaires indiqués.'}
        </p>
      )}
    </div>
  );
}
