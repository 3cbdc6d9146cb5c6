import { useState, type FormEvent } from 'react';
import type { ClaimView } from '@salle/contracts';
import { bookingApi } from '../../api/booking-api';
import { TextAreaField, TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { mapFieldErrors } from '../../lib/form-errors';
import { Alert, Button } from '../../ui';

const FORM_ID = 'contestation';
const FIELDS = { number: 'Numéro RNA ou SIREN', statement: 'Pourquoi ce numéro est celui de votre organisation' };

/**
 * Shown when the number someone declares is already held: they may claim it, and the département
 * arbitrates (a number held by a declaration still being checked is decided with that declaration).
 */
export function ClaimForm({ number: initialNumber }: { number: string }) {
  const [number, setNumber] = useState(initialNumber);
  const [statement, setStatement] = useState('');
  const [claim, setClaim] = useState<ClaimView | null>(null);
  const { busy, error, run } = useAction();
  const errors = mapFieldErrors(error?.fieldErrors, Object.keys(FIELDS)).byField;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => setClaim(await bookingApi.claimNumber(number, statement)));
  };
  if (claim) {
    return (
      <Alert
        severity="success"
        className="salle-mb-3w"
        title="Contestation envoyée."
        description={`Le département va examiner votre demande sur le numéro ${claim.number}, actuellement celui de «\u00a0${claim.organisation.name}\u00a0»\u00a0; vous serez informé de sa décision.`}
      />
    );
  }
  return (
    <section className="salle-panel salle-mb-3w" aria-labelledby="contestation-titre">
      <h2 id="contestation-titre" className="salle-h5">
        Ce numéro est celui de votre organisation&nbsp;?
      </h2>
      <p>
        Si une autre organisation vérifiée a déclaré votre numéro, contestez-le&nbsp;: le département examine votre
        demande et informe les deux organisations de sa décision.
      </p>
      <form id={FORM_ID} onSubmit={submit} noValidate>
        <ProblemAlert error={error} form={{ id: FORM_ID, fields: FIELDS }} />
        <TextField
          formId={FORM_ID}
          name="number"
          label={FIELDS.number}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          error={errors['number']}
        />
        <TextAreaField
          formId={FORM_ID}
          name="statement"
          label={FIELDS.statement}
          hint="Par exemple la date de publication au Journal officiel ou de l’avis de situation Sirene (10 caractères au moins)"
          rows={4}
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          error={errors['statement']}
        />
        <Button type="submit" priority="secondary" disabled={busy}>
          Contester ce numéro
        </Button>
      </form>
    </section>
  );
}
