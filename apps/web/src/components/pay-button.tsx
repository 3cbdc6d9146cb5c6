import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { toApiError, type ApiError } from '../api/api-error';
import { startCheckout } from '../api/payment-api';
import { formatEuros } from '../lib/money';
import { ProblemAlert } from './problem-alert';

/** Opens the payment page of an approved booking (the payment service answers a checkout URL). */
export function PayButton({ bookingId, amountCents, size = 'medium' }: { bookingId: string; amountCents: number; size?: 'small' | 'medium' }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const { checkoutUrl } = await startCheckout(bookingId);
      window.location.assign(checkoutUrl);
    } catch (failure) {
      setError(toApiError(failure));
      setBusy(false);
    }
  };
  return (
    <>
      <Button iconId="fr-icon-bank-card-line" size={size} onClick={pay} disabled={busy}>
        {busy ? 'Ouverture du paiement…' : `Payer ${formatEuros(amountCents)}`}
      </Button>
      <ProblemAlert error={error} focus={false} />
    </>
  );
}
