import { useState } from 'react';
import type { ErasureRequestView } from '@salle/contracts';
import { frenchPeriod, RETENTION_PERIODS, type RetentionSettings } from '@salle/contracts/privacy';
import { fetchRetentionPeriods, requestErasure } from '../../api/personal-data-api';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { formatDate } from '../../lib/paris-time';

/**
 * What an erasure keeps because the law requires it, and why, with this deployment's periods (the ones the
 * services' erasure reports and retention jobs apply); the defaults while they load.
 */
export function keptOnErasure(periods: RetentionSettings | null): string[] {
  const period = (variable: 'PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS' | 'BOOKING_CONVENTION_DELETE_AFTER_YEARS') =>
    frenchPeriod(periods?.[variable] ?? RETENTION_PERIODS[variable].default, 'years');
  return [
    `les pièces comptables de vos locations et de vos paiements, sans votre nom, ${period('PAYMENT_ACCOUNTING_ANONYMISE_AFTER_YEARS')} (obligation comptable des collectivités)\u00a0;`,
    `les conventions que vous avez signées, avec votre nom tel que vous l’avez signé, jusqu’à ${period('BOOKING_CONVENTION_DELETE_AFTER_YEARS')} après la dernière séance (preuve du contrat passé avec le collège).`,
  ];
}

/** « Supprimer mon compte »: records the request; the département answers it within one month. */
export function ErasureRequest() {
  const action = useAction();
  const [request, setRequest] = useState<ErasureRequestView | null>(null);
  const periods = useAsync((signal) => fetchRetentionPeriods(signal), []);
  const ask = () => {
    if (!window.confirm('Demander la suppression de votre compte et de vos données\u00a0?')) return;
    void action.run(async () => setRequest(await requestErasure()));
  };
  return (
    <section className="salle-mt-3w">
      <h2>Supprimer mon compte</h2>
      <p>Vos données sont effacées, sauf ce que la loi impose de garder&nbsp;:</p>
      <ul>
        {keptOnErasure(periods.data ?? null).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>
        Le département traite votre demande dans un délai d’un mois et note, pour chaque élément gardé, sa raison et la
        date de sa suppression.
      </p>
      <ProblemAlert error={action.error} />
      {request ? (
        <p role="status">
          Votre demande a été enregistrée le {formatDate(request.requestedAt)}. Elle sera traitée au plus tard le{' '}
          {formatDate(request.deadlineAt)}.
        </p>
      ) : (
        <button type="button" className="salle-btn salle-btn--secondary" disabled={action.busy} onClick={ask}>
          Supprimer mon compte
        </button>
      )}
    </section>
  );
}
