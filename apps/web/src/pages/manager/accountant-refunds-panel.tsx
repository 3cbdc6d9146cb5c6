import type { AccountantRefund, RefundCause } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { accountantRefunds, markAccountantRefundDone } from '../../api/payment-api';
import { Link } from '../../app/router';
import { TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { formatEuros } from '../../lib/money';
import { formatDateTime } from '../../lib/paris-time';
import { Button } from '../../ui';

/** Why the money is owed back, as the collège reads it. */
const CAUSES: Record<RefundCause, string> = {
  cancellation: 'annulation de la réservation',
  late_payment: 'paiement arrivé après l’annulation',
  unknown_booking: 'paiement sans réservation connue',
  admin: 'décision du département',
  external: 'remboursement hors plateforme',
};

/**
 * PayFiP has no refund operation: a refund owed on a payment made through it is a request to the collège's
 * public accountant (mandat de remboursement). The collège sees each request with PayFiP's references and
 * records the accountant's reference once the payer is repaid (the organisation is then told). Hidden for a
 * collège that never had one (paid through Stripe, which refunds by itself).
 */
export function AccountantRefundsPanel({ establishmentId }: { establishmentId: string }) {
  const refunds = useAsync((signal) => accountantRefunds(establishmentId, { signal }), [establishmentId]);
  const items = refunds.data ?? [];
  if (items.length === 0) return null;
  const open = items.filter((refund) => !refund.done);
  return (
    <section className="salle-panel" aria-labelledby="remboursements-comptable">
      <h2 id="remboursements-comptable" className="salle-h4">
        Remboursements à demander à l’agent comptable
      </h2>
      <p>
        PayFiP ne rembourse pas en ligne&nbsp;: l’agent comptable du collège rembourse le payeur par un mandat.{' '}
        {open.length === 0
          ? 'Aucune demande en attente.'
          : `${open.length} demande${open.length > 1 ? 's' : ''} en attente.`}
      </p>
      <ul>
        {items.map((refund) => (
          <li key={refund.id}>
            <AccountantRefundItem refund={refund} onDone={refunds.reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function AccountantRefundItem({ refund, onDone }: { refund: AccountantRefund; onDone: () => void }) {
  const { busy, error, run } = useAction();
  const [reference, setReference] = useState('');
  const formId = `remboursement-${refund.id}`;
  const title = `${formatEuros(refund.amountCents)} à ${refund.payerName ?? 'l’organisation'}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => markAccountantRefundDone(refund.id, reference.trim()))) onDone();
  };
  return (
    <article aria-labelledby={`${formId}-titre`} className="salle-mb-3w">
      <h3 id={`${formId}-titre`} className="salle-h6">
        {title}
      </h3>
      <ul>
        <li>
          {refund.percent}&nbsp;% du paiement, pour {CAUSES[refund.cause]}, demandé le{' '}
          {formatDateTime(refund.requestedAt)}.
        </li>
        <li>
          Références PayFiP&nbsp;: dette {refund.refdet}
          {refund.idOp ? `, opération ${refund.idOp}` : ''}
          {refund.numauto ? `, autorisation ${refund.numauto}` : ''}
          {refund.paidAt ? `, payé le ${formatDateTime(refund.paidAt)}` : ''}.
        </li>
        {refund.bookingId && (
          <li>
            <Link className="salle-link" href={`/reservations/${refund.bookingId}`}>
              Voir la réservation
            </Link>
          </li>
        )}
        {refund.done && (
          <li>
            <strong>Remboursé</strong> le {refund.doneAt ? formatDateTime(refund.doneAt) : ''}, mandat{' '}
            {refund.accountantReference}.
          </li>
        )}
      </ul>
      {!refund.done && (
        <form onSubmit={submit} noValidate aria-label={`Remboursement de ${title}`}>
          <ProblemAlert error={error} />
          <TextField
            formId={formId}
            name="accountantReference"
            label="Référence du mandat de remboursement"
            hint="Le numéro que l’agent comptable a donné au remboursement"
            maxLength={60}
            required
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            error={error?.fieldErrors?.find((field) => field.field === 'accountantReference')?.message}
          />
          <Button type="submit" disabled={busy}>
            Enregistrer le remboursement
          </Button>
        </form>
      )}
    </article>
  );
}
