import {
  type FieldError,
  replaceOpeningRulesSchema,
  type SpaceDetailsView,
  type SpaceKind,
  updateSpaceSchema,
} from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import type { PageProps } from '../../app/routes';
import { Link } from '../../app/router';
import { AccessInstructionsEditor } from '../../components/access-instructions';
import { SpacePhotosEditor } from '../../components/space-photos-editor';
import { CheckboxGroup, SelectField, SingleCheckbox, TextAreaField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { issuesToFieldErrors, mapFieldErrors } from '../../lib/form-errors';
import { OPENING_PERIOD_LABELS, RENTER_CATEGORY_LABELS, SPACE_KIND_LABELS, WEEKDAYS } from '../../lib/labels';
import { ManagerLayout } from './manager-layout';
import {
  CATEGORIES,
  detailsBodyOf,
  detailsFormOf,
  renameTariffErrors,
  ruleRowsOf,
  rulesBodyOf,
  tariffRowsOf,
  tariffsBodyOf,
  type RuleRow,
  type SpaceDetailsForm,
  type TariffRow,
} from './space-editor-model';
import { Button } from '../../ui';
import { Tabs } from '../../ui/tabs';
import { showToast } from '../../ui/toast-queue';

const invalid = (errors: FieldError[]) =>
  new ApiError({ title: 'Le formulaire contient des erreurs.', status: 400, code: 'validation_failed', errors });

/** Saving one section of the editor: busy flag, problem, confirmation. */
/** A section's save: its busy state and problem, and a toast saying `savedMessage` once saved. */
function useSave(savedMessage: string) {
  const action = useAction();
  const run = async (save: () => Promise<unknown>) => {
    if (await action.run(save)) showToast(savedMessage);
  };
  return { busy: action.busy, error: action.error, run, fail: (error: ApiError) => action.setError(error) };
}

export function SpaceEditorPage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  const spaceId = params['spaceId'] ?? '';
  const space = useAsync((signal) => bookingApi.space(spaceId, { signal }), [spaceId]);
  return (
    <ManagerLayout
      establishmentId={establishmentId}
      title={space.data ? `Espace\u00a0: ${space.data.name}` : 'Modifier un espace'}
    >
      {() => (
        <>
          {space.loading && !space.data && <Loading label="Chargement de l’espace…" />}
          <ProblemAlert error={space.error} />
          {space.data && (
            <>
              <p>
                <Link href={`/espaces/${spaceId}`}>Voir la page publique de l’espace</Link>
              </p>
              <Tabs
                label="Parties de l’espace"
                tabs={[
                  { id: 'description', title: 'Description', content: <DetailsSection space={space.data} /> },
                  { id: 'horaires', title: 'Horaires', content: <OpeningRulesSection space={space.data} /> },
                  { id: 'tarifs', title: 'Tarifs', content: <TariffsSection space={space.data} /> },
                  { id: 'acces', title: 'Accès', content: <AccessInstructionsEditor spaceId={spaceId} /> },
                  { id: 'photos', title: 'Photos', content: <SpacePhotosEditor spaceId={spaceId} /> },
                ]}
              />
              <p>
                Les fermetures exceptionnelles se gèrent dans{' '}
                <Link href={`/gestion/${establishmentId}/fermetures`}>Fermetures</Link>, les conditions d’annulation
                dans <Link href={`/gestion/${establishmentId}/annulation`}>Conditions d’annulation</Link>.
              </p>
            </>
          )}
        </>
      )}
    </ManagerLayout>
  );
}

const DETAIL_FIELDS: Record<string, string> = {
  name: 'Nom',
  kind: 'Type',
  capacity: 'Capacité',
  areaM2: 'Surface',
  equipment: 'Équipements',
  description: 'Description',
  photoUrls: 'Photos',
  bufferMinutes: 'Battement entre deux occupations',
  minDurationMinutes: 'Durée minimale',
  maxDurationMinutes: 'Durée maximale',
  minNoticeHours: 'Délai de prévenance',
  maxHorizonDays: 'Réservable jusqu’à',
  allowedCategories: 'Ouvert à',
};

