import { NBSP, frenchDuration, frenchEuros } from '@salle/contracts';
import { escapeHtml } from '@salle/runtime';
import type { Operation, PayerChoice } from '../engine/operations';
import { page } from './html';

const CHOICE_LABELS: Record<PayerChoice, (settlement: string) => string> = {
  card: () => 'Carte bancaire\u00a0: paiement accepté',
  'card-refused': () => 'Carte bancaire\u00a0: paiement refusé',
  debit: (settlement) => `Prélèvement unique\u00a0: accepté, exécuté après ${settlement}`,
  'debit-refused': (settlement) => `Prélèvement unique\u00a0: rejeté par la banque après ${settlement}`,
  abandon: () => 'Abandonner le paiement',
};

/** 3 days, 2 hours, 45 min: the debit's delay on the simulated clock, in words. */
function settlementDelay(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return `${days}${NBSP}jour${days > 1 ? 's' : ''}`;
  return frenchDuration(Math.max(1, Math.round(ms / 60_000)));
}

/** The payment page of one operation: what is owed, to whom, and the outcomes a tester can pick. */
export function paymentPage(operation: Operation, creditor: string, debitSettlementMs: number): string {
  const { request } = operation;
  const amount = frenchEuros(Number(request.montant));
  const settlement = settlementDelay(debitSettlementMs);
  const options = (['card', 'card-refused', 'debit', 'debit-refused'] as const)
    .map(
      (choice, index) =>
        `<label><input type="radio" name="choix" value="${choice}"${index === 0 ? ' checked' : ''}> ${escapeHtml(
          CHOICE_LABELS[choice](settlement),
        )}</label>`,
    )
    .join('\n');
  return page(
    `Payer ${amount}`,
    `<h1>Paiement en ligne</h1>
<dl>
  <dt>Créancier</dt><dd>${escapeHtml(creditor)}</dd>
  <dt>Référence</dt><dd>${escapeHtml(request.refdet)}</dd>
  <dt>Objet</dt><dd>${escapeHtml(request.objet || '—')}</dd>
  <dt>Montant</dt><dd>${escapeHtml(amount)}</dd>
  <dt>Adresse électronique</dt><dd>${escapeHtml(request.mel)}</dd>
</dl>
<form method="post" action="paiementws.web">
  <input type="hidden" name="idop" value="${escapeHtml(operation.idOp)}">
  <fieldset>
    <legend>Moyen de paiement et résultat simulé</legend>
    ${options}
  </fieldset>
  <button type="submit">Valider le paiement de ${escapeHtml(amount)}</button>
</form>
<form method="post" action="paiementws.web">
  <input type="hidden" name="idop" value="${escapeHtml(operation.idOp)}">
  <input type="hidden" name="choix" value="abandon">
  <button type="submit" class="secondary">${CHOICE_LABELS.abandon('')}</button>
</form>
<p>Le prélèvement est exécuté selon l’horloge simulée du bac à sable (avancez-la depuis <code>/_sandbox/clock</code>).</p>`,
  );
}
