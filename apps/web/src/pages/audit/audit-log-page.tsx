import { useEffect, useState, type FormEvent } from 'react';
import type { AuditEntry, AuditService } from '@salle/contracts';
import { AUDIT_ACTION_LABELS, AUDIT_ROLE_LABELS, AUDIT_SERVICE_LABELS } from '@salle/contracts/audit-labels';
import { auditApi, type AuditFilters } from '../../api/audit-api';
import { Link, navigate, useLocation } from '../../app/router';
import { fieldId, SelectField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { CollegePicker, OrganisationPicker } from './audit-filter-pickers';
import { useAsync } from '../../components/use-async';
import { mapFieldErrors } from '../../lib/form-errors';
import { addDays, formatDateTime, parisInstant } from '../../lib/paris-time';
import { Button, ResponsiveTable } from '../../ui';
import { DateField } from '../../ui/date-time-fields';

const FORM_ID = 'filtres-audit';
const SERVICES = Object.keys(AUDIT_SERVICE_LABELS) as AuditService[];
const PATH = '/journal-audit';

/** The filters as the page's address keeps them (French names), so that a filtered view can be shared. */
const PARAMS = {
  du: 'du',
  au: 'au',
  service: 'service',
  action: 'action',
  college: 'college',
  organisme: 'organisme',
  acteur: 'acteur',
} as const;
type FormState = Record<keyof typeof PARAMS, string>;

const FIELD_LABELS = {
  from: 'Du',
  to: 'Au',
  service: 'Service',
  action: 'Action',
  establishmentId: 'Collège',
  organisationId: 'Organisme',
  actorAccountId: 'Compte de l’auteur (identifiant)',
};

/** What the gateway reads: a period of whole Paris days, as UTC instants. */
function filtersOf(form: FormState): AuditFilters {
  return {
    from: form.du ? parisInstant(form.du, '00:00').toISOString() : undefined,
    to: form.au ? parisInstant(addDays(form.au, 1), '00:00').toISOString() : undefined,
    service: (SERVICES as string[]).includes(form.service) ? (form.service as AuditService) : undefined,
    action: form.action || undefined,
    establishmentId: form.college || undefined,
    organisationId: form.organisme || undefined,
    actorAccountId: form.acteur || undefined,
  };
}

function value(change: unknown): string {
  if (change === null || change === undefined) return '—';
  return typeof change === 'string' ? change : JSON.stringify(change);
}

/** « champ : avant → après », one line per changed field. */
function Changes({ entry }: { entry: AuditEntry }) {
  const fields = Object.entries(entry.changes);
  if (fields.length === 0) return <>—</>;
  return (
    <ul>
      {fields.map(([field, change]) => (
        <li key={field}>
          {field}&nbsp;: {value(change.before)} → {value(change.after)}
        </li>
      ))}
    </ul>
  );
}

/** The table's columns; `authorFilter` is the address of the same view filtered by an author's account. */
const columnsFor = (authorFilter: (accountId: string) => string) => [
  { header: 'Date', cell: (entry: AuditEntry) => formatDateTime(entry.at) },
  { header: 'Service', cell: (entry: AuditEntry) => AUDIT_SERVICE_LABELS[entry.service] },
  { header: 'Action', cell: (entry: AuditEntry) => AUDIT_ACTION_LABELS[entry.action] ?? entry.action },
  {
    header: 'Auteur',
    cell: (entry: AuditEntry) => (
      <>
        {AUDIT_ROLE_LABELS[entry.actorRole] ?? entry.actorRole}
        {entry.actorAccountId && (
          <span className="salle-hint-text">
            <Link className="salle-link" href={authorFilter(entry.actorAccountId)}>
              <span className="salle-sr-only">Filtrer sur l’auteur </span>
              {entry.actorAccountId}
            </Link>
          </span>
        )}
        {entry.onBehalfOf && <span className="salle-hint-text">pour {entry.onBehalfOf}</span>}
      </>
    ),
  },
  {
    header: 'Objet',
    cell: (entry: AuditEntry) => (
      <>
        {entry.objectType} <span className="salle-hint-text">{entry.objectId}</span>
      </>
    ),
  },
  { header: 'Modifications', cell: (entry: AuditEntry) => <Changes entry={entry} /> },
];

/**
 * « Journal d’audit »: every state change of the product, from every service, newest first, filtered by period,
 * service, action, collège, organisation and author, 50 entries a page, exported as CSV with the same filters.
 * Admins see everything; a collège's manager sees their collèges' entries (the gateway enforces it).
 */
export function AuditLogPage() {
  const location = useLocation();
  const read = (name: string) => location.search.get(name) ?? '';
  const applied: FormState = {
    du: read(PARAMS.du),
    au: read(PARAMS.au),
    service: read(PARAMS.service),
    action: read(PARAMS.action),
    college: read(PARAMS.college),
    organisme: read(PARAMS.organisme),
    acteur: read(PARAMS.acteur),
  };
  const cursor = read('curseur') || undefined;
  const key = location.search.toString();
  const [form, setForm] = useState<FormState>(applied);
  // The chosen organisation's name, once picked here; from the address, only its identifier is known.
  const [organisationName, setOrganisationName] = useState(applied.organisme);
  // A link (an author's, a page's) changes the address: the form follows what is applied.
  useEffect(() => {
    setForm(applied);
    if (applied.organisme !== form.organisme) setOrganisationName(applied.organisme);
    // `applied` is read from the address, which `key` is.
  }, [key]);
  const filters = filtersOf(applied);
  const page = useAsync((signal) => auditApi.page(filters, cursor, { signal }), [key]);
  const errors = mapFieldErrors(page.error?.fieldErrors, Object.keys(FIELD_LABELS)).byField;
  const set = (name: keyof FormState) => (next: string) => setForm({ ...form, [name]: next });
  const addressOf = (state: FormState, nextCursor?: string) => {
    const params = new URLSearchParams(Object.entries(state).filter(([, v]) => v !== ''));
    if (nextCursor) params.set('curseur', nextCursor);
    const query = params.toString();
    return query ? `${PATH}?${query}` : PATH;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(addressOf(form), { keepScroll: true });
  };
  const actionOptions = Object.entries(AUDIT_ACTION_LABELS)
    .map(([code, label]) => ({ value: code, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  return (
    <>
      <h1>Journal d’audit</h1>
      <p>
        Chaque changement fait dans le service, par qui, pour le compte de qui, sur quel objet, avant et après, et
        quand. Les personnes sont désignées par l’identifiant de leur compte.
      </p>
      <form id={FORM_ID} onSubmit={submit} noValidate className="salle-mb-3w">
        <div className="salle-grid-row salle-grid-row--gutters salle-grid-row--bottom">
          <div className="salle-col-6 salle-col-md-3">
            <DateField
              id={fieldId(FORM_ID, 'from')}
              name="from"
              label="Du"
              value={form.du}
              onChange={set('du')}
              error={errors['from']}
            />
          </div>
          <div className="salle-col-6 salle-col-md-3">
            <DateField
              id={fieldId(FORM_ID, 'to')}
              name="to"
              label="Au"
              value={form.au}
              onChange={set('au')}
              error={errors['to']}
            />
          </div>
          <div className="salle-col-12 salle-col-md-3">
            <SelectField
              formId={FORM_ID}
              name="service"
              label="Service"
              placeholder="Tous"
              options={SERVICES.map((service) => ({ value: service, label: AUDIT_SERVICE_LABELS[service] }))}
              value={form.service}
              onChange={(event) => set('service')(event.target.value)}
              error={errors['service']}
            />
          </div>
          <div className="salle-col-12 salle-col-md-3">
            <SelectField
              formId={FORM_ID}
              name="action"
              label="Action"
              placeholder="Toutes"
              options={actionOptions}
              value={form.action}
              onChange={(event) => set('action')(event.target.value)}
              error={errors['action']}
            />
          </div>
          <div className="salle-col-12 salle-col-md-4">
            <CollegePicker
              formId={FORM_ID}
              name="establishmentId"
              label="Collège"
              value={form.college}
              onChange={set('college')}
              error={errors['establishmentId']}
            />
          </div>
          <div className="salle-col-12 salle-col-md-4">
            <OrganisationPicker
              formId={FORM_ID}
              name="organisationId"
              label="Organisme"
              value={form.organisme}
              valueLabel={organisationName}
              onChange={(id, name) => {
                setOrganisationName(name);
                set('organisme')(id);
              }}
              error={errors['organisationId']}
            />
          </div>
          <div className="salle-col-12 salle-col-md-4">
            <TextField
              formId={FORM_ID}
              name="actorAccountId"
              label="Compte de l’auteur (identifiant)"
              hint={'Identifiant (UUID)\u00a0; ou choisissez un auteur dans les entrées ci-dessous'}
              value={form.acteur}
              onChange={(event) => set('acteur')(event.target.value.trim())}
              error={errors['actorAccountId']}
            />
          </div>
        </div>
        <ul className="salle-btns-group salle-btns-group--inline-sm">
          <li>
            <Button type="submit">Filtrer</Button>
          </li>
          <li>
            <a className="salle-link" href={auditApi.csvUrl(filters)} download>
              Exporter ces entrées (CSV)
            </a>
          </li>
        </ul>
      </form>
      {page.loading && <Loading label="Chargement du journal…" />}
      <ProblemAlert error={page.error} form={{ id: FORM_ID, fields: FIELD_LABELS }} />
      {page.data && (
        <>
          <p role="status">
            {page.data.items.length === 0
              ? 'Aucune entrée pour ces filtres.'
              : `${page.data.items.length} entrée${page.data.items.length > 1 ? 's' : ''}, les plus récentes d’abord.`}
          </p>
          {page.data.items.length > 0 && (
            <ResponsiveTable
              caption="Entrées du journal d’audit"
              captionHidden
              rows={page.data.items}
              rowKey={(entry) => entry.id}
              columns={columnsFor((accountId) => addressOf({ ...applied, acteur: accountId }))}
            />
          )}
          <nav aria-label="Pages du journal" className="salle-mt-3w">
            <ul className="salle-btns-group salle-btns-group--inline-sm">
              {cursor && (
                <li>
                  <Link className="salle-link" href={addressOf(applied)}>
                    Revenir aux plus récentes
                  </Link>
                </li>
              )}
              {page.data.nextCursor && (
                <li>
                  <Link className="salle-link" href={addressOf(applied, page.data.nextCursor)}>
                    Entrées plus anciennes
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        </>
      )}
    </>
  );
}
