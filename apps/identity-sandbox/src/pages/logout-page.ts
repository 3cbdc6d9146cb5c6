import { layout } from './html';

/** The inline script that submits the logout form, so it can be allowed by hash in the CSP. */
export const LOGOUT_SUBMIT_SCRIPT = "document.getElementById('op.logoutForm').submit();";

/**
 * FranceConnect's logout confirmation submits itself: the user is logged out
 * of the federation and sent back to the service without a click. `form` is
 * oidc-provider's form (carrying its xsrf token); `logout=yes` ends the whole
 * session rather than only the service's part of it.
 */
export function logoutPage(federationName: string, form: string): string {
  const withLogout = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  return layout(
    federationName,
    'Déconnexion',
    `<section>
<h1>Déconnexion en cours…</h1>
${withLogout}
<noscript><button type="submit" form="op.logoutForm">Se déconnecter</button></noscript>
<script>${LOGOUT_SUBMIT_SCRIPT}</script>
</section>`,
  );
}

export function loggedOutPage(federationName: string): string {
  return layout(federationName, 'Déconnecté', '<section><h1>Vous êtes déconnecté(e).</h1></section>');
}
