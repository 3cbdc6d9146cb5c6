import type { CaughtMessage } from './mailbox';
import { escapeHtml } from '@salle/runtime';

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f6f6f6; color: #161616; }
  main { max-width: 60rem; margin: 1.5rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  .sandbox { background: #b34000; color: #fff; padding: .5rem 1rem; text-align: center; font-weight: bold; margin: 0; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border-bottom: 1px solid #ddd; padding: .4rem .5rem; text-align: left; font-size: .9rem; vertical-align: top; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: 1rem; }
  iframe { width: 100%; min-height: 30rem; border: 1px solid #ddd; }
  button { padding: .4rem .8rem; background: #000091; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
`;

const when = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' }).format(
    new Date(iso),
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Courriels (bac à sable)</title>
<style>${STYLE}</style>
</head>
<body>
<p class="sandbox" role="note">Bac à sable&nbsp;: ces courriels ont été interceptés sur cette machine et n’ont été remis à personne.</p>
<main>
${body}
</main>
</body>
</html>`;
}

/** The list of caught messages, newest first. */
export function inboxPage(messages: CaughtMessage[]): string {
  const rows = messages
    .map(
      (message) =>
        `<tr><td>${escapeHtml(when(message.receivedAt))}</td><td>${escapeHtml(message.envelope.to.join(', '))}</td>` +
        `<td><a href="/messages/${escapeHtml(message.id)}">${escapeHtml(message.subject || '(sans objet)')}</a></td></tr>`,
    )
    .join('\n');
  const table = messages.length
    ? `<table><thead><tr><th scope="col">Reçu le</th><th scope="col">Destinataires</th><th scope="col">Objet</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>Aucun courriel pour l’instant.</p>';
  return page(
    'Boîte de réception',
    `<h1>Boîte de réception (${messages.length})</h1>
<form method="post" action="/messages/delete"><button type="submit">Tout effacer</button></form>
${table}`,
  );
}

/** One message: its headers, its plain text and its HTML in a sandboxed frame (no script, no form). */
export function messagePage(message: CaughtMessage): string {
  const html = message.html
    ? `<h2>Version HTML</h2><iframe title="Version HTML du courriel" sandbox srcdoc="${escapeHtml(message.html)}"></iframe>`
    : '';
  return page(
    message.subject || '(sans objet)',
    `<p><a href="/">← Boîte de réception</a></p>
<h1>${escapeHtml(message.subject || '(sans objet)')}</h1>
<table>
<tr><th scope="row">De</th><td>${escapeHtml(message.from)}</td></tr>
<tr><th scope="row">À</th><td>${escapeHtml(message.envelope.to.join(', '))}</td></tr>
<tr><th scope="row">Reçu le</th><td>${escapeHtml(when(message.receivedAt))}</td></tr>
</table>
<h2>Version texte</h2>
<pre>${escapeHtml(message.text)}</pre>
${html}`,
  );
}
