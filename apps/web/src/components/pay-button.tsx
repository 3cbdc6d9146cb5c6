import { startCheckout } from '../api/payment-api';
import { formatEuros } from '../lib/money';
import { ProblemAlert } from './problem-alert';
import { useAction } from './use-action';
import { Button } from '../ui';

/** Opens the payment page of an approved booking (the payment service answers a checkout URL). */
export function PayButton({
  bookingId,
  amountCents,
  size = 'medium',
}: {
  bookingId: string;
  amountCents: number;
  size?: 'small' | 'medium';
}) {
  const { busy, error, run } = useAction();
  const pay = () =>
    run(
      async () => {
        const { checkoutUrl } = await startCheckout(bookingId);
        window.location.assign(checkoutUrl);
      },
      { leavesPage: true },
    );
  return (
    <>
      <Button size={size} onClick={pay} disabled={busy}>
        {busy ? 'Ouverture du paiement…' : `Payer ${formatEuros(amountCents)}`}
      </Button>
      <ProblemAlert error={error} focus={false} />
    </>
  );
}
