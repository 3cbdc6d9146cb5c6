import { Fragment } from 'react';
import type { PersonalDataExport } from '@salle/contracts';
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from '@salle/contracts/notification';
import { fetchPersonalData } from '../../api/personal-data-api';
import { Link } from '../../app/router';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { BOOKING_STATUS } from '../../lib/labels';
import { MESSAGE_STATUS_LABELS } from '../../lib/message-labels';
import { formatDateTime } from '../../lib/paris-time';
import { formatPhoneNumber } from '../../lib/phone';
import { PaymentSection } from './personal-data-payment';

const CHANNEL_LABELS = { email: 'par courriel', sms: 'par SMS' } as const;

/** The names of the claims kept from the federations, as people read them. */
const CLAIM_LABELS: Record<string, string> = {
  given_name: 'Prénoms',
  family_name: 'Nom de naissance',
  preferred_username: 'Nom d’usage',
  usual_name: 'Nom',
  email: 'Adresse électronique',
  siret: 'SIRET',
  organization_label: 'Administration',
};

const MEMBERSHIP_ROLE_LABELS = { owner: 'responsable', member: 'membre' } as const;

/** Offers the export as a JSON file, built in the browser from what the page already holds. */
function download(data: PersonalDataExport) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `mes-donnees-salle-sur-demande-${data.generatedAt.slice(0, 10)}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

function AccountSection({ gateway }: { gateway: PersonalDataExport['gateway'] }) {
  const { account } = gateway;
  return (
    <section>
      <h2>Votre compte</h2>
      <dl>
        <dt className="salle-text--bold">Connecté avec</dt>
        <dd>{account.provider === 'franceconnect' ? 'FranceConnect' : 'ProConnect'}</dd>
        <dt className="salle-text--bold">Votre identifiant chez ce service</dt>
        <dd>{account.subject}</dd>
        {Object.entries(account.claims).map(([name, value]) => (
          <Fragment key={name}>
            <dt className="salle-text--bold">{CLAIM_LABELS[name] ?? name}</dt>
            <dd>{String(value) || '—'}</dd>
          </Fragment>
        ))}
        <dt className="salle-text--bold">Compte créé le</dt>
        <dd>{formatDateTime(account.createdAt)}</dd>
        <dt className="salle-text--bold">Dernière connexion</dt>
        <dd>{formatDateTime(account.lastLoginAt)}</dd>
        <dt className="salle-text--bold">Sessions ouvertes</dt>
        <dd>{gateway.activeSessions}</dd>
        <dt className="salle-text--bold">Demande de suppression du compte</dt>
        <dd>
          {gateway.erasureRequests.length === 0
            ? 'aucune'
            : gateway.erasureRequests.map((request) => `demandée le ${formatDateTime(request.requestedAt)}`).join(', ')}
        </dd>
        <dt className="salle-text--bold">Entrées du journal d’audit de la connexion vous concernant</dt>
        <dd>{gateway.auditLog.length}</dd>
      </dl>
    </section>
  );
}

function BookingSection({ booking }: { booking: PersonalDataExport['booking'] }) {
  return (
    <section>
      <h2>Organisations, collèges et réservations</h2>
      {booking.memberships.length === 0 && booking.managedEstablishments.length === 0 && (
        <p>Vous n’êtes membre d’aucune organisation ni gestionnaire d’aucun collège.</p>
      )}
      <ul>
        {booking.memberships.map((membership) => (
          <li key={membership.organisationId}>
            {membership.organisationName}, {MEMBERSHIP_ROLE_LABELS[membership.role]} depuis le{' '}
            {formatDateTime(membership.since)}
          </li>
        ))}
        {booking.managedEstablishments.map((establishment) => (
          <li key={establishment.establishmentId}>Gestionnaire du {establishment.establishmentName}</li>
        ))}
      </ul>
      <p>
        Réservations que vous avez demandées ou décidées&nbsp;: {booking.bookings.length}. Séries demandées&nbsp;:{' '}
        {booking.series.length}. Invitations créées ou acceptées&nbsp;: {booking.invitations.length}. Actions
        enregistrées dans l’historique des réservations&nbsp;: {booking.auditEntries.length}. Messages écrits au sujet
        d’une réservation&nbsp;: {booking.messages.length}. Attestations d’assurance déposées&nbsp;:{' '}
        {booking.insuranceCertificates.length}. Photos d’espaces déposées&nbsp;: {booking.spacePhotos.length}.
        Conventions signées sur papier que vous avez enregistrées&nbsp;: {booking.paperConventions.length}. Conventions
        que vous avez signées en ligne&nbsp;: {booking.conventionSignatures.length}. Délégation de signature des
        conventions pour le département&nbsp;: {booking.conventionDelegations.length > 0 ? 'oui' : 'non'}.
        Revendications d’un numéro d’organisation&nbsp;: {booking.organisationClaims.length}. Entrées du journal d’audit
        des réservations vous concernant&nbsp;: {booking.auditLog.length}.
      </p>
      {booking.bookings.length > 0 && (
        <ul>
          {booking.bookings.map((entry) => (
            <li key={entry.id}>
              {formatDateTime(entry.startsAt)}&nbsp;: {entry.purpose || 'sans objet précisé'} (
              {BOOKING_STATUS[entry.status].label})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NotificationSection({ notification }: { notification: PersonalDataExport['notification'] }) {
  return (
    <section>
      <h2>Messages</h2>
      <p>
        {notification.contact
          ? `Les messages vous sont envoyés à ${notification.contact.email}.`
          : 'Aucune adresse de contact n’est enregistrée pour les messages.'}
      </p>
      <p>
        {notification.phone
          ? `Téléphone\u00a0: ${formatPhoneNumber(notification.phone.number)}, ${
              notification.phone.smsConsentAt
                ? `SMS acceptés le ${formatDateTime(notification.phone.smsConsentAt)}.`
                : 'sans accord pour recevoir des SMS.'
            }`
          : 'Aucun numéro de téléphone n’est enregistré.'}
      </p>
      {notification.preferences.length > 0 && (
        <>
          <h3>Vos choix de messages</h3>
          <ul>
            {notification.preferences.map((choice) => (
              <li key={`${choice.kind}-${choice.channel}`}>
                {NOTIFICATION_KIND_LABELS[choice.kind as NotificationKind] ?? choice.kind}{' '}
                {CHANNEL_LABELS[choice.channel]}&nbsp;: {choice.enabled ? 'reçu' : 'non reçu'} (depuis le{' '}
                {formatDateTime(choice.updatedAt)})
              </li>
            ))}
          </ul>
        </>
      )}
      {notification.dailyDigest && (
        <p>
          Vous recevez un récapitulatif quotidien des nouvelles demandes (choisi le{' '}
          {formatDateTime(notification.dailyDigest.chosenAt)}).
        </p>
      )}
      <p>
        Types de courriels facultatifs dont votre adresse s’est désabonnée&nbsp;: {notification.unsubscribed.length}.
        Entrées du journal d’audit des messages vous concernant&nbsp;: {notification.auditLog.length}.
      </p>
      {notification.messages.length === 0 ? (
        <p>Aucun message ne vous a été envoyé.</p>
      ) : (
        <ul>
          {notification.messages.map((message) => (
            <li key={message.id}>
              {formatDateTime(message.createdAt)}&nbsp;: {message.subject ?? message.kind} (
              {MESSAGE_STATUS_LABELS[message.status]})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** « Mes données personnelles »: what is held about the person, readable, and as a JSON file. */
export function PersonalDataPage() {
  const data = useAsync((signal) => fetchPersonalData(signal), []);
  return (
    <>
      <p>
        <Link href="/compte">Retour à mon compte</Link>
      </p>
      <h1>Mes données personnelles</h1>
      <p>Tout ce que Salle sur demande conserve à votre sujet, rassemblé à l’instant depuis chacun de ses services.</p>
      {data.loading && <Loading label="Rassemblement de vos données…" />}
      <ProblemAlert error={data.error} />
      {data.data && (
        <>
          <p>
            <button type="button" className="salle-btn" onClick={() => data.data && download(data.data)}>
              Télécharger mes données (fichier JSON)
            </button>
          </p>
          <AccountSection gateway={data.data.gateway} />
          <BookingSection booking={data.data.booking} />
          <NotificationSection notification={data.data.notification} />
          <PaymentSection payment={data.data.payment} />
        </>
      )}
    </>
  );
}
