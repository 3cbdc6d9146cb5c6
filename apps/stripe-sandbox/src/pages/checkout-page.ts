import type { CheckoutView } from '../engine/checkout';
import { escapeHtml, formatEuros, page } from './html';

function expiryTime(unixSeconds: number): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
    new Date(unixSeconds * 1000),
  );
}

/** The hosted checkout page: the order, card and SEPA forms, the test numbers, and a way back. */
export function checkoutPage(view: CheckoutView, message: string | null): string {
  const { session } = view;
  const id = escapeHtml(session.id);
  const total = formatEuros(Number(session['amount_total']));
  const error = message ?? view.lastError;
  const items = view.lineItems
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.name)}</td><td>${item.quantity}</td><td>${formatEuros(item.unitAmount * item.quantity)}</td></tr>`,
    )
    .join('');
  return page(
    `Payer ${total}`,
    `<h1>Paiement</h1>
<table aria-label="Récapitulatif de la commande"><thead><tr><th>Article</th><th>Qté</th><th>Montant</th></tr></thead><tbody>${items}</tbody></table>
<p class="total">Total : ${total}</p>
<p>Cette page expire à ${expiryTime(Number(session['expires_at']))} (heure de Paris) : le créneau est réservé jusque-là.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/checkout/${id}/pay">
  <input type="hidden" name="method" value="card">
  <fieldset><legend>Carte bancaire</legend>
  <label for="card-number">Numéro de carte</label>
  <input id="card-number" name="cardNumber" inputmode="numeric" autocomplete="cc-number" required>
  <label for="card-expiry">Date d'expiration (MM/AA)</label>
  <input id="card-expiry" name="expiry" autocomplete="cc-exp" placeholder="12/34">
  <label for="card-cvc">Cryptogramme (CVC)</label>
  <input id="card-cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123">
  <label for="card-holder">Titulaire de la carte</label>
  <input id="card-holder" name="holder" autocomplete="cc-name">
  <button type="submit">Payer ${total}</button>
  </fieldset>
</form>
<form method="post" action="/checkout/${id}/pay">
  <input type="hidden" name="method" value="sepa_debit">
  <fieldset><legend>Prélèvement SEPA</legend>
  <label for="iban">IBAN</label>
  <input id="iban" name="iban" autocomplete="off" required>
  <p>Le prélèvement est confirmé par la banque après quelques jours (quelques secondes dans le bac à sable).</p>
  <button type="submit">Payer ${total} par prélèvement</button>
  </fieldset>
</form>
<form method="post" action="/checkout/${id}/cancel">
  <button type="submit" class="secondary">Annuler et revenir au site</button>
</form>
<details>
  <summary>Moyens de paiement de test</summary>
  <table>
    <thead><tr><th>Numéro</th><th>Résultat</th></tr></thead>
    <tbody>
      <tr><td>4242 4242 4242 4242</td><td>Paiement accepté</td></tr>
      <tr><td>4000 0000 0000 0002</td><td>Carte refusée</td></tr>
      <tr><td>4000 0000 0000 9995</td><td>Refusée : fonds insuffisants</td></tr>
      <tr><td>FR14 2004 1010 0505 0001 3M02 606</td><td>Prélèvement SEPA accepté (différé)</td></tr>
      <tr><td>FR30 2004 1010 0505 0001 3M02 609</td><td>Prélèvement SEPA rejeté (différé)</td></tr>
    </tbody>
  </table>
  <p>N'importe quelle date d'expiration future et n'importe quel cryptogramme conviennent.</p>
</details>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
