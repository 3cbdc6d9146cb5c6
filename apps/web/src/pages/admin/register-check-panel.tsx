import { useState } from 'react';
import type { OrganisationView, RegisterCheckView, RegisterMismatchField } from '@salle/contracts';
import { bookingApi } from '../../api/booking-api';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { RENTER_CATEGORY_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/paris-time';
import { Alert, Badge, Button, ResponsiveTable } from '../../ui';

interface Line {
  field: RegisterMismatchField | 'address' | 'legalForm' | 'activity';
  label: string;
  declared: string;
  registered: string;
}

function lines(organisation: OrganisationView, register: NonNullable<RegisterCheckView['register']>): Line[] {
  return [
    { field: 'name', label: 'Nom', declared: organisation.name, registered: register.name },
    { field: 'address', label: 'Adresse', declared: organisation.address || '—', registered: register.address || '—' },
    { field: 'postalCode', label: 'Code postal', declared: organisation.postalCode, registered: register.postalCode },
    { field: 'communeName', label: 'Commune', declared: organisation.communeName, registered: register.communeName },
    {
      field: 'kind',
      label: 'Type',
      declared: RENTER_CATEGORY_LABELS[organisation.kind],
      registered: register.isAssociation ? 'Association' : 'Autre que association',
    },
    { field: 'legalForm', label: 'Forme juridique', declared: '—', registered: register.legalForm },
    { field: 'activity', label: 'Activité principale', declared: '—', registered: register.activity },
    { field: 'active', label: 'État', declared: 'En activité', registered: register.active ? 'En activité' : 'Cessée' },
  ];
}

/**
 * What the official register (« Recherche d'entreprises ») says of the declared number, beside the
 * declaration: each contradiction is marked in words, never decided here; the admin verifies or rejects.
 */
export function RegisterCheckPanel({ organisation }: { organisation: OrganisationView }) {
  const [check, setCheck] = useState<RegisterCheckView | null>(null);
  const { busy, error, run } = useAction();
  const load = () => void run(async () => setCheck(await bookingApi.registerCheck(organisation.id)));
  if (!check)
    return (
      <div className="salle-mb-2w">
        <ProblemAlert error={error} focus={false} />
        {busy && <Loading label="Interrogation du registre…" />}
        <Button size="small" priority="secondary" disabled={busy} onClick={load}>
          Comparer au registre officiel<span className="salle-sr-only">&nbsp;: {organisation.name}</span>
        </Button>
      </div>
    );
  if (!check.register)
    return (
      <Alert
        severity="warning"
        small
        className="salle-mb-2w"
        description={`Le registre ne connaît pas ce numéro (consulté le ${formatDateTime(check.checkedAt)}).`}
      />
    );
  const mismatched = new Set<string>(check.mismatches);
  return (
    <div className="salle-mb-2w">
      <p role="status">
        {check.mismatches.length === 0
          ? 'Le registre confirme la déclaration.'
          : `Le registre contredit la déclaration sur ${check.mismatches.length} point${check.mismatches.length > 1 ? 's' : ''}.`}
      </p>
      <ResponsiveTable
        caption={`Déclaration et registre officiel (SIREN ${check.register.siren}), consulté le ${formatDateTime(check.checkedAt)}`}
        rows={lines(organisation, check.register)}
        rowKey={(line) => line.field}
        columns={[
          { header: 'Information', cell: (line) => line.label },
          { header: 'Déclaré', cell: (line) => line.declared },
          { header: 'Registre', cell: (line) => line.registered },
          {
            header: 'Comparaison',
            cell: (line) =>
              mismatched.has(line.field) ? (
                <Badge small as="span" severity="warning">
                  Différent
                </Badge>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
