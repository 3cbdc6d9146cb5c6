import { useState, type FormEvent } from 'react';
import type { ManagersView } from '@salle/contracts';
import { bookingApi } from '../../api/booking-api';
import { followUpApi } from '../../api/follow-up-api';
import { TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { mapFieldErrors } from '../../lib/form-errors';
import { MANAGER_ORIGIN_LABELS } from '../../lib/labels';
import { formatDate } from '../../lib/paris-time';
import { Button } from '../../ui';
import { Dialog } from '../../ui/dialog';

type Manager = ManagersView['managers'][number];

/**
 * A collège's managers for the département: listed by name and e-mail, invited by professional e-mail
 * (accepted at the agent's first ProConnect login with it) and revoked, however they were designated.
 */
export function EstablishmentManagers({ establishmentId }: { establishmentId: string }) {
  const managers = useAsync(() => bookingApi.managers(establishmentId), [establishmentId]);
  const change = useAction();
  const revoke = (manager: Manager) =>
    change.run(async () => {
      await bookingApi.revokeManager(establishmentId, manager.accountId);
      managers.reload();
    });
  const flag = (manager: Manager) =>
    change.run(async () => {
      await followUpApi.setManagerSignatory(establishmentId, manager.accountId, !manager.signatory);
      managers.reload();
    });
  const withdraw = (invitationId: string) =>
    change.run(async () => {
      await bookingApi.cancelManagerInvitation(establishmentId, invitationId);
      managers.reload();
    });
  return (
    <div className="salle-mt-2w">
      <p className="salle-text--sm">
        Les agents ProConnect dont l’administration porte le SIRET du collège en deviennent gestionnaires
        automatiquement. Vous pouvez aussi inviter un agent par son adresse électronique professionnelle&nbsp;: il
        devient gestionnaire à sa première connexion avec ProConnect sous cette adresse.
      </p>
      {managers.loading && <Loading label="Chargement des gestionnaires…" />}
      <ProblemAlert error={managers.error ?? change.error} focus={false} />
      {managers.data && (
        <>
          <h3 className="salle-h6 salle-mb-1w">Gestionnaires</h3>
          {managers.data.managers.length ? (
            <ul>
              {managers.data.managers.map((manager) => (
                <li key={manager.accountId} className="salle-mb-1w">
                  <ManagerLine
                    manager={manager}
                    busy={change.busy}
                    onRevoke={() => void revoke(manager)}
                    onFlag={() => void flag(manager)}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucun gestionnaire.</p>
          )}
          {managers.data.invitations.length > 0 && (
            <>
              <h3 className="salle-h6 salle-mb-1w">Invitations en attente</h3>
              <ul>
                {managers.data.invitations.map((invitation) => (
                  <li key={invitation.id} className="salle-mb-1w">
                    {invitation.email}, invité le {formatDate(invitation.invitedAt)}{' '}
                    <Button
                      size="small"
                      priority="tertiary"
                      disabled={change.busy}
                      onClick={() => void withdraw(invitation.id)}
                    >
                      Retirer l’invitation<span className="salle-sr-only"> de {invitation.email}</span>
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <InviteForm establishmentId={establishmentId} onInvited={managers.reload} />
    </div>
  );
}

function ManagerLine({
  manager,
  busy,
  onRevoke,
  onFlag,
}: {
  manager: Manager;
  busy: boolean;
  onRevoke: () => void;
  onFlag: () => void;
}) {
  const name = manager.displayName ?? manager.email ?? 'Agent qui ne s’est pas encore connecté';
  return (
    <>
      <span className="salle-text--bold">{name}</span>
      {manager.displayName && manager.email ? ` (${manager.email})` : ''}
      {manager.origin ? `, ${MANAGER_ORIGIN_LABELS[manager.origin]}` : ''}, depuis le {formatDate(manager.since)}
      {manager.signatory ? ', signataire des conventions' : ''}{' '}
      <Button size="small" priority="tertiary" disabled={busy} onClick={onFlag}>
        {manager.signatory ? 'Ne plus signer les conventions' : 'Désigner signataire des conventions'}
        <span className="salle-sr-only"> ({name})</span>
      </Button>{' '}
      <Dialog triggerLabel={`Retirer ${name}`} triggerPriority="tertiary" title="Retirer ce gestionnaire">
        {(close) => (
          <>
            <p>
              {name} ne pourra plus gérer ce collège, même si son administration porte le SIRET du collège. Une nouvelle
              invitation pourra le désigner à nouveau.
            </p>
            <ul className="salle-btns-group salle-btns-group--inline-sm">
              <li>
                <Button
                  disabled={busy}
                  onClick={() => {
                    onRevoke();
                    close();
                  }}
                >
                  Retirer le gestionnaire
                </Button>
              </li>
              <li>
                <Button priority="secondary" onClick={close}>
                  Retour
                </Button>
              </li>
            </ul>
          </>
        )}
      </Dialog>
    </>
  );
}

function InviteForm({ establishmentId, onInvited }: { establishmentId: string; onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const { busy, error, run } = useAction();
  const formId = `gestionnaires-${establishmentId}`;
  const invite = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await bookingApi.inviteManager(establishmentId, email.trim());
      setEmail('');
      onInvited();
    });
  };
  return (
    <form id={formId} onSubmit={invite} noValidate>
      <ProblemAlert error={error} form={{ id: formId, fields: { email: 'Adresse électronique de l’agent' } }} />
      <div className="salle-grid-row salle-grid-row--gutters salle-grid-row--bottom">
        <div className="salle-col-12 salle-col-md-8">
          <TextField
            formId={formId}
            name="email"
            type="email"
            autoComplete="off"
            label="Inviter un gestionnaire"
            hint="Adresse électronique professionnelle de l’agent, celle de son compte ProConnect"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={mapFieldErrors(error?.fieldErrors, ['email']).byField['email']}
          />
        </div>
        <div className="salle-col-12 salle-col-md-4">
          <Button type="submit" priority="secondary" disabled={busy}>
            Inviter
          </Button>
        </div>
      </div>
    </form>
  );
}
