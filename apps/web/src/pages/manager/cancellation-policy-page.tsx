import { cancellationPolicySchema, type CancellationPolicyInput, type EstablishmentView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { bookingApi } from '../../api/booking-api';
import type { PageProps } from '../../app/routes';
import { SelectField, TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { issuesToFieldErrors, mapFieldErrors } from '../../lib/form-errors';
import { DEFAULT_CANCELLATION_POLICY } from '../../lib/refund-estimate';
import { ManagerLayout } from './manager-layout';
import { Button } from '../../ui';
import { showToast } from '../../ui/toast-queue';

interface TierRow {
  amount: string;
  unit: 'days' | 'hours';
  percent: string;
}

function rowsOf(policy: CancellationPolicyInput): TierRow[] {
  return policy.tiers.map((tier) =>
    tier.minNotice.days !== undefined
      ? { amount: String(tier.minNotice.days), unit: 'days', percent: String(tier.percent) }
      : { amount: String(tier.minNotice.hours ?? 0), unit: 'hours', percent: String(tier.percent) },
  );
}

const toNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);

export function CancellationPolicyPage({ params }: PageProps) {
  const establishmentId = params['establishmentId'] ?? '';
  return (
    <ManagerLayout establishmentId={establishmentId} title="Conditions d’annulation">
      {(establishment, reload) => <PolicyForm establishment={establishment} onSaved={reload} />}
    </ManagerLayout>
  );
}

function PolicyForm({ establishment, onSaved }: { establishment: EstablishmentView; onSaved: () => void }) {
  const initial = establishment.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY;
  const [rows, setRows] = useState<TierRow[]>(() => rowsOf(initial));
  const [late, setLate] = useState(String(initial.latePercent ?? 0));
  const { busy, error, setError, run } = useAction();
  const formId = 'annulation';
  const fields: Record<string, string> = { latePercent: 'Remboursement en cas d’annulation tardive' };
  rows.forEach((_row, index) => {
    fields[`tiers.${index}.minNotice`] = `Palier ${index + 1}, délai`;
    fields[`tiers.${index}.percent`] = `Palier ${index + 1}, remboursement`;
  });
  const errors = mapFieldErrors(
    error?.fieldErrors,
    Object.keys(fields),
    Object.fromEntries(
      rows.map((_row, index) => [`cancellationPolicy.tiers.${index}.percent`, `tiers.${index}.percent`]),
    ),
  ).byField;

  const save = (policy: CancellationPolicyInput | null) => {
    return run(async () => {
      await bookingApi.setCancellationPolicy(establishment.id, policy);
      showToast('Conditions d’annulation enregistrées.');
      onSaved();
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const policy = {
      tiers: rows.map((row) => ({
        minNotice: row.unit === 'days' ? { days: toNumber(row.amount) } : { hours: toNumber(row.amount) },
        percent: toNumber(row.percent),
      })),
      latePercent: toNumber(late),
    };
    const checked = cancellationPolicySchema.safeParse(policy);
    if (!checked.success)
      return setError(
        new ApiError({
          title: 'Le formulaire contient des erreurs.',
          status: 400,
          code: 'validation_failed',
          errors: issuesToFieldErrors(checked.error.issues),
        }),
      );
    void save(checked.data);
  };
  const change = (index: number, patch: Partial<TierRow>) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  return (
    <form id={formId} onSubmit={submit} noValidate>
      <p>
        Ce que l’organisation récupère quand elle annule une réservation payée. Le palier le plus favorable dont le
        délai est respecté s’applique&nbsp;; une annulation par le collège est toujours remboursée en totalité.
        {!establishment.cancellationPolicy && ' Le collège applique actuellement les conditions par défaut.'}
      </p>
      <ProblemAlert error={error} form={{ id: formId, fields }} />
      {rows.map((row, index) => (
        <fieldset className="salle-fieldset salle-panel" key={index}>
          <legend className="salle-fieldset__legend">Palier {index + 1}</legend>
          <div className="salle-fieldset__element">
            <div className="salle-grid-row salle-grid-row--gutters salle-grid-row--bottom">
              <div className="salle-col-6 salle-col-md-3">
                <TextField
                  formId={formId}
                  name={`tiers.${index}.minNotice`}
                  label="Annulation au moins"
                  type="number"
                  min={0}
                  value={row.amount}
                  onChange={(e) => change(index, { amount: e.target.value })}
                  error={errors[`tiers.${index}.minNotice`]}
                />
              </div>
              <div className="salle-col-6 salle-col-md-3">
                <SelectField
                  formId={formId}
                  name={`tiers.${index}.unit`}
                  label="Unité"
                  options={[
                    { value: 'days', label: 'jours avant' },
                    { value: 'hours', label: 'heures avant' },
                  ]}
                  value={row.unit}
                  onChange={(e) => change(index, { unit: e.target.value as TierRow['unit'] })}
                />
              </div>
              <div className="salle-col-6 salle-col-md-3">
                <TextField
                  formId={formId}
                  name={`tiers.${index}.percent`}
                  label="Remboursement"
                  hint="En %"
                  type="number"
                  min={0}
                  max={100}
                  value={row.percent}
                  onChange={(e) => change(index, { percent: e.target.value })}
                  error={errors[`tiers.${index}.percent`]}
                />
              </div>
              <div className="salle-col-6 salle-col-md-3">
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  onClick={() => setRows((current) => current.filter((_row, at) => at !== index))}
                >
                  Supprimer le palier {index + 1}
                </Button>
              </div>
            </div>
          </div>
        </fieldset>
      ))}
      <Button
        type="button"
        priority="secondary"
        size="small"
        className="salle-mb-3w"
        onClick={() => setRows((current) => [...current, { amount: '1', unit: 'days', percent: '0' }])}
      >
        Ajouter un palier
      </Button>
      <TextField
        formId={formId}
        name="latePercent"
        label="Remboursement en cas d’annulation tardive"
        hint="En %, quand aucun palier ne s’applique"
        type="number"
        min={0}
        max={100}
        value={late}
        onChange={(e) => setLate(e.target.value)}
        error={errors['latePercent']}
      />
      <ul className="salle-btns-group salle-btns-group--inline-md">
        <li>
          <Button type="submit" disabled={busy}>
            Enregistrer
          </Button>
        </li>
        {establishment.cancellationPolicy && (
          <li>
            <Button type="button" priority="secondary" disabled={busy} onClick={() => void save(null)}>
              Revenir aux conditions par défaut
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
