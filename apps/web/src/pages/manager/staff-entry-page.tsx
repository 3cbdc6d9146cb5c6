import type { BookingView, OrganisationView, SeriesCreatedView, SeriesPreviewView } from '@salle/contracts';
import { timeStepOf } from '@salle/contracts/browser';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import { staffEntryApi } from '../../api/staff-entry-api';
import type { PageProps } from '../../app/routes';
import { RadioGroup, SelectField, SingleCheckbox, TextAreaField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge } from '../../components/status-badge';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { mapFieldErrors } from '../../lib/form-errors';
import { ORGANISATION_STATUS, RENTER_CATEGORY_LABELS } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatSlot, todayInParis } from '../../lib/paris-time';
import {
  initialBookingRequestForm,
  seriesPreviewOf,
  type BookingRequestForm,
} from '../booking-request/booking-request-model';
import { RequestFields } from '../booking-request/request-fields';
import { SeriesFormActions, SeriesPreviewSection } from '../booking-request/series-preview-table';
import {
  buildOrganisationDeclaration,
  EMPTY_ORGANISATION_FORM,
  ORGANISATION_ALIASES,
  ORGANISATION_FIELDS,
  type OrganisationForm,
} from '../organisations/declare-organisation-model';
import { OrganisationFields } from '../organisations/organisation-fields';
import { ManagerLayout } from './manager-layout';
import {
  buildEnteredBooking,
  buildEnteredSeries,
  lookupNumber,
  PAYMENT_CHOICE_OPTIONS,
  STAFF_ENTRY_ALIASES,
  STAFF_ENTRY_FIELDS,
  type StaffEntryForm,
} from './staff-entry-model';
import { Alert, Badge, Button } from '../../ui';

const LOOKUP_FORM = 'recherche-organisme';
const RECORD_FORM = 'fiche-organisme';
const ENTRY_FORM = 'saisie';

type Outcome = { kind: 'booking'; booking: BookingView } | { kind: 'series'; result: SeriesCreatedView };

const invalid = (errors: { field: string; message: string }[]) =>
  new ApiError({ title: 'Le formulaire contient des erreurs.', status: 400, code: 'validation_failed', errors });

/**
 * « Saisir une demande pour un organisme »: a collège's manager (or an admin) enters the request of an organisation
 * that phoned or came in, finding its record by its number or creating it, then a one-off booking or a weekly
 * series with the payment it chose, approved at once if they wish.
 */
export function StaffEntryPage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  return (
    <ManagerLayout establishmentId={establishmentId} title="Saisir une demande pour un organisme">
      {() => <StaffEntry key={establishmentId} establishmentId={establishmentId} />}
    </ManagerLayout>
  );
}

function StaffEntry({ establishmentId }: { establishmentId: string }) {
  const [organisation, setOrganisation] = useState<OrganisationView | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [outcomeRef, focusOutcomeSoon] = useFocusAfterRender<HTMLDivElement>();
  const [requestHeading, focusRequestSoon] = useFocusAfterRender<HTMLHeadingElement>();

  if (outcome && organisation)
    return (
      <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target">
        <EntryOutcome
          outcome={outcome}
          organisation={organisation}
          onAgain={() => {
            setOutcome(null);
            setOrganisation(null);
          }}
        />
      </div>
    );

  return (
    <>
      <p>
        Pour un organisme qui vous a téléphoné ou s’est présenté au collège&nbsp;: retrouvez sa fiche par son numéro ou
        créez-la, puis saisissez sa demande. Elle est enregistrée à votre nom, pour le compte de l’organisme. Tous les
        champs sont obligatoires sauf mention contraire.
      </p>
      <section aria-labelledby="organisme-titre" className="salle-mb-4w">
        <h2 id="organisme-titre">1. L’organisme</h2>
        {organisation ? (
          <ChosenOrganisation organisation={organisation} onChange={() => setOrganisation(null)} />
        ) : (
          <FindOrganisation
            establishmentId={establishmentId}
            onChosen={(chosen) => {
              setOrganisation(chosen);
              focusRequestSoon();
            }}
          />
        )}
      </section>
      {organisation && (
        <section aria-labelledby="demande-titre">
          <h2 id="demande-titre" ref={requestHeading} tabIndex={-1} className="salle-focus-target">
            2. La demande
          </h2>
          <EntryForm
            establishmentId={establishmentId}
            organisation={organisation}
            onEntered={(entered) => {
              setOutcome(entered);
              focusOutcomeSoon();
            }}
          />
        </section>
      )}
    </>
  );
}

