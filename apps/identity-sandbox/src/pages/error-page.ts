import { escapeHtml, layout } from './html';

export interface ErrorPageContent {
  federationName: string;
  /** FranceConnect-style code (`Y030007`...) or the OAuth error name. */
  code: string;
  message: string;
  detail?: string;
}

/** The provider's own error page: shown when it cannot, or must not, redirect back to the service. */
export function errorPage({ federationName, code, message, detail }: ErrorPageContent): string {
  return layout(
    federationName,
    'Erreur',
    `<section>
<h1>Une erreur s'est produite</h1>
<p>${escapeHtml(message)}</p>
${detail ? `<p><small>${escapeHtml(detail)}</small></p>` : ''}
<p>Code d'erreur : <span class="error-code" data-error-code="${escapeHtml(code)}">${escapeHtml(code)}</span></p>
<p>Si le problème persiste, revenez sur le service et recommencez la connexion.</p>
</section>`,
  );
}

/** The bare page a reverse proxy shows when the server behind it fails (for the 502/503 faults). */
export function proxyErrorPage(status: number, reason: string): string {
  return `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center><hr><center>nginx</center></body></html>`;
}
