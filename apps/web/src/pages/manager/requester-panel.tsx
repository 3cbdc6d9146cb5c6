import type { BookingStatus, RequesterView } from '@salle/contracts';
import { useId, useState } from 'react';
import { bookingApi } from '../../api/booking-api';
import { Link } from '../../app/router';
import { IncidentList } from '../../components/incidents';
import { RequesterInsurance } from '../../components/insurance-certificate';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge, OrganisationStatusBadge } from '../../components/status-badge';
import { useAsync } from '../../components/use-async';
import { BOOKING_STATUS, RENTER_CATEGORY_LABELS } from '../../lib/labels';
import { formatDate, formatSlot } from '../../lib/paris-time';
import { formatPhoneNumber } from '../../lib/phone';
import { Button } from '../../ui';

/**
 * « Qui demande ? »: the organisation behind a request, opened on demand
 * (one request when opened, none otherwise): identifiers, verification,
 * insurance, contact person and its history with this collège.
 */
export function RequesterPanel({
  establishmentId,
  organisationId,
  organisationName,
}: {
  establishmentId: string;
  organisationId: string;
  organisationName: string;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="salle-mb-2w">
      {/* The certificate itself, with its download, is what a manager checks before each decision. */}
      <RequesterInsurance organisationId={organisationId} />
      <Button
        priority="tertiary"
        size="small"
        nativeButtonProps={{ 'aria-expanded': open, 'aria-controls': panelId }}
        onClick={() => setOpen(!open)}
      >
        Qui demande&nbsp;?<span className="salle-sr-only"> {organisationName}</span>
      </Button>
      <div id={panelId} hidden={!open}>
        {open && <RequesterDetails establishmentId={establishmentId} organisationId={organisationId} />}
      </div>
    </div>
  );
}

function RequesterDetails({ establishmentId, organisationId }: { establishmentId: string; organisationId: string }) {
  const requester = useAsync(
    (signal) => bookingApi.requester(establishmentId, organisationId, { signal }),
    [establishmentId, organisationId],
  );
  if (requester.loading && !requester.data) return <Loading label="Chargement de l’organisation…" />;
  if (!requester.data) return <ProblemAlert error={requester.error} focus={false} />;
  return <RequesterFacts view={requester.data} />;
}

export function RequesterFacts({ view: { organisation, history } }: { view: RequesterView }) {
  const identifier = organisation.rna
    ? `RNA ${organisation.rna}`
    : organisation.siren
      ? `SIREN ${organisation.siren}`
      : '—';
  const counts = Object.entries(history.statusCounts) as [BookingStatus, number][];
  return (
    <div className="salle-panel">
      <dl className="salle-mb-2w">
        <dt>Organisation</dt>
        <dd>
          {organisation.name} ({RENTER_CATEGORY_LABELS[organisation.kind].toLowerCase()}), {identifier}
        </dd>
        <dt>Vérification par le département</dt>
        <dd>
          <OrganisationStatusBadge status={organisation.status} />
          {organisation.verifiedAt ? ` le ${formatDate(organisation.verifiedAt)}` : ''}
        </dd>
        <dt>Assurance</dt>
        <dd>
          {organisation.insuranceReference}, valable jusqu’au {formatDate(organisation.insuranceExpiresOn)}
        </dd>
        <dt>Personne à contacter</dt>
        <dd>
          {organisation.contactName ?? 'Non indiquée'}
          {organisation.contactPhone && (
            <>
              {' · '}
              <a href={`tel:${organisation.contactPhone}`}>{formatPhoneNumber(organisation.contactPhone)}</a>
            </>
          )}
          {organisation.contactEmail && (
            <>
              {' · '}
              <a href={`mailto:${organisation.contactEmail}`}>{organisation.contactEmail}</a>
            </>
          )}
        </dd>
        <dt>Avec ce collège</dt>
        <dd>
          {counts.length === 0
            ? 'Aucune réservation jusqu’ici.'
            : counts.map(([status, count]) => `${BOOKING_STATUS[status].label}\u00a0: ${count}`).join(', ')}
          {history.firstStartsAt && `\u00a0; première le ${formatDate(history.firstStartsAt)}`}
          {history.cancelledByOrganisation > 0 &&
            `\u00a0; ${history.cancelledByOrganisation} annulée(s) par l’organisation`}
          {history.cancelledByEstablishment > 0 &&
            `\u00a0; ${history.cancelledByEstablishment} annulée(s) par le collège`}
        </dd>
      </dl>
      {history.recent.length > 0 && (
        <>
          <p className="salle-text--sm salle-mb-1v">Dernières réservations ici&nbsp;:</p>
          <ul className="salle-text--sm">
            {history.recent.map((booking) => (
              <li key={booking.id}>
                <Link href={`/reservations/${booking.id}`}>{formatSlot(booking.startsAt, booking.endsAt)}</Link>,{' '}
                {booking.spaceName} <BookingStatusBadge status={booking.status} />
              </li>
            ))}
          </ul>
        </>
      )}
      <IncidentList incidents={history.incidents} title="Incidents notés par ce collège" />
    </div>
  );
}