/** Finds the organisation's record by its number; offers to create it when there is none. */
function FindOrganisation({
  establishmentId,
  onChosen,
}: {
  establishmentId: string;
  onChosen: (organisation: OrganisationView) => void;
}) {
  const [number, setNumber] = useState('');
  const [creating, setCreating] = useState(false);
  const { busy, error, setError, run } = useAction();
  const notFound = error?.code === 'organisation_not_found';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const typed = lookupNumber(number);
    if (!typed.ok) return setError(invalid([typed.error]));
    setCreating(false);
    return run(async () => onChosen(await staffEntryApi.lookUpOrganisation(establishmentId, typed.number)));
  };
  const errors = mapFieldErrors(error?.fieldErrors, ['number']).byField;

  return (
    <>
      <form id={LOOKUP_FORM} onSubmit={onSubmit} noValidate>
        {!notFound && <ProblemAlert error={error} form={{ id: LOOKUP_FORM, fields: { number: 'Numéro' } }} />}
        <TextField
          formId={LOOKUP_FORM}
          name="number"
          label="Numéro RNA, SIREN ou SIRET de l’organisme"
          hint="Par exemple W381234567 (RNA) ou 123 456 789 (SIREN)"
          autoComplete="off"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          error={errors['number']}
        />
        <ul className="salle-btns-group salle-btns-group--inline-md">
          <li>
            <Button type="submit" disabled={busy}>
              {busy ? 'Recherche…' : 'Rechercher l’organisme'}
            </Button>
          </li>
          <li>
            <Button type="button" priority="secondary" onClick={() => setCreating(true)}>
              Créer la fiche d’un organisme
            </Button>
          </li>
        </ul>
      </form>
      {notFound && !creating && (
        <div role="status">
          <Alert
            severity="info"
            title="Aucun organisme n’est inscrit sous ce numéro."
            description="Vérifiez le numéro, ou créez la fiche de l’organisme avec la personne qui le représente."
          />
        </div>
      )}
      {creating && <CreateOrganisation establishmentId={establishmentId} number={number} onCreated={onChosen} />}
    </>
  );
}

