import type { SpaceAccessInstructions, SpaceAccessInstructionsView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { bookingApi } from '../api/booking-api';
import { formatDateTime } from '../lib/paris-time';
import { Alert, Button } from '../ui';
import { TextAreaField } from './form-fields';
import { Loading } from './loading';
import { ProblemAlert } from './problem-alert';
import { useAction } from './use-action';
import { useAsync } from './use-async';

const FIELDS: Record<keyof SpaceAccessInstructions, { label: string; hint: string }> = {
  keys: { label: 'Clés ou badge', hint: 'Où et quand les retirer, où les rendre.' },
  alarm: { label: 'Alarme', hint: 'Comment la désactiver en arrivant et la réactiver en partant.' },
  caretakerContact: { label: 'Contact sur place', hint: 'Le nom et le numéro de l’agent à appeler le jour venu.' },
};
const NAMES = Object.keys(FIELDS) as (keyof SpaceAccessInstructions)[];
const LABELS = Object.fromEntries(NAMES.map((name) => [name, FIELDS[name].label]));

/** The managers' form: what an organisation with a confirmed booking will read, and nobody else. */
export function AccessInstructionsEditor({ spaceId }: { spaceId: string }) {
  const current = useAsync((signal) => bookingApi.accessInstructions(spaceId, { signal }), [spaceId]);
  return (
    <section className="salle-panel" aria-labelledby="acces-titre">
      <h2 id="acces-titre" className="salle-h4">
        Accès à l’espace
      </h2>
      <p>
        Ces consignes ne sont montrées qu’aux organisations dont une réservation de cet espace est confirmée, et aux
        gestionnaires du collège.
      </p>
      {current.loading && !current.data && <Loading label="Chargement des consignes d’accès…" />}
      <ProblemAlert error={current.error} focus={false} />
      {current.data && <AccessInstructionsForm spaceId={spaceId} initial={current.data} />}
    </section>
  );
}

function AccessInstructionsForm({ spaceId, initial }: { spaceId: string; initial: SpaceAccessInstructionsView }) {
  const [values, setValues] = useState<SpaceAccessInstructions>({
    keys: initial.keys,
    alarm: initial.alarm,
    caretakerContact: initial.caretakerContact,
  });
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const formId = 'acces';
  const fieldError = (name: string) => error?.fieldErrors.find((problem) => problem.field === name)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      await bookingApi.replaceAccessInstructions(spaceId, values);
      setSaved(true);
    });
  };
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <ProblemAlert error={error} form={{ id: formId, fields: LABELS }} />
      <div role="status">
        {saved && (
          <Alert severity="success" small className="salle-mb-2w" description="Consignes d’accès enregistrées." />
        )}
      </div>
      {NAMES.map((name) => (
        <TextAreaField
          key={name}
          formId={formId}
          name={name}
          label={FIELDS[name].label}
          hint={FIELDS[name].hint}
          rows={3}
          maxLength={name === 'caretakerContact' ? 500 : 2000}
          value={values[name]}
          onChange={(e) => setValues((previous) => ({ ...previous, [name]: e.target.value }))}
          error={fieldError(name)}
        />
      ))}
      <Button type="submit" disabled={busy}>
        Enregistrer les consignes d’accès
      </Button>
    </form>
  );
}

/** For the organisation whose booking is confirmed: how to get in, as the collège wrote it. */
export function AccessInstructionsFacts({ spaceId }: { spaceId: string }) {
  const instructions = useAsync((signal) => bookingApi.accessInstructions(spaceId, { signal }), [spaceId]);
  if (instructions.loading && !instructions.data) return <Loading label="Chargement des consignes d’accès…" />;
  if (instructions.error) return <ProblemAlert error={instructions.error} focus={false} />;
  const data = instructions.data;
  if (!data) return null;
  const written = NAMES.filter((name) => data[name]);
  return (
    <section className="salle-panel" aria-labelledby="acces-reservation">
      <h2 id="acces-reservation" className="salle-h5">
        Accès à l’espace
      </h2>
      {written.length === 0 ? (
        <p>Le collège n’a pas encore indiqué de consignes d’accès&nbsp;: contactez-le avant votre venue.</p>
      ) : (
        <>
          <dl>
            {written.map((name) => (
              <div key={name} className="salle-mb-1w">
                <dt>
                  <strong>{FIELDS[name].label}</strong>
                </dt>
                <dd className="salle-prewrap">{data[name]}</dd>
              </div>
            ))}
          </dl>
          {data.updatedAt && <p className="salle-text--sm">Mises à jour le {formatDateTime(data.updatedAt)}.</p>}
        </>
      )}
    </section>
  );
}
