import { useState, type FormEvent } from 'react';
import type { IncidentSeverity, IncidentView } from '@salle/contracts';
import { followUpApi } from '../api/follow-up-api';
import { formatDate, parisDateOf, todayInParis } from '../lib/paris-time';
import { mapFieldErrors } from '../lib/form-errors';
import { Button } from '../ui';
import { RadioGroup, TextAreaField, TextField } from './form-fields';
import { ProblemAlert } from './problem-alert';
import { useAction } from './use-action';
import { useAsync } from './use-async';

/** How much an incident the collège noted weighs, in the words of its form and its list. */
const INCIDENT_SEVERITY_LABELS: Record<IncidentSeverity, string> = {
  minor: 'Mineur',
  moderate: 'Notable',
  serious: 'Grave',
};

/** Incidents the collège noted, latest first as the service gives them; nothing when there is none. */
export function IncidentList({ incidents, title }: { incidents: readonly IncidentView[]; title: string }) {
  if (incidents.length === 0) return null;
  return (
    <>
      <p className="salle-text--sm salle-mb-1v">{title}&nbsp;:</p>
      <ul className="salle-text--sm">
        {incidents.map((incident) => (
          <li key={incident.id}>
            {formatDate(incident.occurredOn)}, {INCIDENT_SEVERITY_LABELS[incident.severity].toLowerCase()}&nbsp;:{' '}
            {incident.description}
          </li>
        ))}
      </ul>
    </>
  );
}

const FORM_ID = 'incident';
const FIELDS = { occurredOn: 'Date de l’incident', severity: 'Gravité', description: 'Ce qui s’est passé' };
const SEVERITY_OPTIONS = (Object.keys(INCIDENT_SEVERITY_LABELS) as IncidentSeverity[]).map((value) => ({
  value,
  label: INCIDENT_SEVERITY_LABELS[value],
}));

/**
 * The collège notes an incident on a booking that took place. The organisation sees it on its booking,
 * which the form says, so that managers write what they would say to it.
 */
export function IncidentForm({
  bookingId,
  startsOn,
  onRecorded,
}: {
  bookingId: string;
  /** The booking's Paris date: the earliest the incident can be. */
  startsOn: string;
  onRecorded: (incident: IncidentView) => void;
}) {
  const [occurredOn, setOccurredOn] = useState(startsOn);
  const [severity, setSeverity] = useState<IncidentSeverity>('minor');
  const [description, setDescription] = useState('');
  const { busy, error, run } = useAction();
  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(FIELDS)).byField;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onRecorded(await followUpApi.recordIncident(bookingId, { occurredOn, severity, description }));
      setDescription('');
    });
  };
  return (
    <form id={FORM_ID} onSubmit={submit} noValidate aria-labelledby={`${FORM_ID}-titre`}>
      <h3 id={`${FORM_ID}-titre`} className="salle-h6">
        Noter un incident
      </h3>
      <p className="salle-text--sm">L’organisation voit les incidents notés sur sa réservation.</p>
      <ProblemAlert error={error} form={{ id: FORM_ID, fields: FIELDS }} />
      <TextField
        formId={FORM_ID}
        name="occurredOn"
        type="date"
        label={FIELDS.occurredOn}
        min={startsOn}
        max={todayInParis()}
        value={occurredOn}
        onChange={(e) => setOccurredOn(e.target.value)}
        error={errors['occurredOn']}
      />
      <RadioGroup
        formId={FORM_ID}
        name="severity"
        legend={FIELDS.severity}
        inline
        options={SEVERITY_OPTIONS}
        value={severity}
        onChange={(value) => setSeverity(value as IncidentSeverity)}
        error={errors['severity']}
      />
      <TextAreaField
        formId={FORM_ID}
        name="description"
        label={FIELDS.description}
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errors['description']}
      />
      <Button type="submit" priority="secondary" disabled={busy}>
        Noter l’incident
      </Button>
    </form>
  );
}

/**
 * A booking's incidents, on its page: the organisation reads those about itself; the collège's managers (and
 * admins) also note new ones once the booking has taken place.
 */
export function BookingIncidents({
  booking,
  canRecord,
}: {
  booking: { id: string; status: string; startsAt: string };
  canRecord: boolean;
}) {
  const [recorded, setRecorded] = useState<IncidentView[]>([]);
  const loaded = useAsync((signal) => followUpApi.incidents(booking.id, { signal }), [booking.id]);
  const incidents = [...(loaded.data?.items ?? []), ...recorded];
  const tookPlace =
    (booking.status === 'confirmed' || booking.status === 'completed') && Date.parse(booking.startsAt) <= Date.now();
  if (incidents.length === 0 && !(canRecord && tookPlace)) return null;
  return (
    <section aria-labelledby="incidents-titre" className="salle-mt-4w">
      <h2 id="incidents-titre" className="salle-h4">
        Incidents notés par le collège
      </h2>
      {incidents.length === 0 ? <p>Aucun incident noté.</p> : <IncidentList incidents={incidents} title="Incidents" />}
      {canRecord && tookPlace && (
        <IncidentForm
          bookingId={booking.id}
          startsOn={parisDateOf(booking.startsAt)}
          onRecorded={(incident) => setRecorded([...recorded, incident])}
        />
      )}
    </section>
  );
}