/** The record of an organisation without an account: pending the département's verification, claimable later. */
function CreateOrganisation({
  establishmentId,
  number,
  onCreated,
}: {
  establishmentId: string;
  number: string;
  onCreated: (organisation: OrganisationView) => void;
}) {
  const typed = number.replace(/[\s.-]/g, '').toUpperCase();
  const [form, setForm] = useState<OrganisationForm>({
    ...EMPTY_ORGANISATION_FORM,
    identifierType: typed.startsWith('W') ? 'rna' : 'siren',
    identifier: /^\d{14}$/.test(typed) ? typed.slice(0, 9) : typed,
  });
  const { busy, error, setError, run } = useAction();
  const update = <K extends keyof OrganisationForm>(field: K, value: OrganisationForm[K]) =>
    setForm((current) => ({ ...current, [field]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildOrganisationDeclaration(form);
    if (!built.ok) return setError(invalid(built.errors));
    return run(async () => onCreated(await staffEntryApi.enterOrganisation(establishmentId, built.body)));
  };
  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(ORGANISATION_FIELDS), ORGANISATION_ALIASES).byField;
  return (
    <section aria-labelledby="fiche-titre" className="salle-mt-3w">
      <h3 id="fiche-titre">Fiche de l’organisme</h3>
      <p>
        L’organisme n’a pas besoin de compte&nbsp;: sa fiche attend la vérification du département, et la personne à
        contacter pourra la revendiquer plus tard en se connectant avec FranceConnect.
      </p>
      <form id={RECORD_FORM} onSubmit={onSubmit} noValidate>
        <ProblemAlert
          error={error}
          form={{ id: RECORD_FORM, fields: ORGANISATION_FIELDS, aliases: ORGANISATION_ALIASES }}
        />
        <OrganisationFields formId={RECORD_FORM} form={form} update={update} errors={errors} enteredByStaff />
        <Button type="submit" disabled={busy}>
          {busy ? 'Enregistrement…' : 'Enregistrer la fiche de l’organisme'}
        </Button>
      </form>
    </section>
  );
}

function ChosenOrganisation({ organisation, onChange }: { organisation: OrganisationView; onChange: () => void }) {
  const status = ORGANISATION_STATUS[organisation.status];
  const contact = [organisation.contactName, organisation.contactPhone, organisation.contactEmail].filter(Boolean);
  return (
    <div className="salle-panel">
      <p className="salle-mb-1w">
        <strong>{organisation.name}</strong> ({RENTER_CATEGORY_LABELS[organisation.kind].toLowerCase()}
        {organisation.rna ? `, RNA ${organisation.rna}` : ''}
        {organisation.siren ? `, SIREN ${organisation.siren}` : ''}){' '}
        {status && (
          <Badge small as="span" severity={status.severity}>
            {status.label}
          </Badge>
        )}
      </p>
      <p className="salle-mb-1w">
        {organisation.postalCode} {organisation.communeName}. Contact&nbsp;:{' '}
        {contact.length ? contact.join(', ') : 'aucun'}.
      </p>
      {/* The staff vouch for a record still pending (they met the organisation), never for a rejected one. */}
      {organisation.status === 'pending' && (
        <Alert
          severity="info"
          title="Organisme en attente de vérification"
          description={
            'Vous pouvez enregistrer sa demande\u00a0: en la saisissant, vous vous portez garant de l’organisme que vous avez rencontré. Le département vérifiera sa fiche.'
          }
        />
      )}
      {organisation.status === 'rejected' && (
        <Alert
          severity="error"
          title="Organisme refusé par le département"
          description="Aucune demande ne peut être enregistrée pour lui."
        />
      )}
      <Button type="button" priority="tertiary" size="small" onClick={onChange}>
        Changer d’organisme
      </Button>
    </div>
  );
}

function EntryForm({
  establishmentId,
  organisation,
  onEntered,
}: {
  establishmentId: string;
  organisation: OrganisationView;
  onEntered: (outcome: Outcome) => void;
}) {
  const spaces = useAsync((signal) => bookingApi.establishmentSpaces(establishmentId, { signal }), [establishmentId]);
  const [form, setForm] = useState<StaffEntryForm>(() => ({
    ...initialBookingRequestForm({
      organisationId: organisation.id,
      defaultMinutes: 120,
      maxMinutes: 600,
      today: todayInParis(),
    }),
    spaceId: '',
    paymentChoice: 'counter',
    approve: false,
    message: '',
  }));
  const space = useAsync(
    (signal) => (form.spaceId ? bookingApi.space(form.spaceId, { signal }) : Promise.resolve(null)),
    [form.spaceId],
  );
  const { busy, error, setError, run } = useAction();
  const [preview, setPreview] = useState<SeriesPreviewView | null>(null);
  const [previewHeading, focusPreviewSoon] = useFocusAfterRender<HTMLHeadingElement>();

  if (spaces.loading && !spaces.data) return <Loading label="Chargement des espaces…" />;
  if (spaces.error || !spaces.data) return <ProblemAlert error={spaces.error} />;
  const offered = spaces.data.items.filter((item) => item.active);
  const step = space.data ? timeStepOf(space.data) : 15;
  // A commune's booking or series is invoiced (administrative mandate): the form asks what the invoice needs.
  const invoiced = organisation.kind === 'commune';
  const update = <K extends keyof StaffEntryForm>(field: K, value: StaffEntryForm[K]) => {
    setForm((current) => ({ ...current, [field]: value }));
    if (field !== 'purpose' && field !== 'attendees' && field !== 'message') setPreview(null);
  };
  // The request's own fields have the same types in both forms.
  const updateRequest = <K extends keyof BookingRequestForm>(field: K, value: BookingRequestForm[K]) =>
    update(field, value as StaffEntryForm[K]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (form.mode === 'once') {
      const built = buildEnteredBooking(form, step, invoiced);
      if (!built.ok) return setError(invalid(built.errors));
      return run(async () =>
        onEntered({ kind: 'booking', booking: await staffEntryApi.enterBooking(establishmentId, built.body) }),
      );
    }
    const built = buildEnteredSeries(form, step, invoiced);
    if (!built.ok) return setError(invalid(built.errors));
    return run(async () => {
      if (preview)
        return onEntered({ kind: 'series', result: await staffEntryApi.enterSeries(establishmentId, built.body) });
      setPreview(await staffEntryApi.previewSeries(establishmentId, seriesPreviewOf(built.body)));
      focusPreviewSoon();
    });
  };
  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(STAFF_ENTRY_FIELDS), STAFF_ENTRY_ALIASES).byField;

  return (
    <form id={ENTRY_FORM} onSubmit={onSubmit} noValidate>
      <ProblemAlert error={error} form={{ id: ENTRY_FORM, fields: STAFF_ENTRY_FIELDS, aliases: STAFF_ENTRY_ALIASES }} />
      <SelectField
        formId={ENTRY_FORM}
        name="spaceId"
        label="Espace"
        placeholder="Choisissez un espace du collège"
        options={offered.map((item) => ({ value: item.id, label: item.name }))}
        value={form.spaceId}
        onChange={(e) => update('spaceId', e.target.value)}
        error={errors['spaceId']}
      />
      <RequestFields
        formId={ENTRY_FORM}
        form={form}
        update={updateRequest}
        errors={errors}
        step={step}
        invoiced={invoiced}
      />
      {invoiced ? (
        <p>Règlement&nbsp;: sur facture, envoyée à la collectivité.</p>
      ) : (
        <RadioGroup
          formId={ENTRY_FORM}
          name="paymentChoice"
          legend="Règlement"
          options={PAYMENT_CHOICE_OPTIONS}
          value={form.paymentChoice}
          onChange={(value) => update('paymentChoice', value as StaffEntryForm['paymentChoice'])}
          error={errors['paymentChoice']}
        />
      )}
      <SingleCheckbox
        formId={ENTRY_FORM}
        name="approve"
        label={
          form.mode === 'once' ? 'Accepter la demande dès maintenant' : 'Accepter toutes les séances dès maintenant'
        }
        hint={`Sinon, la demande attend votre décision dans «\u00a0Demandes à traiter\u00a0», comme celle d’un membre.`}
        checked={form.approve}
        onChange={(checked) => update('approve', checked)}
      />
      {form.approve && (
        <TextAreaField
          formId={ENTRY_FORM}
          name="message"
          label="Message à l’organisme"
          hint={'Facultatif. Par exemple\u00a0: clés à retirer à l’accueil'}
          rows={2}
          maxLength={1000}
          value={form.message}
          onChange={(e) => update('message', e.target.value)}
          error={errors['message']}
        />
      )}
      {preview && <SeriesPreviewSection preview={preview} headingRef={previewHeading} level={3} />}
      <SeriesFormActions
        mode={form.mode}
        preview={preview}
        busy={busy}
        verb={STAFF_VERB}
        onEditSeries={() => setPreview(null)}
      />
    </form>
  );
}

