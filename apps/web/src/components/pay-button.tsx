import { useId, useState, type FormEvent } from 'react';
import { startCheckout } from '../api/payment-api';
import { formatEuros } from '../lib/money';
import { TextField } from './form-fields';
import { ProblemAlert } from './problem-alert';
import { useAction } from './use-action';
import { Button } from '../ui';

/**
 * Opens the payment page of an approved booking, or of a series' period (the payment service answers a checkout URL). A collège
 * paid through PayFiP (the State's service, straight to its public accountant) needs the payer's e-mail
 * first: the service says so, and the button turns into a one-field form.
 */
export function PayButton({
  amountCents,
  size = 'medium',
  ...target
}: {
  amountCents: number;
  size?: 'small' | 'medium';
} & (
  | { bookingId: string }
  /** Another payable item (a series' period): opens its checkout, with the payer's e-mail when PayFiP asks. */
  | { checkout: (payerEmail?: string) => Promise<{ checkoutUrl: string }> }
)) {
  const { busy, error, run } = useAction();
  const [askEmail, setAskEmail] = useState(false);
  const [email, setEmail] = useState('');
  const formId = useId();
  const pay = (payerEmail?: string) =>
    run(
      async () => {
        try {
          const { checkoutUrl } = await ('checkout' in target
            ? target.checkout(payerEmail)
            : startCheckout(target.bookingId, payerEmail));
          window.location.assign(checkoutUrl);
        } catch (failure) {
          // Not a failure of the payer's: the form below asks for the e-mail (a problem ends the busy state).
          if ((failure as { code?: string }).code === 'payer_email_required') setAskEmail(true);
          throw failure;
        }
      },
      { leavesPage: true },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void pay(email.trim());
  };
  if (askEmail)
    return (
      <form onSubmit={submit} noValidate>
        <TextField
          formId={formId}
          name="payerEmail"
          type="email"
          autoComplete="email"
          label="Adresse électronique du payeur"
          hint="PayFiP, le service de paiement de l’État, y enverra le justificatif de paiement."
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
        />
        <Button size={size} type="submit" disabled={busy || email.trim() === ''}>
          {busy ? 'Ouverture du paiement…' : `Payer ${formatEuros(amountCents)} avec PayFiP`}
        </Button>
        <ProblemAlert error={error?.code === 'payer_email_required' ? null : error} focus={false} />
      </form>
    );
  return (
    <>
      <Button size={size} onClick={() => void pay()} disabled={busy}>
        {busy ? 'Ouverture du paiement…' : `Payer ${formatEuros(amountCents)}`}
      </Button>
      <ProblemAlert error={error} focus={false} />
    </>
  );
}
