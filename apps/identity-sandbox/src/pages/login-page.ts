import type { IdentityGroup, SandboxIdentity } from '../identities/sandbox-identity';
import { escapeHtml, layout } from './html';

export interface LoginPageContent {
  federationName: string;
  serviceName: string;
  /** Where the identity form posts. */
  action: string;
  /** The "back to the service" link (ends the flow with access_denied). */
  abortUrl: string;
  groups: readonly { group: IdentityGroup; title: string }[];
  identities: readonly SandboxIdentity[];
}

export function loginPage(content: LoginPageContent): string {
  const sections = content.groups
    .map(({ group, title }) => {
      const members = content.identities.filter((identity) => identity.group === group);
      if (members.length === 0) return '';
      const items = members
        .map(
          (identity) =>
            `<li><button type="submit" name="identity" value="${escapeHtml(identity.accountId)}">${escapeHtml(identity.label)}</button>` +
            `<small>${escapeHtml(identity.description)}</small></li>`,
        )
        .join('\n');
      return `<section><h2>${escapeHtml(title)}</h2><ul>\n${items}\n</ul></section>`;
    })
    .join('\n');
  return layout(
    content.federationName,
    'Connexion',
    `<h1>Connexion à ${escapeHtml(content.serviceName)}</h1>
<p>Choisissez l'identité de test avec laquelle vous connecter. Aucun mot de passe n'est demandé.</p>
<p><a href="${escapeHtml(content.abortUrl)}">Revenir sur ${escapeHtml(content.serviceName)}</a></p>
<form method="post" action="${escapeHtml(content.action)}">
${sections}
</form>`,
  );
}

export interface ConsentPageContent {
  federationName: string;
  serviceName: string;
  identityLabel: string;
  action: string;
  abortUrl: string;
}

/** Shown when a session already exists (single sign-on): FranceConnect asks to confirm before going back. */
export function consentPage(content: ConsentPageContent): string {
  return layout(
    content.federationName,
    'Confirmation',
    `<section>
<h1>Continuer sur ${escapeHtml(content.serviceName)}</h1>
<p>Vous êtes connecté(e) en tant que <strong>${escapeHtml(content.identityLabel)}</strong>.</p>
<form method="post" action="${escapeHtml(content.action)}"><button type="submit">Continuer sur ${escapeHtml(content.serviceName)}</button></form>
<p><a href="${escapeHtml(content.abortUrl)}">Revenir sur ${escapeHtml(content.serviceName)}</a></p>
</section>`,
  );
}