/** What the collège's entry form records: the organisation is not the one sending it. */
const STAFF_VERB = {
  once: 'Enregistrer la demande',
  freeSessions: (count: number) =>
    count === 1 ? 'Enregistrer la séance libre' : `Enregistrer les ${count} séances libres`,
};

const PAYMENT_CHOICE_SENTENCES: Record<string, string> = {
  counter: 'Règlement au guichet du collège.',
  online: 'Règlement en ligne, une fois la demande acceptée.',
  invoice: 'Règlement sur facture.',
};

/** What was created, with where to follow it. */
function EntryOutcome({
  outcome,
  organisation,
  onAgain,
}: {
  outcome: Outcome;
  organisation: OrganisationView;
  onAgain: () => void;
}) {
  const followHref =
    outcome.kind === 'booking' ? `/reservations/${outcome.booking.id}` : `/series/${outcome.result.series.id}`;
  return (
    <>
      <h2>Demande enregistrée</h2>
      {outcome.kind === 'booking' ? (
        <Alert
          severity="success"
          title={`La demande de ${organisation.name} est enregistrée.`}
          description={
            <>
              <p>
                {outcome.booking.spaceName}, {formatSlot(outcome.booking.startsAt, outcome.booking.endsAt)}&nbsp;:{' '}
                <BookingStatusBadge status={outcome.booking.status} />
              </p>
              <p>
                Prix&nbsp;: {formatEuros(outcome.booking.priceCents)}.{' '}
                {PAYMENT_CHOICE_SENTENCES[outcome.booking.paymentChoice ?? ''] ?? ''}
              </p>
            </>
          }
        />
      ) : (
        <Alert
          severity={outcome.result.summary.created > 0 ? 'success' : 'warning'}
          title={`${outcome.result.summary.created} séance${outcome.result.summary.created > 1 ? 's' : ''} enregistrée${outcome.result.summary.created > 1 ? 's' : ''} sur ${outcome.result.summary.total} pour ${organisation.name}.`}
          description={
            <p>
              {outcome.result.series.spaceName}. Total des séances enregistrées&nbsp;:{' '}
              {formatEuros(outcome.result.summary.totalPriceCents)}.
              {outcome.result.summary.conflict + outcome.result.summary.closed > 0 &&
                ` ${outcome.result.summary.conflict + outcome.result.summary.closed} séance(s) n’ont pas pu être enregistrées (créneau pris ou fermé).`}
            </p>
          }
        />
      )}
      <p className="salle-mt-2w">
        Si l’organisme a signé la convention sur papier au collège, ouvrez la{' '}
        {outcome.kind === 'booking' ? 'réservation' : 'série'} puis choisissez «{'\u00a0'}Convention signée sur papier
        {'\u00a0'}» pour en déposer la numérisation.
      </p>
      <ul className="salle-btns-group salle-btns-group--inline-md salle-mt-3w">
        <li>
          <Button linkProps={{ href: followHref }}>
            {outcome.kind === 'booking' ? 'Voir la réservation' : 'Voir la série'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onAgain}>
            Saisir une autre demande
          </Button>
        </li>
      </ul>
    </>
  );
}
