import { useState } from 'react';
import type { ErasureRequestView } from '@salle/contracts';
import { requestErasure } from '../../api/personal-data-api';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { formatDate } from '../../lib/paris-time';

/** « Supprimer mon compte »: records the request; the département answers it within one month. */
export function ErasureRequest() {
  const action = useAction();
  const [request, setRequest] = useState<ErasureRequestView | null>(null);
  const ask = () => {
    if (!window.confirm('Demander la suppression de votre compte et de vos données\u00a0?')) return;
    void action.run(async () => setRequest(await requestErasure()));
  };
  return (
    <section className="salle-mt-3w">
      <h2>Supprimer mon compte</h2>
      <p>
        Vos données sont effacées, sauf ce que la loi impose de garder (les pièces comptables des locations, dix ans,
        sans votre nom). Le département traite votre demande dans un délai d’un mois.
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
