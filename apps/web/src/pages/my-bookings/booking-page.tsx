import type { PaymentChoice } from '@salle/contracts';
import { CANCELLABLE_STATUSES, SLOT_HOLDING_STATUSES, type BookingStatus } from '@salle/contracts';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { bookingApi } from '../../api/booking-api';
import { bookingPayment, receiptUrl } from '../../api/payment-api';
import type { PageProps } from '../../app/routes';
import { Link, useLocation } from '../../app/router';
import { hasRole, useSession } from '../../app/session';
import { usePageTitle } from '../../app/site-context';
import { AccessInstructionsFacts } from '../../components/access-instructions';
import { TextAreaField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { PayButton } from '../../components/pay-button';
import { EstablishmentContact } from '../../components/establishment-contact';
import { BookingIncidents } from '../../components/incidents';
import { Conversation } from './conversation';
import { LoadFailure } from '../../components/load-failure';
import { ProblemAlert } from '../../components/problem-alert';
import { BookingStatusBadge } from '../../components/status-badge';
import { useAsync } from '../../components/use-async';
import { useAction } from '../../components/use-action';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { BOOKING_STATUS } from '../../lib/labels';
import { formatEuros } from '../../lib/money';
import { formatDateTime, formatSlot } from '../../lib/paris-time';
import { counterPaidText, refundStatements, refundUnderWay, summarisePayment } from '../../lib/payment-summary';
import { estimateRefund } from '../../lib/refund-estimate';
import { Alert, Button } from '../../ui';
import { Dialog } from '../../ui/dialog';
import { InvoicePanel } from './invoice-panel';
import { ConventionPanel } from './convention-panel';
import { PAYMENT_AFTER_SIGNATURES } from './payment-after-signatures';

// The collège's form for a payment received at its counter: loaded only on the bookings it may record one for.
const CounterPaymentPanel = lazy(() => import('./counter-payment-panel'));

/** How an organisation whose request the collège entered said it would pay. */
const PAYMENT_CHOICE_LABELS: Record<PaymentChoice, string> = {
  online: 'Paiement en ligne (lien envoyé au contact)',
  invoice: 'Facture (payeur public)',
  counter: 'Paiement au guichet du collège',
};

const CANCELLABLE: readonly BookingStatus[] = CANCELLABLE_STATUSES;
/** The checkout's return paths (`/reservations/:id/paiement/confirme|annule`) as the `paiement` query value. */
const PAYMENT_OUTCOMES: Record<string, string> = { confirme: 'reussi', annule: 'annule' };
const MAX_CONFIRMATION_POLLS = 30;
/** Who made a change, as the history says it ("Confirmée (automatiquement)", not "(par automatiquement)"). */
const ACTORS: Record<string, string> = {
  organisation_member: 'par l’organisation',
  establishment_manager: 'par le collège',
  department_admin: 'par le département',
  system: 'automatiquement',
  payment: 'par le service de paiement',
};

export function BookingPage({ params }: PageProps) {
  const bookingId = params['bookingId'] ?? '';
  const { me } = useSession();
  const location = useLocation();
  const data = useAsync(
    async (signal) => {
      const booking = await bookingApi.booking(bookingId, { signal });
      // The booking names its space and collège; the collège is still read for its commune and cancellation policy.
      // What was paid and given back is the payment service's to say; the page still shows the booking if it does not answer.
      const [establishment, payment] = await Promise.all([
        bookingApi.establishment(booking.establishmentId, { signal }),
        bookingPayment(bookingId, { signal }).then(summarisePayment, () => null),
      ]);
      return { booking, establishment, payment };
    },
    [bookingId],
  );
  usePageTitle(
    data.data ? `Réservation du ${formatSlot(data.data.booking.startsAt, data.data.booking.endsAt)}` : 'Réservation',
  );
  const [reason, setReason] = useState('');
  const [cancelled, setCancelled] = useState(false);
  const [counterRecorded, setCounterRecorded] = useState(false);
  const { busy, error, run } = useAction();
  const [outcomeRef, focusOutcomeSoon] = useFocusAfterRender<HTMLDivElement>();
  const paymentReturn = location.search.get('paiement') ?? PAYMENT_OUTCOMES[params['paymentOutcome'] ?? ''] ?? null;
  // Back from the checkout, or a payment just recorded at the counter: the booking service confirms it shortly.
  const settling =
    (paymentReturn === 'reussi' || counterRecorded) &&
    data.data !== undefined &&
    !['confirmed', 'completed'].includes(data.data.booking.status);
  const refunding =
    data.data !== undefined && data.data.booking.status === 'cancelled' && refundUnderWay(data.data.payment);
  const polls = useRef(0);
  const { reload } = data;
  useEffect(() => {
    // The payment service confirms the booking from the provider's webhook, a few seconds after the payer's return,
    // and refunds a cancelled booking in the background: the page follows both.
    if ((!settling && !refunding) || polls.current >= MAX_CONFIRMATION_POLLS) return;
    const timer = window.setTimeout(() => {
      polls.current += 1;
      reload();
    }, 2_000);
    return () => window.clearTimeout(timer);
  }, [settling, refunding, reload, data.data]);

  if (data.loading && !data.data) return <Loading label="Chargement de la réservation…" />;
  if (data.error || !data.data)
    return (
      <LoadFailure
        error={data.error}
        notFoundTitle="Réservation introuvable"
        failureTitle="La réservation n’a pas pu être affichée"
      />
    );
  const { booking, establishment, payment } = data.data;
  const isMember = Boolean(me?.organisations.some((organisation) => organisation.id === booking.organisationId));
  const isManager =
    Boolean(me?.establishments.some((item) => item.id === booking.establishmentId)) || hasRole(me, 'department_admin');
  const canCancel =
    (isMember || isManager) && CANCELLABLE.includes(booking.status) && Date.parse(booking.startsAt) > Date.now();
  // Before payment, the signatures come first: no checkout opens until every party signed the convention.
  const canPay =
    isMember &&
    (booking.status === 'approved' || booking.status === 'awaiting_payment') &&
    booking.priceCents > 0 &&
    !booking.awaitingSignatures &&
    // Paid before the signatures (after_payment): it waits for them, not for a payment.
    !booking.conventionDueAt;
  const hasReceipt = isMember && payment?.receiptAvailable === true;
  // Any booking awaiting its payment may be paid at the collège's counter, whatever payment was announced.
  const canRecordCounter =
    isManager &&
    (booking.status === 'approved' || booking.status === 'awaiting_payment') &&
    booking.priceCents > 0 &&
    booking.renterCategory !== 'commune' &&
    payment?.payable === true;
  const refund = isMember && !isManager ? estimateRefund(booking, establishment.cancellationPolicy) : null;

  // The dialog closes on success and its button goes with the cancellable status: the focus moves to the outcome.
  const cancel = async (close: () => void) => {
    const done = await run(() => bookingApi.cancel(booking.id, reason.trim() || undefined));
    if (!done) return;
    close();
    setCancelled(true);
    focusOutcomeSoon();
    data.reload();
  };

  return (
    <>
      <h1 className="salle-mb-1w">Réservation du {formatSlot(booking.startsAt, booking.endsAt)}</h1>
      <p className="salle-text--lead salle-mb-2w">
        <Link href={`/espaces/${booking.spaceId}`}>{booking.spaceName}</Link>, {booking.establishmentName} (
        {establishment.communeName})
      </p>
      <EstablishmentContact establishment={establishment} />
      <p>
        Statut&nbsp;: <BookingStatusBadge status={booking.status} />
      </p>
      {cancelled && (
        <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target salle-mb-2w" role="status">
          <Alert severity="success" small description="Réservation annulée." />
        </div>
      )}
      {paymentReturn === 'reussi' && booking.status !== 'confirmed' && (
        <Alert
          severity="info"
          small
          className="salle-mb-2w"
          description={
            'Votre paiement est en cours de confirmation\u00a0: cette page sera à jour dans quelques instants.'
          }
        />
      )}
      {counterRecorded && (
        <div ref={outcomeRef} tabIndex={-1} className="salle-focus-target salle-mb-2w" role="status">
          <Alert
            severity="success"
            small
            description={
              booking.status === 'confirmed'
                ? 'Paiement au guichet enregistré\u00a0: la réservation est confirmée.'
                : 'Paiement au guichet enregistré\u00a0: la réservation sera confirmée dans quelques instants.'
            }
          />
        </div>
      )}
      {paymentReturn === 'annule' && (
        <Alert
          severity="warning"
          small
          className="salle-mb-2w"
          description="Le paiement a été interrompu. Vous pouvez le reprendre ci-dessous."
        />
      )}
      <ul>
        <li>
          Prix : {formatEuros(booking.priceCents)}
          {booking.priceExplanation && ` (${booking.priceExplanation})`}
          {booking.depositCents > 0 && `, caution ${formatEuros(booking.depositCents)}`}
        </li>
        {booking.enteredByStaff && (
          <li>
            Demande saisie par le collège pour l’organisation
            {booking.paymentChoice
              ? `, règlement prévu\u00a0: ${PAYMENT_CHOICE_LABELS[booking.paymentChoice].toLowerCase()}`
              : ''}
            .
          </li>
        )}
        {booking.purpose && <li>Activité&nbsp;: {booking.purpose}</li>}
        {booking.attendees !== null && <li>Participants : {booking.attendees}</li>}
        {booking.seriesId && (
          <li>
            Cette séance fait partie d’une <Link href={`/series/${booking.seriesId}`}>série hebdomadaire</Link>.
          </li>
        )}
        {booking.status === 'requested' && booking.expiresAt && (
          <li>Sans réponse du collège, la demande expirera le {formatDateTime(booking.expiresAt)}.</li>
        )}
        {booking.status === 'awaiting_payment' && booking.expiresAt && (
          <li>À payer avant le {formatDateTime(booking.expiresAt)}, sinon le créneau sera libéré.</li>
        )}
        {booking.awaitingSignatures && <li>{PAYMENT_AFTER_SIGNATURES}</li>}
        {booking.conventionDueAt && !booking.conventionOverdueAt && (
          <li>
            Payée&nbsp;: la convention doit être signée par toutes les parties avant le{' '}
            {formatDateTime(booking.conventionDueAt)}.
          </li>
        )}
        {booking.conventionOverdueAt && (
          <li>
            <strong>
              Convention non signée à l’échéance du{' '}
              {formatDateTime(booking.conventionDueAt ?? booking.conventionOverdueAt)}.
            </strong>{' '}
            Le collège décide de la suite&nbsp;: faire signer la convention, ou annuler la réservation, qui est alors
            remboursée.
          </li>
        )}
        {booking.decisionMessage && <li>Message du collège&nbsp;: {booking.decisionMessage}</li>}
        {booking.refusalReason && <li>Motif du refus&nbsp;: {booking.refusalReason}</li>}
        {booking.cancellationReason && <li>Motif de l’annulation&nbsp;: {booking.cancellationReason}</li>}
        {payment?.counter && <li>{counterPaidText(payment.counter)}.</li>}
        {payment && refundStatements(payment).map((statement) => <li key={statement}>{statement}</li>)}
        {payment === null && booking.priceCents > 0 && booking.renterCategory !== 'commune' && (
          <li>Les informations de paiement sont momentanément indisponibles.</li>
        )}
      </ul>
      {booking.status === 'confirmed' && <AccessInstructionsFacts spaceId={booking.spaceId} />}

      {booking.renterCategory === 'commune' && booking.priceCents > 0 && (
        <InvoicePanel bookingId={booking.id} isManager={isManager} />
      )}
      <ConventionPanel bookingId={booking.id} />
      {canRecordCounter && (
        <Suspense fallback={<Loading label="Chargement du formulaire de paiement au guichet…" />}>
          <CounterPaymentPanel
            target={{ bookingId: booking.id }}
            amountCents={booking.priceCents}
            dueAt={booking.expiresAt}
            counterChosen={booking.paymentChoice === 'counter'}
            onRecorded={() => {
              setCounterRecorded(true);
              focusOutcomeSoon();
              data.reload();
            }}
          />
        </Suspense>
      )}

      <ProblemAlert error={error} />
      <ul className="salle-btns-group salle-btns-group--inline-md">
        {canPay && (
          <li>
            <PayButton bookingId={booking.id} amountCents={booking.priceCents} />
          </li>
        )}
        {(SLOT_HOLDING_STATUSES as readonly BookingStatus[]).includes(booking.status) && (
          <li>
            <a className="salle-btn salle-btn--secondary" href={bookingApi.conventionUrl(booking.id)} download>
              {booking.status === 'requested' ? 'Projet de convention (PDF)' : 'Convention (PDF)'}
            </a>
          </li>
        )}
        {hasReceipt && (
          <li>
            <a className="salle-btn salle-btn--secondary" href={receiptUrl(booking.id)} download>
              Télécharger le reçu (PDF)
            </a>
          </li>
        )}
        {canCancel && (
          <li>
            <Dialog triggerLabel="Annuler la réservation" title="Confirmer l’annulation">
              {(close) => (
                <>
                  <CancellationTerms refund={refund} priceCents={booking.priceCents} />
                  <ProblemAlert error={error} />
                  <TextAreaField
                    formId="annulation"
                    name="reason"
                    label="Motif"
                    hint="Facultatif, transmis à l’autre partie"
                    rows={2}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                  <ul className="salle-btns-group salle-btns-group--inline-md">
                    <li>
                      <Button onClick={() => void cancel(close)} disabled={busy}>
                        {busy ? 'Annulation…' : 'Confirmer l’annulation'}
                      </Button>
                    </li>
                    <li>
                      <Button priority="secondary" onClick={close}>
                        Garder la réservation
                      </Button>
                    </li>
                  </ul>
                </>
              )}
            </Dialog>
          </li>
        )}
      </ul>

      {(isMember || isManager) && (
        <Conversation bookingId={booking.id} withWhom={isMember && !isManager ? 'le collège' : 'l’organisation'} />
      )}

      <BookingIncidents booking={booking} canRecord={isManager} />

      <p className="salle-mt-4w">
        <Link href={`/reservations/${booking.id}/messages`}>Messages envoyés</Link> au sujet de cette réservation
      </p>

      {booking.history.length > 0 && (
        <>
          <h2 className="salle-h4 salle-mt-4w">Historique</h2>
          <ol>
            {booking.history.map((entry, index) => (
              <li key={index}>
                {formatDateTime(entry.at)}&nbsp;:{' '}
                {BOOKING_STATUS[entry.toStatus as BookingStatus]?.label ?? entry.toStatus}
                {ACTORS[entry.actorRole] ? ` (${ACTORS[entry.actorRole]})` : ''}
                {entry.reason ? ` – ${entry.reason}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

/** What cancelling costs, as the confirmation says it before the person confirms. */
function CancellationTerms({
  refund,
  priceCents,
}: {
  refund: ReturnType<typeof estimateRefund> | null;
  priceCents: number;
}) {
  if (!refund) return <p>L’annulation par le collège est remboursée en totalité à l’organisation.</p>;
  if (refund.unpaid) return <p>{refund.explanation}</p>;
  return (
    <p>
      {refund.explanation} Le remboursement sera de <strong>{formatEuros(refund.refundCents)}</strong> sur{' '}
      {formatEuros(priceCents)} payés.
    </p>
  );
}
