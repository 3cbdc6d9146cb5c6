import type { AccountRole, IdentityProvider, MeResponse } from '@salle/contracts';
import { escapeHtml, layout } from './html';

const ROLE_LABELS: Record<AccountRole, string> = {
  department_admin: 'Administrateur ou administratrice du département',
  establishment_manager: 'Gestionnaire d’un collège',
  organisation_member: 'Membre d’une organisation',
};

const PROVIDER_LABELS = { franceconnect: 'FranceConnect', proconnect: 'ProConnect' } as const;

/** The federation's own login button (docs/federations.md, "The login buttons"), as a GET form so that no script is needed. */
function connectButton(provider: IdentityProvider): string {
  const brand = PROVIDER_LABELS[provider];
  const about = provider === 'franceconnect' ? 'https://franceconnect.gouv.fr/' : 'https://www.proconnect.gouv.fr/';
  return `<form method="get" action="/auth/${provider}/login">
<div class="connect-group">
<button class="connect connect--${provider}" type="submit"><span class="connect__login">S’identifier avec</span><span class="connect__brand">${brand}</span></button>
<p><a href="${about}" target="_blank" rel="noopener" title="Qu’est-ce que ${brand}\u00a0? - nouvelle fenêtre">Qu’est-ce que ${brand}\u00a0?</a></p>
</div>
</form>`;
}

export function anonymousHomePage(notice?: string): string {
  return layout(
    'Connexion',
    `${notice ? `<p class="notice">${escapeHtml(notice)}</p>` : ''}
<h1>Réserver une salle de collège</h1>
<p>Salle sur demande permet aux associations, communes et organismes de louer les salles et gymnases des collèges du département en dehors du temps scolaire.</p>
<section class="login-method" aria-labelledby="login-people">
<h2 id="login-people">Associations et particuliers</h2>
<p>FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion à vos services en ligne.</p>
${connectButton('franceconnect')}
</section>
<p class="separator">ou</p>
<section class="login-method" aria-labelledby="login-agents">
<h2 id="login-agents">Agents des collèges et du département</h2>
<p>ProConnect est la solution d’identification des professionnels et des agents publics.</p>
${connectButton('proconnect')}
</section>`,
  );
}

function list(items: string[], empty: string, className: string): string {
  if (items.length === 0) return `<p>${escapeHtml(empty)}</p>`;
  return `<ul class="${className}">${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

export function accountHomePage(me: MeResponse): string {
  const roles = list(
    me.roles.map((role) => escapeHtml(ROLE_LABELS[role])),
    'Aucun rôle particulier pour le moment\u00a0: vous pourrez déclarer votre association.',
    'roles',
  );
  const organisations = list(
    me.organisations.map((organisation) => escapeHtml(organisation.name)),
    'Aucune organisation.',
    'memberships organisations',
  );
  const establishments = list(
    me.establishments.map((establishment) => `${escapeHtml(establishment.name)} (${escapeHtml(establishment.uai)})`),
    'Aucun établissement géré.',
    'memberships establishments',
  );
  return layout(
    'Mon compte',
    `<h1>Bonjour ${escapeHtml(me.account.displayName)}</h1>
<p>Vous êtes connecté(e) avec ${PROVIDER_LABELS[me.account.provider]}${
      me.account.organisationLabel ? ` pour ${escapeHtml(me.account.organisationLabel)}` : ''
    }.</p>
${me.incomplete ? '<p class="notice">Le service de réservation ne répond pas\u00a0: vos organisations et établissements ne peuvent pas être affichés pour le moment.</p>' : ''}
<h2>Vos rôles</h2>
${roles}
<h2>Vos organisations</h2>
${organisations}
<h2>Établissements que vous gérez</h2>
${establishments}
<form method="post" action="/auth/logout" class="actions">
<input type="hidden" name="csrf" value="${escapeHtml(me.csrfToken)}">
<button type="submit" class="button">Se déconnecter</button>
</form>`,
  );
}
