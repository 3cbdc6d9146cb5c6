import type { SpaceKind, SpaceView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi, bookingDownloads } from '../../api/booking-api';
import { ImportForm } from '../../components/csv-import-form';
import type { PageProps } from '../../app/routes';
import { Link, navigate } from '../../app/router';
import { SelectField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { mapFieldErrors } from '../../lib/form-errors';
import { SPACE_KIND_LABELS } from '../../lib/labels';
import { ManagerLayout } from './manager-layout';
import { Badge, Button, ResponsiveTable, type TableColumn } from '../../ui';

const FORM_ID = 'nouvel-espace';
const FIELDS = { name: 'Nom', kind: 'Type', capacity: 'Capacité' };

function spaceColumns(establishmentId: string): TableColumn<SpaceView>[] {
  return [
    {
      header: 'Nom',
      cell: (space) => <Link href={`/gestion/${establishmentId}/espaces/${space.id}`}>{space.name}</Link>,
    },
    { header: 'Type', cell: (space) => SPACE_KIND_LABELS[space.kind] },
    { header: 'Capacité', cell: (space) => space.capacity },
    {
      header: 'État',
      cell: (space) => (
        <Badge small as="span" severity={space.active ? 'success' : 'warning'}>
          {space.active ? 'Réservable' : 'Fermé à la réservation'}
        </Badge>
      ),
    },
  ];
}

export function SpacesPage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  const spaces = useAsync((signal) => bookingApi.establishmentSpaces(establishmentId, { signal }), [establishmentId]);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SpaceKind>('multipurpose_hall');
  const [capacity, setCapacity] = useState('');
  const { busy, error, setError, run } = useAction();

  const create = (event: FormEvent) => {
    event.preventDefault();
    const count = Number(capacity);
    if (!name.trim() || !Number.isInteger(count) || count < 1) {
      return setError(
        new ApiError({
          title: 'Le formulaire contient des erreurs.',
          status: 400,
          code: 'validation_failed',
          errors: [
            ...(name.trim() ? [] : [{ field: 'name', message: 'indiquez le nom de l’espace' }]),
            ...(Number.isInteger(count) && count >= 1
              ? []
              : [{ field: 'capacity', message: 'indiquez un nombre de personnes' }]),
          ],
        }),
      );
    }
    return run(async () => {
      const space = await bookingApi.createSpace(establishmentId, { name: name.trim(), kind, capacity: count });
      navigate(`/gestion/${establishmentId}/espaces/${space.id}`);
    });
  };
  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(FIELDS)).byField;

  return (
    <ManagerLayout establishmentId={establishmentId} title="Espaces du collège">
      {() => (
        <>
          {spaces.loading && <Loading label="Chargement des espaces…" />}
          <ProblemAlert error={spaces.error} focus={false} />
          {spaces.data && (
            <ResponsiveTable
              caption="Espaces"
              captionHidden
              rows={spaces.data.items}
              rowKey={(space) => space.id}
              columns={spaceColumns(establishmentId)}
            />
          )}
          <h2 className="salle-h4 salle-mt-4w">Ajouter un espace</h2>
          <form id={FORM_ID} onSubmit={create} noValidate className="salle-panel">
            <ProblemAlert error={error} form={{ id: FORM_ID, fields: FIELDS }} />
            <div className="salle-grid-row salle-grid-row--gutters">
              <div className="salle-col-12 salle-col-md-5">
                <TextField
                  formId={FORM_ID}
                  name="name"
                  label="Nom"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  error={errors['name']}
                />
              </div>
              <div className="salle-col-12 salle-col-md-4">
                <SelectField
                  formId={FORM_ID}
                  name="kind"
                  label="Type"
                  options={Object.entries(SPACE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
                  value={kind}
                  onChange={(e) => setKind(e.target.value as SpaceKind)}
                  error={errors['kind']}
                />
              </div>
              <div className="salle-col-12 salle-col-md-3">
                <TextField
                  formId={FORM_ID}
                  name="capacity"
                  label="Capacité"
                  hint="Personnes"
                  type="number"
                  min={1}
                  value={capacity}
                  onChange={(e) => setCapacity(e.target.value)}
                  error={errors['capacity']}
                />
              </div>
            </div>
            <Button type="submit" disabled={busy}>
              Ajouter puis compléter
            </Button>
          </form>
          <BulkRulesSection />
        </>
      )}
    </ManagerLayout>
  );
}

/** Opening hours and tariffs of many spaces at once, as CSV: the service keeps a manager to their own collèges. */
function BulkRulesSection() {
  return (
    <section aria-labelledby="horaires-tarifs-csv" className="salle-mt-4w">
      <h2 id="horaires-tarifs-csv" className="salle-h4">
        Horaires et tarifs de plusieurs espaces (CSV)
      </h2>
      <p>
        Exportez les horaires ou les tarifs des espaces de vos collèges, modifiez-les dans un tableur puis importez le
        fichier&nbsp;: chaque espace nommé dans le fichier reçoit exactement ses lignes, les autres ne changent pas.
      </p>
      <ul>
        <li>
          <a className="salle-link" href={bookingDownloads.openingRulesCsv} download>
            Exporter les horaires d’ouverture (CSV)
          </a>
        </li>
        <li>
          <a className="salle-link" href={bookingDownloads.tariffsCsv} download>
            Exporter les tarifs (CSV)
          </a>
        </li>
      </ul>
      <ImportForm kind="opening_rules" headingLevel={3} />
      <ImportForm kind="tariffs" headingLevel={3} />
    </section>
  );
}
