import type { PersonalDataExport } from '@salle/contracts';
import { formatDateTime } from '../../lib/paris-time';
import { formatEuros } from '../../lib/money';

/** The payment service's part of « Mes données personnelles »: what the person paid or recorded for a collège. */
export function PaymentSection({ payment }: { payment: PersonalDataExport['payment'] }) {
  return (
    <section>
      <h2>Paiements</h2>
      {payment.payments.length === 0 ? (
        <p>Vous n’avez ouvert aucun paiement.</p>
      ) : (
        <ul>
          {payment.payments.map((entry) => (
            <li key={entry.id}>
              {formatDateTime(entry.createdAt)}&nbsp;: {formatEuros(entry.amountCents)}
              {entry.payerEmail ? `, avis de paiement envoyé à ${entry.payerEmail}` : ''}
              {entry.paidAt ? `, payé le ${formatDateTime(entry.paidAt)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <p>
        Comptes de versement de collège créés&nbsp;: {payment.payoutAccountsCreated.length}. Remboursements enregistrés
        comme faits par le comptable public&nbsp;: {payment.refundsMarkedDone.length}. Factures marquées payées&nbsp;:{' '}
        {payment.invoicesMarkedPaid.length}. Alertes de paiement traitées&nbsp;: {payment.flagsResolved.length}.
        Paiements par carte dont le prestataire a transmis vos coordonnées&nbsp;: {payment.providerPayerDetails.length}.
        Messages écrits au payeur d’une alerte&nbsp;: {payment.payerContacts.length}. Entrées du journal d’audit des
        paiements vous concernant&nbsp;: {payment.auditLog.length}.
      </p>
    </section>
  );
}
