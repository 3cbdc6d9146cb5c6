import { useState, type FormEvent } from 'react';
import type { ConventionDelegateView, DepartmentAdmins } from '@salle/contracts';
import { departmentAdmins } from '../../api/admin-api';
import { followUpApi } from '../../api/follow-up-api';
import { TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { mapFieldErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/paris-time';
import { Button } from '../../ui';

type Admin = DepartmentAdmins['items'][number];

/**
 * « Délégation de signature »: the département's admins (those who have logged in), each with or without the
 * delegation to sign conventions for the département, granted with the deliberation that delegates it (printed in the
 * evidence of what they sign) and withdrawn here. A delegate who is no longer an admin is listed to be withdrawn.
 */
export function ConventionDelegations() {
  const admins = useAsync((signal) => departmentAdmins(signal), []);
  const delegates = useAsync((signal) => followUpApi.conventionDelegates({ signal }), []);
  const withdraw = useAction();
  const held = new Map((delegates.data?.items ?? []).map((delegate) => [delegate.accountId, delegate]));
  const known = new Set((admins.data?.items ?? []).map((admin) => admin.accountId));
  const formerAdmins = (delegates.data?.items ?? []).filter((delegate) => !known.has(delegate.accountId));
  const revoke = (accountId: string) =>
    withdraw.run(async () => {
      await followUpApi.revokeConventionDelegation(accountId);
      delegates.reload();
    });
  return (
    <section aria-labelledby="delegation-titre" className="salle-mt-4w">
      <h2 id="delegation-titre">Délégation de signature</h2>
      <p>
        Les administrateurs titulaires d’une délégation du président du conseil départemental signent les conventions
        pour le département. Indiquez la délibération ou l’arrêté qui la leur donne&nbsp;: elle figure dans la preuve de
        chaque signature.
      </p>
      {(admins.loading || delegates.loading) && <Loading label="Chargement des administrateurs…" />}
      <ProblemAlert error={admins.error ?? delegates.error ?? withdraw.error} focus={false} />
      {admins.data && delegates.data && (
        <ul>
          {admins.data.items.map((admin) => (
            <li key={admin.accountId} className="salle-mb-2w">
              <AdminDelegation
                admin={admin}
                delegate={held.get(admin.accountId)}
                busy={withdraw.busy}
                onRevoke={() => void revoke(admin.accountId)}
                onGranted={delegates.reload}
              />
            </li>
          ))}
          {formerAdmins.map((delegate) => (
            <li key={delegate.accountId} className="salle-mb-2w">
              <span className="salle-text--bold">Compte qui n’est plus administrateur</span>, titulaire de la délégation
              ({delegate.deliberation}, depuis le {formatDate(delegate.grantedAt)}){' '}
              <Button
                size="small"
                priority="tertiary"
                disabled={withdraw.busy}
                onClick={() => void revoke(delegate.accountId)}
              >
                Retirer la délégation<span className="salle-sr-only"> de ce compte</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {admins.data?.items.length === 0 && <p>Aucun administrateur ne s’est encore connecté.</p>}
    </section>
  );
}

function AdminDelegation({
  admin,
  delegate,
  busy,
  onRevoke,
  onGranted,
}: {
  admin: Admin;
  delegate: ConventionDelegateView | undefined;
  busy: boolean;
  onRevoke: () => void;
  onGranted: () => void;
}) {
  const [deliberation, setDeliberation] = useState('');
  const grant = useAction();
  const formId = `delegation-${admin.accountId}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void grant.run(async () => {
      await followUpApi.grantConventionDelegation(admin.accountId, deliberation.trim());
      setDeliberation('');
      onGranted();
    });
  };
  const who = (
    <>
      <span className="salle-text--bold">{admin.displayName}</span> ({admin.email})
    </>
  );
  if (delegate)
    return (
      <>
        {who}, titulaire de la délégation ({delegate.deliberation}, depuis le {formatDate(delegate.grantedAt)}){' '}
        <Button size="small" priority="tertiary" disabled={busy} onClick={onRevoke}>
          Retirer la délégation<span className="salle-sr-only"> de {admin.displayName}</span>
        </Button>
      </>
    );
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <p className="salle-mb-1w">{who}, sans délégation</p>
      <ProblemAlert error={grant.error} form={{ id: formId, fields: { deliberation: 'Délibération' } }} />
      <div className="salle-grid-row salle-grid-row--gutters salle-grid-row--bottom">
        <div className="salle-col-12 salle-col-md-8">
          <TextField
            formId={formId}
            name="deliberation"
            label={`Délibération qui délègue la signature à ${admin.displayName}`}
            hint={`Par exemple «\u00a0Arrêté n°\u00a02026-045 du 3 février 2026\u00a0»`}
            value={deliberation}
            onChange={(e) => setDeliberation(e.target.value)}
            error={mapFieldErrors(grant.error?.fieldErrors, ['deliberation']).byField['deliberation']}
          />
        </div>
        <div className="salle-col-12 salle-col-md-4">
          <Button type="submit" priority="secondary" disabled={grant.busy}>
            Accorder la délégation<span className="salle-sr-only"> à {admin.displayName}</span>
          </Button>
        </div>
      </div>
    </form>
  );
}
