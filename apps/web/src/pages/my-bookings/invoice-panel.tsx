import type { InvoiceStatus, InvoiceView } from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { bookingInvoice, creditNotePdfUrl, invoicePdfUrl, markInvoicePaid } from '../../api/payment-api';
import { TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { formatEuros } from '../../lib/money';
import { formatDateTime } from '../../lib/paris-time';
import { Button } from '../../ui';

const INVOICE_STATUS: Record<InvoiceStatus, string> = {
  issued: 'émise, en attente de paiement',
  paid: 'payée',
  cancelled: 'annulée par un avoir',
};

/**
 * A public payer's invoice on the booking page: both parties download it (and its credit note once cancelled);
 * the collège's managers and admins record its payment with the reference of the mandate or transfer.
 */
export function InvoicePanel({ bookingId, isManager }: { bookingId: string; isManager: boolean }) {
  const invoice = useAsync((signal) => bookingInvoice(bookingId, { signal }), [bookingId]);
  if (!invoice.data) return null;
  return <InvoiceDetails invoice={invoice.data} isManager={isManager} onPaid={invoice.reload} />;
}

function InvoiceDetails({
  invoice,
  isManager,
  onPaid,
}: {
  invoice: InvoiceView;
  isManager: boolean;
  onPaid: () => void;
}) {
  const { busy, error, run } = useAction();
  const [reference, setReference] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => markInvoicePaid(invoice.bookingId, reference.trim()))) onPaid();
  };
  return (
    <section aria-labelledby="facture-titre" className="salle-my-4w">
      <h2 id="facture-titre" className="salle-h4">
        Facture
      </h2>
      <ul>
        <li>
          Facture n° {invoice.number} de {formatEuros(invoice.amountCents)}, {INVOICE_STATUS[invoice.status]}
        </li>
        {invoice.status === 'issued' && (
          <li>À payer par mandat administratif avant le {formatDateTime(invoice.dueAt)}.</li>
        )}
        {invoice.paidAt && (
          <li>
            Paiement enregistré le {formatDateTime(invoice.paidAt)}, référence {invoice.paymentReference}.
          </li>
        )}
        <li>Engagement n° {invoice.payer.engagementNumber}</li>
      </ul>
      <ul className="salle-btns-group salle-btns-group--inline-md">
        <li>
          <a className="salle-btn salle-btn--secondary" href={invoicePdfUrl(invoice.bookingId)} download>
            Télécharger la facture (PDF)
          </a>
        </li>
        {invoice.creditNoteNumber && (
          <li>
            <a className="salle-btn salle-btn--secondary" href={creditNotePdfUrl(invoice.bookingId)} download>
              Télécharger l’avoir (PDF)
            </a>
          </li>
        )}
      </ul>
      {isManager && invoice.status === 'issued' && (
        <form onSubmit={submit} noValidate>
          <ProblemAlert error={error} />
          <TextField
            formId="facture"
            name="paymentReference"
            label="Référence du paiement reçu"
            hint="Le numéro du mandat ou du virement de la collectivité"
            maxLength={60}
            required
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            error={error?.fieldErrors?.find((field) => field.field === 'paymentReference')?.message}
          />
          <Button type="submit" disabled={busy}>
            Enregistrer le paiement
          </Button>
        </form>
      )}
    </section>
  );
}