function DetailsSection({ space }: { space: SpaceDetailsView }) {
  const [form, setForm] = useState<SpaceDetailsForm>(() => detailsFormOf(space));
  const save = useSave('Description enregistrée.');
  const formId = 'espace-details';
  const update = <K extends keyof SpaceDetailsForm>(field: K, value: SpaceDetailsForm[K]) =>
    setForm((current) => ({ ...current, [field]: value }));
  const errors = mapFieldErrors(save.error?.fieldErrors, Object.keys(DETAIL_FIELDS)).byField;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = detailsBodyOf(form);
    const checked = updateSpaceSchema.safeParse(body);
    if (!checked.success) return save.fail(invalid(issuesToFieldErrors(checked.error.issues)));
    void save.run(() => bookingApi.updateSpace(space.id, body));
  };
  const number = (name: keyof SpaceDetailsForm & string, label: string, hint?: string) => (
    <TextField
      formId={formId}
      name={name}
      label={label}
      hint={hint}
      type="number"
      min={0}
      value={String(form[name])}
      onChange={(e) => update(name, e.target.value as never)}
      error={errors[name]}
    />
  );
  return (
    <form id={formId} onSubmit={submit} noValidate className="salle-panel">
      <h2 className="salle-h4">Description</h2>
      <ProblemAlert error={save.error} form={{ id: formId, fields: DETAIL_FIELDS }} />
      <div className="salle-grid-row salle-grid-row--gutters">
        <div className="salle-col-12 salle-col-md-6">
          <TextField
            formId={formId}
            name="name"
            label="Nom"
            value={form.name}
            onChange={(e) => update('name', e.target.value)}
            error={errors['name']}
          />
        </div>
        <div className="salle-col-12 salle-col-md-6">
          <SelectField
            formId={formId}
            name="kind"
            label="Type"
            options={Object.entries(SPACE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            value={form.kind}
            onChange={(e) => update('kind', e.target.value as SpaceKind)}
            error={errors['kind']}
          />
        </div>
        <div className="salle-col-6 salle-col-md-3">{number('capacity', 'Capacité', 'Personnes')}</div>
        <div className="salle-col-6 salle-col-md-3">
          <TextField
            formId={formId}
            name="areaM2"
            label="Surface"
            hint="m², facultatif"
            type="number"
            min={1}
            value={form.areaM2}
            onChange={(e) => update('areaM2', e.target.value)}
            error={errors['areaM2']}
          />
        </div>
        <div className="salle-col-12 salle-col-md-6">
          <TextAreaField
            formId={formId}
            name="equipment"
            label="Équipements"
            hint={'Un par ligne\u00a0: vidéoprojecteur, sono, tables…'}
            rows={3}
            value={form.equipment}
            onChange={(e) => update('equipment', e.target.value)}
            error={errors['equipment']}
          />
        </div>
        <div className="salle-col-12">
          <TextAreaField
            formId={formId}
            name="description"
            label="Description"
            rows={4}
            value={form.description}
            onChange={(e) => update('description', e.target.value)}
            error={errors['description']}
          />
        </div>
        <div className="salle-col-12">
          <TextAreaField
            formId={formId}
            name="photoUrls"
            label="Photos"
            hint="Adresses (https://…) des photos, une par ligne"
            rows={2}
            value={form.photoUrls}
            onChange={(e) => update('photoUrls', e.target.value)}
            error={errors['photoUrls']}
          />
        </div>
        <div className="salle-col-6 salle-col-md-4">{number('minDurationMinutes', 'Durée minimale', 'En minutes')}</div>
        <div className="salle-col-6 salle-col-md-4">{number('maxDurationMinutes', 'Durée maximale', 'En minutes')}</div>
        <div className="salle-col-6 salle-col-md-4">
          {number('bufferMinutes', 'Battement entre deux occupations', 'En minutes')}
        </div>
        <div className="salle-col-6 salle-col-md-4">{number('minNoticeHours', 'Délai de prévenance', 'En heures')}</div>
        <div className="salle-col-6 salle-col-md-4">
          {number('maxHorizonDays', 'Réservable jusqu’à', 'Jours à l’avance')}
        </div>
        <div className="salle-col-12">
          <CheckboxGroup
            formId={formId}
            name="allowedCategories"
            legend="Ouvert à"
            inline
            options={CATEGORIES.map((category) => ({ value: category, label: RENTER_CATEGORY_LABELS[category] }))}
            values={form.allowedCategories}
            onChange={(values) => update('allowedCategories', values)}
            error={errors['allowedCategories']}
          />
          <SingleCheckbox
            formId={formId}
            name="stepFreeAccess"
            label="Accessible de plain-pied"
            checked={form.stepFreeAccess}
            onChange={(checked) => update('stepFreeAccess', checked)}
          />
          <SingleCheckbox
            formId={formId}
            name="approvalRequired"
            label="Chaque demande doit être acceptée par le collège"
            checked={form.approvalRequired}
            onChange={(checked) => update('approvalRequired', checked)}
          />
          <SingleCheckbox
            formId={formId}
            name="closedOnPublicHolidays"
            label="Fermé les jours fériés"
            checked={form.closedOnPublicHolidays}
            onChange={(checked) => update('closedOnPublicHolidays', checked)}
          />
          <SingleCheckbox
            formId={formId}
            name="active"
            label="Ouvert à la réservation"
            checked={form.active}
            onChange={(checked) => update('active', checked)}
          />
        </div>
      </div>
      <Button type="submit" className="salle-mt-2w" disabled={save.busy}>
        Enregistrer la description
      </Button>
    </form>
  );
}

const EMPTY_RULE: RuleRow = {
  weekdays: [],
  startTime: '18:00',
  endTime: '22:00',
  period: 'school_term',
  validFrom: '',
  validUntil: '',
};

function OpeningRulesSection({ space }: { space: SpaceDetailsView }) {
  const [rows, setRows] = useState<RuleRow[]>(() => ruleRowsOf(space.openingRules));
  const save = useSave('Horaires enregistrés.');
  const formId = 'ouvertures';
  const fields: Record<string, string> = {};
  rows.forEach((_row, index) => {
    for (const [key, label] of [
      ['weekdays', 'jours'],
      ['startTime', 'début'],
      ['endTime', 'fin'],
      ['validFrom', 'début de validité'],
      ['validUntil', 'fin de validité'],
    ] as const) {
      fields[`rules.${index}.${key}`] = `Créneau ${index + 1}, ${label}`;
    }
  });
  const errors = mapFieldErrors(save.error?.fieldErrors, Object.keys(fields)).byField;
  const change = (index: number, patch: Partial<RuleRow>) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rules = rulesBodyOf(rows);
    const checked = replaceOpeningRulesSchema.safeParse({ rules });
    if (!checked.success) return save.fail(invalid(issuesToFieldErrors(checked.error.issues)));
    void save.run(() => bookingApi.replaceOpeningRules(space.id, rules));
  };
  return (
    <form id={formId} onSubmit={submit} noValidate className="salle-panel">
      <h2 className="salle-h4">Horaires d’ouverture</h2>
      <p>Les créneaux pendant lesquels l’espace peut être réservé, hors temps scolaire.</p>
      <ProblemAlert error={save.error} form={{ id: formId, fields }} />
      {rows.map((row, index) => (
        <fieldset key={index} className="salle-fieldset salle-panel">
          <legend className="salle-fieldset__legend">Créneau {index + 1}</legend>
          <div className="salle-fieldset__element">
            <CheckboxGroup
              formId={formId}
              name={`rules.${index}.weekdays`}
              legend="Jours"
              inline
              options={WEEKDAYS.map((day) => ({ value: String(day.iso), label: day.label }))}
              values={row.weekdays}
              onChange={(weekdays) => change(index, { weekdays })}
              error={errors[`rules.${index}.weekdays`]}
            />
          </div>
          <div className="salle-fieldset__element">
            <div className="salle-grid-row salle-grid-row--gutters">
              <div className="salle-col-6 salle-col-md-3">
                <TextField
                  formId={formId}
                  name={`rules.${index}.startTime`}
                  label="Début"
                  type="time"
                  value={row.startTime}
                  onChange={(e) => change(index, { startTime: e.target.value })}
                  error={errors[`rules.${index}.startTime`]}
                />
              </div>
              <div className="salle-col-6 salle-col-md-3">
                <TextField
                  formId={formId}
                  name={`rules.${index}.endTime`}
                  label="Fin"
                  type="time"
                  value={row.endTime}
                  onChange={(e) => change(index, { endTime: e.target.value })}
                  error={errors[`rules.${index}.endTime`]}
                />
              </div>
              <div className="salle-col-12 salle-col-md-6">
                <SelectField
                  formId={formId}
                  name={`rules.${index}.period`}
                  label="Période"
                  options={Object.entries(OPENING_PERIOD_LABELS).map(([value, label]) => ({
                    value,
                    label: label.charAt(0).toUpperCase() + label.slice(1),
                  }))}
                  value={row.period}
                  onChange={(e) => change(index, { period: e.target.value as RuleRow['period'] })}
                />
              </div>
              <div className="salle-col-6">
                <TextField
                  formId={formId}
                  name={`rules.${index}.validFrom`}
                  label="Valable à partir du"
                  hint="Facultatif"
                  type="date"
                  value={row.validFrom}
                  onChange={(e) => change(index, { validFrom: e.target.value })}
                  error={errors[`rules.${index}.validFrom`]}
                />
              </div>
              <div className="salle-col-6">
                <TextField
                  formId={formId}
                  name={`rules.${index}.validUntil`}
                  label="Jusqu’au"
                  hint="Facultatif"
                  type="date"
                  value={row.validUntil}
                  onChange={(e) => change(index, { validUntil: e.target.value })}
                  error={errors[`rules.${index}.validUntil`]}
                />
              </div>
            </div>
          </div>
          <Button
            type="button"
            priority="tertiary"
            size="small"
            onClick={() => setRows((current) => current.filter((_row, at) => at !== index))}
          >
            Supprimer le créneau {index + 1}
          </Button>
        </fieldset>
      ))}
      <ul className="salle-btns-group salle-btns-group--inline-md">
        <li>
          <Button type="button" priority="secondary" onClick={() => setRows((current) => [...current, EMPTY_RULE])}>
            Ajouter un créneau
          </Button>
        </li>
        <li>
          <Button type="submit" disabled={save.busy}>
            Enregistrer les horaires
          </Button>
        </li>
      </ul>
    </form>
  );
}

