import {
  INVITATION_DAYS,
  type CreatedInvitationView,
  type MembershipRole,
  type MemberView,
  type MeResponse,
} from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { bookingApi } from '../../api/booking-api';
import { followUpApi } from '../../api/follow-up-api';
import { useSession } from '../../app/session';
import { CalendarLink } from '../../components/calendar-link';
import { CopyField } from '../../components/copy-field';
import { InsuranceCertificatePanel } from '../../components/insurance-certificate';
import { SelectField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { memberName, soleOwnerId } from './members-model';
import { OrganisationStatusBadge } from '../../components/status-badge';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { RENTER_CATEGORY_LABELS } from '../../lib/labels';
import { mapFieldErrors } from '../../lib/form-errors';
import { formatDate, formatDateTime, todayInParis } from '../../lib/paris-time';
import { invitationLink } from './invitation-link';
import { Alert, Button } from '../../ui';

type MyOrganisation = MeResponse['organisations'][number];

export function OrganisationsPage() {
  const { me } = useSession();
  if (!me) return null;
  return (
    <>
      <h1>Mon organisation</h1>
      {me.organisations.length === 0 && (
        <Alert
          severity="info"
          className="salle-mb-3w"
          title="Vous n’agissez encore pour aucune organisation."
          description="Déclarez la vôtre, ou demandez à son responsable un lien d’invitation."
        />
      )}
      {me.organisations.map((organisation) => (
        <OrganisationPanel key={organisation.id} organisation={organisation} />
      ))}
      <h2 className="salle-h4 salle-mt-4w">Déclarer une organisation</h2>
      <p>
        Votre association n’est pas encore inscrite&nbsp;? Déclarez-la&nbsp;: le département la vérifie avant la
        première réservation.
      </p>
      <Button linkProps={{ href: '/organisations/nouvelle' }}>Déclarer une organisation</Button>
      <h2 className="salle-h4 salle-mt-4w">Rejoindre une organisation déjà inscrite</h2>
      <p>
        Demandez un lien d’invitation à un responsable de l’organisation, puis ouvrez-le&nbsp;: vous la rejoindrez en un
        clic.
      </p>
    </>
  );
}

function OrganisationPanel({ organisation }: { organisation: MyOrganisation }) {
  const details = useAsync((signal) => bookingApi.organisation(organisation.id, { signal }), [organisation.id]);
  const isOwner = organisation.role === 'owner';
  return (
    <section className="salle-panel" aria-labelledby={`org-${organisation.id}`}>
      <h2 id={`org-${organisation.id}`} className="salle-h4 salle-mb-1w">
        {organisation.name} <OrganisationStatusBadge status={organisation.status} />
      </h2>
      <p className="salle-mb-1w">Vous en êtes {isOwner ? 'responsable' : 'membre'}.</p>
      {details.loading && <Loading label="Chargement de l’organisation…" />}
      <ProblemAlert error={details.error} focus={false} />
      {details.data && (
        <>
          <ul>
            <li>Type : {RENTER_CATEGORY_LABELS[details.data.kind]}</li>
            <li>{details.data.rna ? `RNA : ${details.data.rna}` : `SIREN : ${details.data.siren ?? '—'}`}</li>
            <li>
              Adresse : {details.data.address ? `${details.data.address}, ` : ''}
              {details.data.postalCode} {details.data.communeName}
            </li>
            <li>
              Assurance&nbsp;: {details.data.insuranceReference}, valable jusqu’au{' '}
              {formatDate(details.data.insuranceExpiresOn)}
              {details.data.insuranceExpiresOn < todayInParis() && (
                <strong> (expirée&nbsp;: mettez-la à jour avant de réserver)</strong>
              )}
            </li>
          </ul>
          {details.data.status === 'rejected' && details.data.rejectionReason && (
            <Alert severity="error" small description={`Motif du refus\u00a0: ${details.data.rejectionReason}`} />
          )}
        </>
      )}
      <InsuranceCertificatePanel organisationId={organisation.id} isOwner={isOwner} />
      {isOwner && <Members organisationId={organisation.id} />}
      <CalendarLink owner="organisations" id={organisation.id} name={organisation.name} />
    </section>
  );
}

const ROLE_OPTIONS = [
  { value: 'member', label: 'Membre' },
  { value: 'owner', label: 'Responsable' },
] as const;
const roleLabel = (role: MembershipRole) => (role === 'owner' ? 'responsable' : 'membre');

/** Exported for its test: the members of an organisation its owner manages. */
export function Members({ organisationId }: { organisationId: string }) {
  const members = useAsync((_signal) => bookingApi.members(organisationId), [organisationId]);
  const { me, refresh } = useSession();
  const { busy, error, run } = useAction();

  const remove = (memberId: string) => {
    if (!window.confirm('Retirer cette personne de l’organisation\u00a0?')) return;
    return run(async () => {
      await bookingApi.removeMember(organisationId, memberId);
      members.reload();
    });
  };
  const setRole = (member: MemberView, role: MembershipRole) => {
    const self = member.accountId === me?.account.id;
    if (
      self &&
      !window.confirm(
        'Vous ne serez plus responsable\u00a0: vous ne pourrez plus gérer les membres ni les liens d’invitation. Continuer\u00a0?',
      )
    )
      return;
    return run(async () => {
      await bookingApi.setMemberRole(organisationId, member.accountId, role);
      // One's own role decides what this page shows.
      if (self) await refresh();
      else members.reload();
    });
  };

  return (
    <div className="salle-mt-2w">
      <h3 className="salle-h6">Membres</h3>
      <ProblemAlert error={error} />
      {members.data && (
        <ul>
          {members.data.items.map((member) => {
            const name = memberName(member);
            if (member.accountId === soleOwnerId(members.data?.items ?? [])) {
              return (
                <li key={member.accountId}>
                  {name} – {roleLabel(member.role)}{' '}
                  <span className="salle-text--sm">
                    (seul responsable&nbsp;: nommez-en un autre avant de changer son rôle ou de le retirer)
                  </span>
                </li>
              );
            }
            return (
              <li key={member.accountId}>
                {name} – {roleLabel(member.role)}{' '}
                <button
                  type="button"
                  className="salle-link salle-text--sm salle-mr-2w"
                  disabled={busy}
                  onClick={() => void setRole(member, member.role === 'owner' ? 'member' : 'owner')}
                >
                  {member.role === 'owner' ? 'Retirer le rôle de responsable' : 'Nommer responsable'}
                  <span className="salle-sr-only">&nbsp;: {name}</span>
                </button>
                <button
                  type="button"
                  className="salle-link salle-text--sm"
                  disabled={busy}
                  onClick={() => void remove(member.accountId)}
                >
                  Retirer<span className="salle-sr-only"> {name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Invitations organisationId={organisationId} />
    </div>
  );
}

/** Invitation links: the owner sends one, the person opens it, signs in with FranceConnect and joins. */
function Invitations({ organisationId }: { organisationId: string }) {
  const open = useAsync((_signal) => bookingApi.invitations(organisationId), [organisationId]);
  const [role, setRole] = useState<'member' | 'owner'>('member');
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<CreatedInvitationView | null>(null);
  const { busy, error, run } = useAction();
  const formId = `invitation-${organisationId}`;

  const create = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const address = email.trim();
      // With an address, the service e-mails the link and never shows it here.
      setCreated(
        address
          ? await followUpApi.inviteByEmail(organisationId, role, address)
          : await bookingApi.invite(organisationId, role),
      );
      setEmail('');
      open.reload();
    });
  };
  const revoke = (invitationId: string) => {
    if (!window.confirm('Retirer ce lien\u00a0? La personne qui l’a reçu ne pourra plus s’en servir.')) return;
    return run(async () => {
      await bookingApi.revokeInvitation(organisationId, invitationId);
      if (created?.id === invitationId) setCreated(null);
      open.reload();
    });
  };

  return (
    <>
      <h3 className="salle-h6 salle-mt-2w">Inviter une personne</h3>
      <p className="salle-text--sm">
        Donnez l’adresse électronique de la personne pour que le site lui envoie le lien, ou créez un lien à lui
        transmettre vous-même. Elle se connecte avec FranceConnect et rejoint l’organisation avec le rôle choisi. Le
        lien sert une seule fois et reste valable {INVITATION_DAYS} jours.
      </p>
      <form id={formId} onSubmit={create} noValidate>
        <ProblemAlert error={error} form={{ id: formId, fields: { email: 'Adresse électronique de la personne' } }} />
        <div className="salle-grid-row salle-grid-row--gutters salle-grid-row--bottom">
          <div className="salle-col-12 salle-col-md-5">
            <TextField
              formId={formId}
              name="email"
              type="email"
              autoComplete="off"
              label="Adresse électronique de la personne (facultatif)"
              hint="Vide, un lien à copier vous est donné"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={mapFieldErrors(error?.fieldErrors, ['email']).byField['email']}
            />
          </div>
          <div className="salle-col-12 salle-col-md-3">
            <SelectField
              formId={formId}
              name="role"
              label="Rôle"
              options={ROLE_OPTIONS}
              value={role}
              onChange={(e) => setRole(e.target.value as 'member' | 'owner')}
            />
          </div>
          <div className="salle-col-12 salle-col-md-4">
            <Button type="submit" priority="secondary" disabled={busy}>
              {email.trim() ? 'Envoyer l’invitation' : 'Créer un lien d’invitation'}
            </Button>
          </div>
        </div>
      </form>
      {created?.sentTo && (
        <Alert
          severity="success"
          small
          className="salle-mt-2w"
          role="status"
          description={`Invitation envoyée à ${created.sentTo} (${roleLabel(created.role)}), valable jusqu’au ${formatDateTime(created.expiresAt)}.`}
        />
      )}
      {created?.token && (
        <div className="salle-mt-2w">
          <CopyField
            label={`Lien d’invitation (${roleLabel(created.role)})`}
            hint={`À envoyer à la personne, valable jusqu’au ${formatDateTime(created.expiresAt)}. Il ne sera plus affiché\u00a0: copiez-le maintenant.`}
            value={invitationLink(created.token)}
          />
        </div>
      )}
      {open.data && open.data.items.length > 0 && (
        <>
          <p className="salle-text--sm salle-mt-2w salle-mb-1v">Liens envoyés, pas encore utilisés&nbsp;:</p>
          <ul className="salle-text--sm">
            {open.data.items.map((invitation) => (
              <li key={invitation.id}>
                {roleLabel(invitation.role)}, créé le {formatDateTime(invitation.createdAt)}, valable jusqu’au{' '}
                {formatDateTime(invitation.expiresAt)}{' '}
                <button
                  type="button"
                  className="salle-link salle-text--sm"
                  disabled={busy}
                  onClick={() => void revoke(invitation.id)}
                >
                  Retirer le lien<span className="salle-sr-only"> créé le {formatDateTime(invitation.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
