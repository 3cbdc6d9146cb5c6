import { useState, type FormEvent } from 'react';
import type { PaymentFlag, PaymentFlagKind } from '@salle/contracts';
import { contactPayer } from '../../api/audit-api';
import { paymentFlags, resolvePaymentFlag } from '../../api/payment-api';
import { Link } from '../../app/router';
import { TextAreaField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { mapFieldErrors } from '../../lib/form-errors';
import { formatEuros } from '../../lib/money';
import { formatDateTime } from '../../lib/paris-time';
import { Button } from '../../ui';
import { showToast } from '../../ui/toast-queue';

/** Each kind of flag as an admin reads it, with what it usually asks of them. */
export const FLAG_KIND_LABELS: Record<PaymentFlagKind, string> = {
  amount_mismatch: 'Montant différent du prix',
  unknown_booking: 'Paiement sans réservation connue',
  unknown_checkout: 'Paiement d’un passage en caisse inconnu',
  late_payment: 'Paiement arrivé après l’annulation',
  dispute: 'Contestation du paiement par le payeur',
  refund_failed: 'Remboursement échoué',
  provider_error: 'Erreur du prestataire de paiement',
};

/** The payment flags still open, for the département's admins to handle or refund. */
export function PaymentFlagsPage() {
  const flags = useAsync((signal) => paymentFlags(true, { signal }), []);
  const [handled, setHandled] = useState<ReadonlySet<string>>(new Set());
  const open = (flags.data ?? []).filter((flag) => !handled.has(flag.id));
  const onHandled = (flag: PaymentFlag, message: string) => {
    setHandled((current) => new Set(current).add(flag.id));
    showToast(message);
  };
  return (
    <>
      <h1>Anomalies de paiement</h1>
      <p>
        Les paiements que le service de paiement n’a pas pu rapprocher seul&nbsp;: montant inattendu, paiement sans
        réservation, paiement arrivé après une annulation, contestation. Marquez chacun traité avec une note, ou
        remboursez ce qui est encore détenu.
      </p>
      {flags.loading && <Loading label="Chargement des anomalies…" />}
      <ProblemAlert error={flags.error} />
      {flags.data && (
        <p role="status">
          {open.length === 0
            ? 'Aucune anomalie ouverte.'
            : `${open.length} anomalie${open.length > 1 ? 's' : ''} ouverte${open.length > 1 ? 's' : ''}.`}
        </p>
      )}
      {open.map((flag) => (
        <FlagCard key={flag.id} flag={flag} onHandled={(message) => onHandled(flag, message)} />
      ))}
    </>
  );
}

const PROVIDER_LABELS: Record<string, string> = { stripe: 'Stripe', payfip: 'PayFiP' };

/** A flag's context: when, what, for which booking, billed and paid how much, and where to find the payment. */
function FlagFacts({ flag }: { flag: PaymentFlag }) {
  const { context } = flag;
  const euros = (cents: number | null) => (cents === null ? 'Inconnu' : formatEuros(cents));
  const booking = [context.organisationName, context.establishmentName, context.spaceName].filter(Boolean).join(', ');
  return (
    <dl>
      <dt>Signalée le</dt>
      <dd>{formatDateTime(flag.createdAt)}</dd>
      <dt>Détail</dt>
      <dd>{flag.detail}</dd>
      <dt>Réservation</dt>
      <dd>
        {flag.bookingId ? (
          <>
            {booking && `${booking}${context.startsAt ? `, le ${formatDateTime(context.startsAt)}` : ''}. `}
            <Link href={`/reservations/${flag.bookingId}`}>Voir la réservation</Link>
          </>
        ) : (
          'Aucune réservation connue'
        )}
      </dd>
      <dt>Facturé</dt>
      <dd>{euros(context.priceCents)}</dd>
      <dt>Payé</dt>
      <dd>{euros(context.paidCents)}</dd>
      <dt>Payeur contacté</dt>
      <dd>
        {flag.payerContacts.length === 0
          ? 'Jamais'
          : flag.payerContacts
              .map(
                (contact) =>
                  `le ${formatDateTime(contact.at)} par ${contact.byRole === 'department_admin' ? 'le département' : 'le collège'}`,
              )
              .join('\u00a0; ')}
      </dd>
      <dt>Référence du paiement</dt>
      <dd>
        {context.providerReference
          ? `${PROVIDER_LABELS[context.provider ?? ''] ?? context.provider ?? ''} ${context.providerReference}`.trim()
          : 'Aucune'}
      </dd>
    </dl>
  );
}

function FlagCard({ flag, onHandled }: { flag: PaymentFlag; onHandled: (message: string) => void }) {
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const formId = `anomalie-${flag.id}`;
  const label = FLAG_KIND_LABELS[flag.kind];
  const resolve = (action: 'dismiss' | 'refund') => {
    if (action === 'refund' && !window.confirm('Rembourser au payeur tout ce qui reste détenu pour ce paiement\u00a0?'))
      return;
    void run(async () => {
      await resolvePaymentFlag(flag.id, action, note);
      onHandled(action === 'refund' ? `${label}\u00a0: remboursement demandé.` : `${label}\u00a0: marquée traitée.`);
    });
  };
  return (
    <article className="salle-panel salle-mb-3w" aria-labelledby={`${formId}-titre`}>
      <h2 id={`${formId}-titre`} className="salle-h5">
        {label}
      </h2>
      <FlagFacts flag={flag} />
      {flag.bookingId && <ContactPayer flag={flag} label={label} />}
      <form id={formId} noValidate onSubmit={(event) => event.preventDefault()}>
        <ProblemAlert error={error} form={{ id: formId, fields: { note: 'Note' } }} />
        <TextAreaField
          formId={formId}
          name="note"
          label="Note"
          hint="Ce qui a été vérifié ou décidé (1 000 caractères au plus), gardé avec votre nom et la date"
          rows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={mapFieldErrors(error?.fieldErrors, ['note']).byField['note']}
        />
        <ul className="salle-btns-group salle-btns-group--inline-sm">
          <li>
            <Button disabled={busy} onClick={() => resolve('dismiss')}>
              Marquer traitée<span className="salle-sr-only"> ({label})</span>
            </Button>
          </li>
          {flag.paymentId && (
            <li>
              <Button priority="secondary" disabled={busy} onClick={() => resolve('refund')}>
                Rembourser le payeur<span className="salle-sr-only"> ({label})</span>
              </Button>
            </li>
          )}
        </ul>
      </form>
    </article>
  );
}

/** « Contacter le payeur »: a message to the payer organisation, sent by e-mail and kept in the flag's history. */
function ContactPayer({ flag, label }: { flag: PaymentFlag; label: string }) {
  const [message, setMessage] = useState('');
  const [contacts, setContacts] = useState(flag.payerContacts.length);
  const { busy, error, run } = useAction();
  const formId = `contact-${flag.id}`;
  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const updated = await contactPayer(flag.id, message);
      setContacts(updated.payerContacts.length);
      setMessage('');
      showToast(`${label}\u00a0: message envoyé au payeur.`);
    });
  };
  return (
    <form id={formId} noValidate onSubmit={send} className="salle-mb-3w" aria-labelledby={`${formId}-titre`}>
      <h3 id={`${formId}-titre`} className="salle-h6">
        Contacter le payeur
      </h3>
      <ProblemAlert error={error} form={{ id: formId, fields: { message: 'Message au payeur' } }} />
      <TextAreaField
        formId={formId}
        name="message"
        label="Message au payeur"
        hint={`Envoyé par courriel aux membres de l’organisme (10 à 2 000 caractères)${contacts > 0 ? `, déjà contacté ${contacts} fois` : ''}`}
        rows={3}
        maxLength={2000}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        error={mapFieldErrors(error?.fieldErrors, ['message']).byField['message']}
      />
      <Button type="submit" priority="secondary" disabled={busy}>
        Envoyer au payeur<span className="salle-sr-only"> ({label})</span>
      </Button>
    </form>
  );
}
