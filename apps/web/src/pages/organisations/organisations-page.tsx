import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { MeResponse } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError, toApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import { useSession } from '../../app/session';
import { CalendarLink } from '../../components/calendar-link';
import { CopyField } from '../../components/copy-field';
import { SelectField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { OrganisationStatusBadge } from '../../components/status-badge';
import { useAsync } from '../../components/use-async';
import { mapFieldErrors } from '../../lib/form-errors';
import { RENTER_CATEGORY_LABELS } from '../../lib/labels';
import { formatDate, todayInParis } from '../../lib/paris-time';

type MyOrganisation = MeResponse['organisations'][number];

export function OrganisationsPage() {
  const { me } = useSession();
  if (!me) return null;
  return (
    <>
      <h1>Mon organisation</h1>
      {me.organisations.length === 0 && (
        <Alert severity="info" className="fr-mb-3w" title="Vous n’agissez encore pour aucune organisation." description="Déclarez la vôtre, ou demandez à son responsable de vous ajouter." />
      )}
      {me.organisations.map((organisation) => (
        <OrganisationPanel key={organisation.id} organisation={organisation} />
      ))}
      <h2 className="fr-h4 fr-mt-4w">Déclarer une organisation</h2>
      <p>Votre association n’est pas encore inscrite ? Déclarez-la : le département la vérifie avant la première réservation.</p>
      <Button linkProps={{ href: '/organisations/nouvelle' }} iconId="fr-icon-add-line">
        Déclarer une organisation
      </Button>
      <h2 className="fr-h4 fr-mt-4w">Rejoindre une organisation déjà inscrite</h2>
      <p>Communiquez votre identifiant à un responsable de l’organisation : il vous ajoutera depuis cette page.</p>
      <CopyField label="Mon identifiant de compte" value={me.account.id} />
    </>
  );
}

function OrganisationPanel({ organisation }: { organisation: MyOrganisation }) {
  const details = useAsync((signal) => bookingApi.organisation(organisation.id, { signal }), [organisation.id]);
  const isOwner = organisation.role === 'owner';
  return (
    <section className="salle-panel" aria-labelledby={`org-${organisation.id}`}>
      <h2 id={`org-${organisation.id}`} className="fr-h4 fr-mb-1w">
        {organisation.name} <OrganisationStatusBadge status={organisation.status} />
      </h2>
      <p className="fr-mb-1w">Vous en êtes {isOwner ? 'responsable' : 'membre'}.</p>
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
              Assurance : {details.data.insuranceReference}, valable jusqu’au {formatDate(details.data.insuranceExpiresOn)}
              {details.data.insuranceExpiresOn < todayInParis() && <strong> (expirée : mettez-la à jour avant de réserver)</strong>}
            </li>
          </ul>
          {details.data.status === 'rejected' && details.data.rejectionReason && (
            <Alert severity="error" small description={`Motif du refus : ${details.data.rejectionReason}`} />
          )}
        </>
      )}
      {isOwner && <Members organisationId={organisation.id} />}
      <CalendarLink owner="organisations" id={organisation.id} name={organisation.name} />
    </section>
  );
}

function Members({ organisationId }: { organisationId: string }) {
  const members = useAsync((_signal) => bookingApi.members(organisationId), [organisationId]);
  const [accountId, setAccountId] = useState('');
  const [role, setRole] = useState<'member' | 'owner'>('member');
  const [error, setError] = useState<ApiError | null>(null);
  const formId = `membres-${organisationId}`;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!/^[0-9a-f-]{36}$/i.test(accountId.trim())) {
      setError(new ApiError({ title: 'Identifiant invalide.', status: 400, code: 'validation_failed', errors: [{ field: 'accountId', message: 'collez l’identifiant de compte que la personne vous a transmis' }] }));
      return;
    }
    try {
      await bookingApi.addMember(organisationId, accountId.trim(), role);
      setAccountId('');
      members.reload();
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  const remove = async (memberId: string) => {
    if (!window.confirm('Retirer cette personne de l’organisation ?')) return;
    try {
      await bookingApi.removeMember(organisationId, memberId);
      members.reload();
    } catch (failure) {
      setError(toApiError(failure));
    }
  };

  return (
    <div className="fr-mt-2w">
      <h3 className="fr-h6">Membres</h3>
      {members.data && (
        <ul>
          {members.data.items.map((member) => (
            <li key={member.accountId}>
              <code>{member.accountId}</code> – {member.role === 'owner' ? 'responsable' : 'membre'}{' '}
              <button type="button" className="fr-link fr-text--sm" onClick={() => void remove(member.accountId)}>
                Retirer<span className="fr-sr-only"> {member.accountId}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form id={formId} onSubmit={add} noValidate>
        <ProblemAlert error={error} form={{ id: formId, fields: { accountId: 'Identifiant de compte' } }} />
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-6">
            <TextField formId={formId} name="accountId" label="Ajouter une personne" hint="Son identifiant de compte (page « Mon compte »)" value={accountId} onChange={(e) => setAccountId(e.target.value)} error={mapFieldErrors(error?.fieldErrors, ['accountId']).byField['accountId']} />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <SelectField formId={formId} name="role" label="Rôle" options={[{ value: 'member', label: 'Membre' }, { value: 'owner', label: 'Responsable' }]} value={role} onChange={(e) => setRole(e.target.value as 'member' | 'owner')} />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Button type="submit" priority="secondary">
              Ajouter
            </Button>
          </div>
        </div>
      </form>
    </div>
  );
}