function TariffsSection({ space }: { space: SpaceDetailsView }) {
  const [rows, setRows] = useState<TariffRow[]>(() => tariffRowsOf(space.tariffs));
  const [indexToCategory, setIndexToCategory] = useState(CATEGORIES);
  const save = useSave('Tarifs enregistrés.');
  const formId = 'tarifs';
  const fields: Record<string, string> = { tariffs: 'Tarifs' };
  for (const category of CATEGORIES) {
    for (const [key, label] of [
      ['hourlyCents', 'à l’heure'],
      ['halfDayCents', 'demi-journée'],
      ['dayCents', 'journée'],
      ['depositCents', 'caution'],
    ] as const) {
      fields[`tariffs.${category}.${key}`] = `${RENTER_CATEGORY_LABELS[category]}, ${label}`;
    }
  }
  const errors = mapFieldErrors(
    renameTariffErrors(save.error?.fieldErrors ?? [], indexToCategory),
    Object.keys(fields),
  ).byField;
  const change = (category: string, patch: Partial<TariffRow>) =>
    setRows((current) => current.map((row) => (row.category === category ? { ...row, ...patch } : row)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = tariffsBodyOf(rows);
    setIndexToCategory(built.indexToCategory);
    if (built.errors.length) return save.fail(invalid(built.errors));
    void save.run(() => bookingApi.replaceTariffs(space.id, built.body));
  };
  return (
    <form id={formId} onSubmit={submit} noValidate className="salle-panel">
      <h2 className="salle-h4">Tarifs</h2>
      <p>
        Montants en euros, toutes taxes comprises. Laissez la demi-journée ou la journée vides si vous ne les proposez
        pas.
      </p>
      <ProblemAlert error={save.error} form={{ id: formId, fields }} />
      {rows.map((row) => (
        <fieldset key={row.category} className="salle-fieldset">
          <legend className="salle-fieldset__legend">{RENTER_CATEGORY_LABELS[row.category]}</legend>
          <div className="salle-fieldset__element">
            <SingleCheckbox
              formId={formId}
              name={`tariffs.${row.category}.offered`}
              label="Tarif proposé"
              checked={row.offered}
              onChange={(offered) => change(row.category, { offered })}
            />
          </div>
          {row.offered && (
            <div className="salle-fieldset__element">
              <div className="salle-grid-row salle-grid-row--gutters">
                {(
                  [
                    ['hourly', 'hourlyCents', 'À l’heure'],
                    ['halfDay', 'halfDayCents', 'Demi-journée'],
                    ['day', 'dayCents', 'Journée'],
                    ['deposit', 'depositCents', 'Caution'],
                  ] as const
                ).map(([key, field, label]) => (
                  <div key={key} className="salle-col-6 salle-col-md-3">
                    <TextField
                      formId={formId}
                      name={`tariffs.${row.category}.${field}`}
                      label={label}
                      hint="€"
                      inputMode="decimal"
                      value={row[key]}
                      onChange={(e) => change(row.category, { [key]: e.target.value })}
                      error={errors[`tariffs.${row.category}.${field}`]}
                    />
                  </div>
                ))}
              </div>
            </div>
          )}
        </fieldset>
      ))}
      <Button type="submit" disabled={save.busy}>
        Enregistrer les tarifs
      </Button>
    </form>
  );
}
