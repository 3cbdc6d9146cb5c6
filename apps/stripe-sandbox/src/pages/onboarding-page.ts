import type { StripeObject } from '../engine/sandbox-store';
import { escapeHtml, page } from './html';

/** Hosted onboarding of a connected account (a collège's payout account). */
export function onboardingPage(visitId: string, account: StripeObject): string {
  const profile = (account['business_profile'] ?? {}) as { name?: string | null };
  const name = profile.name ?? 'Établissement';
  return page(
    'Compte de versement',
    `<h1>Compte de versement de ${escapeHtml(name)}</h1>
<p>Compte ${escapeHtml(account.id)}. Dans le vrai Stripe, l'établissement fournit ici l'identité de son représentant légal et le RIB de son compte au Trésor.</p>
<form method="post" action="/connect/onboarding/visits/${escapeHtml(visitId)}">
  <label for="representative">Représentant légal (agent comptable)</label>
  <input id="representative" name="representative" value="Camille Martin" autocomplete="name">
  <label for="iban">IBAN du compte au Trésor</label>
  <input id="iban" name="iban" value="FR76 1007 1380 0000 0010 0000 123" autocomplete="off">
  <button type="submit" name="action" value="complete">Valider l'inscription</button>
  <button type="submit" name="action" value="later" class="secondary">Enregistrer et terminer plus tard</button>
</form>`,
  );
}
