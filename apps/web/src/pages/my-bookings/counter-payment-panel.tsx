import {
  COUNTER_PAYMENT_METHOD_LABELS,
  COUNTER_PAYMENT_METHODS,
  type CounterPaymentMethod,
  type CounterPaymentRecorded,
} from '@salle/contracts';
import { useState, type FormEvent } from 'react';
import { recordCounterPayment, type CounterPaymentTarget } from '../../api/counter-payment-api';
import { RadioGroup, TextField } from '../../components/form-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { centsToInput, formatEuros, parseEuros } from '../../lib/money';
import { formatDateTime, todayInParis } from '../../lib/paris-time';
import { Button } from '../../ui';

const FORM = 'guichet';
const METHOD_OPTIONS = COUNTER_PAYMENT_METHODS.map((method) => ({
  value: method,
  label: COUNTER_PAYMENT_METHOD_LABELS[method],
}));

export interface CounterPaymentPanelProps {
  /** What is paid: a booking, or a series' payment period (every session of it still to pay). */
  target: CounterPaymentTarget;
  /** The amount due, the only one the payment service accepts. */
  amountCents: number;
  /** The payment deadline: unpaid by then, the slot (or the period's sessions) is released, a counter payment included. */
  dueAt: string | null;
  /** The organisation said it would pay at the counter when the collège entered its request. */
  counterChosen?: boolean;
  /** A series' period: its label, as the payment schedule names it. */
  periodLabel?: string;
  onRecorded: (recorded: CounterPaymentRecorded) => void;
  /** Closes the form without recording anything (where it was opened on demand). */
  onCancel?: () => void;
}

/** The sentence above the form: what is to be received, by when, and what happens otherwise. */
function dueSentence({ target, amountCents, dueAt, counterChosen, periodLabel }: CounterPaymentPanelProps): string {
  const before = dueAt ? ` avant le ${formatDateTime(dueAt)}` : '';
  if ('seriesId' in target)
    return `${periodLabel ?? 'Période'}, ses séances encore à payer en un seul paiement\u00a0: ${formatEuros(amountCents)}${
      dueAt ? `${before}, sinon elles seront libérées` : ''
    }.`;
  const intro = counterChosen ? 'À encaisser au guichet' : 'Le paiement peut aussi être reçu au guichet';
  return `${intro}\u00a0: ${formatEuros(amountCents)}${dueAt ? `${before}, sinon le créneau sera libéré` : ''}.`;
}

/**
 * The collège's form « Enregistrer un paiement au guichet » on a booking or a series' period awaiting payment: how
 * the régie was paid, the amount (the amount due, prefilled), its quittance number and the day received. Loaded
 * only when shown.
 */
export default function CounterPaymentPanel(props: CounterPaymentPanelProps) {
  const { target, amountCents, onRecorded, onCancel } = props;
  const today = todayInParis();
  const [method, setMethod] = useState<CounterPaymentMethod>('cheque');
  const [amount, setAmount] = useState(centsToInput(amountCents));
  const [quittance, setQuittance] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuros(amount);
    const errors: Record<string, string> = {};
    if (cents === null) errors['amount'] = 'Indiquez un montant en euros, par exemple 30 ou 30,50.';
    if (quittance.trim() === '') errors['quittance'] = 'Indiquez le numéro de la quittance remise au payeur.';
    if (receivedOn === '' || receivedOn > today) errors['receivedOn'] = 'Indiquez une date passée ou celle du jour.';
    setFieldErrors(errors);
    if (cents === null || Object.keys(errors).length > 0) return;
    let recorded: CounterPaymentRecorded | null = null;
    const done = await run(async () => {
      recorded = await recordCounterPayment(target, {
        method,
        amountCents: cents,
        quittance: quittance.trim(),
        receivedOn,
      });
    });
    if (done && recorded) onRecorded(recorded);
  };

  return (
    <section aria-labelledby="guichet-titre" className="salle-my-4w">
      <h2 id="guichet-titre" className="salle-h4">
        Enregistrer un paiement au guichet
      </h2>
      <p>{dueSentence(props)}</p>
      <form id={FORM} onSubmit={(event) => void submit(event)} noValidate>
        <RadioGroup
          formId={FORM}
          name="method"
          legend="Moyen de paiement"
          options={METHOD_OPTIONS}
          value={method}
          onChange={(value) => setMethod(value as CounterPaymentMethod)}
        />
        <TextField
          formId={FORM}
          name="amount"
          label="Montant reçu (€)"
          hint={`Le montant dû\u00a0: ${formatEuros(amountCents)}, ni plus ni moins.`}
          inputMode="decimal"
          value={amount}
          error={fieldErrors['amount']}
          onChange={(event) => setAmount(event.target.value)}
        />
        <TextField
          formId={FORM}
          name="quittance"
          label="Numéro de quittance"
          hint="Celui de la quittance de la régie remise au payeur."
          maxLength={40}
          value={quittance}
          error={fieldErrors['quittance']}
          onChange={(event) => setQuittance(event.target.value)}
        />
        <TextField
          formId={FORM}
          name="receivedOn"
          type="date"
          label="Date de réception"
          max={today}
          value={receivedOn}
          error={fieldErrors['receivedOn']}
          onChange={(event) => setReceivedOn(event.target.value)}
        />
        <ProblemAlert error={error} />
        <ul className="salle-btns-group salle-btns-group--inline-md">
          <li>
            <Button type="submit" disabled={busy}>
              {busy ? 'Enregistrement…' : 'Enregistrer le paiement au guichet'}
            </Button>
          </li>
          {onCancel && (
            <li>
              <Button type="button" priority="secondary" onClick={onCancel}>
                Fermer sans enregistrer
              </Button>
            </li>
          )}
        </ul>
      </form>
    </section>
  );
}
