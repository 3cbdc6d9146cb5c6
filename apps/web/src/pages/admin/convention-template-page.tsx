import type { ConventionClause, ConventionTemplate, ConventionTemplateView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { bookingApi } from '../../api/booking-api';
import { TextAreaField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { formatDateTime } from '../../lib/paris-time';
import { Alert, Button } from '../../ui';

const FORM_ID = 'modele-convention';
const FIELDS: Record<string, string> = {
  departmentName: 'Nom du Département',
  departmentRepresentative: 'Représentant du Département',
  legalBasis: 'Visas',
  rules: 'Règlement d’utilisation des locaux',
  clauses: 'Articles',
};

/** The département's convention template: every clause editable; each save is a new version. */
export function ConventionTemplatePage() {
  const current = useAsync((signal) => bookingApi.conventionTemplate({ signal }), []);
  return (
    <>
      <h1>Modèle de convention</h1>
      <p>
        Les conventions d’occupation sont établies à partir de ce modèle, complété par les données de chaque réservation
        (parties, locaux, calendrier, redevance, assurance, consignes d’accès). Chaque enregistrement crée une nouvelle
        version&nbsp;; une convention garde la version dont elle est issue.
      </p>
      {current.loading && !current.data && <Loading label="Chargement du modèle…" />}
      <ProblemAlert error={current.error} />
      {current.data && <TemplateForm initial={current.data} onSaved={current.setData} />}
    </>
  );
}

function TemplateForm({
  initial,
  onSaved,
}: {
  initial: ConventionTemplateView;
  onSaved: (view: ConventionTemplateView) => void;
}) {
  const { version: _version, createdAt: _createdAt, ...content } = initial;
  const [form, setForm] = useState<ConventionTemplate>(content);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const fieldError = (field: string) => error?.fieldErrors.find((problem) => problem.field === field)?.message;
  const update = (patch: Partial<ConventionTemplate>) => setForm((previous) => ({ ...previous, ...patch }));
  const updateClause = (index: number, patch: Partial<ConventionClause>) =>
    update({ clauses: form.clauses.map((clause, i) => (i === index ? { ...clause, ...patch } : clause)) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const view = await bookingApi.replaceConventionTemplate(form);
      setSaved(true);
      onSaved(view);
    });
  };

  return (
    <form id={FORM_ID} onSubmit={submit} noValidate>
      <p>
        {initial.version === 0
          ? 'Version en vigueur\u00a0: le modèle fourni avec le logiciel.'
          : `Version en vigueur\u00a0: ${initial.version}, enregistrée le ${formatDateTime(initial.createdAt ?? '')}.`}
      </p>
      <div role="status">
        {saved && (
          <Alert severity="success" small className="salle-mb-2w" description="Nouvelle version enregistrée." />
        )}
      </div>
      <ProblemAlert error={error} form={{ id: FORM_ID, fields: FIELDS }} />
      <TextField
        formId={FORM_ID}
        name="departmentName"
        label={FIELDS['departmentName']}
        value={form.departmentName}
        onChange={(e) => update({ departmentName: e.target.value })}
        error={fieldError('departmentName')}
      />
      <TextAreaField
        formId={FORM_ID}
        name="departmentRepresentative"
        label={FIELDS['departmentRepresentative']}
        hint="Qui signe pour le Département, et en vertu de quelle délibération."
        rows={2}
        value={form.departmentRepresentative}
        onChange={(e) => update({ departmentRepresentative: e.target.value })}
        error={fieldError('departmentRepresentative')}
      />
      <TextAreaField
        formId={FORM_ID}
        name="legalBasis"
        label={FIELDS['legalBasis']}
        hint="Un visa par ligne."
        rows={6}
        value={form.legalBasis}
        onChange={(e) => update({ legalBasis: e.target.value })}
        error={fieldError('legalBasis')}
      />
      <h2 className="salle-h4 salle-mt-4w">Articles</h2>
      {form.clauses.map((clause, index) => (
        <fieldset key={index} className="salle-fieldset salle-panel">
          <legend className="salle-fieldset__legend">Article {index + 1}</legend>
          <TextField
            formId={FORM_ID}
            name={`clauses.${index}.title`}
            label="Titre"
            value={clause.title}
            onChange={(e) => updateClause(index, { title: e.target.value })}
            error={fieldError(`clauses.${index}.title`)}
          />
          <TextAreaField
            formId={FORM_ID}
            name={`clauses.${index}.text`}
            label="Texte"
            rows={5}
            value={clause.text}
            onChange={(e) => updateClause(index, { text: e.target.value })}
            error={fieldError(`clauses.${index}.text`)}
          />
          <Button
            priority="tertiary"
            disabled={form.clauses.length === 1}
            onClick={() => update({ clauses: form.clauses.filter((_, i) => i !== index) })}
          >
            Retirer l’article {index + 1}
          </Button>
        </fieldset>
      ))}
      <Button priority="secondary" onClick={() => update({ clauses: [...form.clauses, { title: '', text: '' }] })}>
        Ajouter un article
      </Button>
      <TextAreaField
        className="salle-mt-4w"
        formId={FORM_ID}
        name="rules"
        label={FIELDS['rules']}
        hint="Imprimé en dernière annexe, une règle par ligne."
        rows={6}
        value={form.rules}
        onChange={(e) => update({ rules: e.target.value })}
        error={fieldError('rules')}
      />
      <Button type="submit" disabled={busy}>
        {busy ? 'Enregistrement…' : 'Enregistrer une nouvelle version'}
      </Button>
    </form>
  );
}
