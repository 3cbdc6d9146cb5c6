import type { CaughtSms } from './sms-inbox';
import { escapeHtml } from '@salle/runtime';

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f6f6f6; color: #161616; }
  main { max-width: 60rem; margin: 1.5rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  .sandbox { background: #b34000; color: #fff; padding: .5rem 1rem; text-align: center; font-weight: bold; margin: 0; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border-bottom: 1px solid #ddd; padding: .4rem .5rem; text-align: left; font-size: .9rem; vertical-align: top; }
  td.text { white-space: pre-wrap; }
  button { padding: .4rem .8rem; background: #000091; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
`;

const when = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' }).format(
    new Date(iso),
  );

const ENCODINGS = { gsm7: 'GSM 7 bits', ucs2: 'UCS-2' } as const;

/** What the delivery-report callback was told, and whether it answered. */
function reportCell(sms: CaughtSms): string {
  const report = sms.deliveryReport;
  if (!report) return 'aucun';
  const outcome = report.dlr === 1 ? 'remis' : 'non remis';
  const answer = report.callbackStatus === null ? 'rappel injoignable' : `rappel ${report.callbackStatus}`;
  return `${outcome} (${answer})`;
}

/** The received SMS, newest first, with the cost of each. */
export function inboxPage(messages: CaughtSms[]): string {
  const rows = messages
    .map(
      (sms) =>
        `<tr><td>${escapeHtml(when(sms.receivedAt))}</td><td>${escapeHtml(sms.receiver)}</td>` +
        `<td>${escapeHtml(sms.sender ?? '(numéro court)')}</td><td class="text">${escapeHtml(sms.message)}</td>` +
        `<td>${sms.segments} SMS (${ENCODINGS[sms.encoding]})</td><td>${escapeHtml(reportCell(sms))}</td></tr>`,
    )
    .join('\n');
  const table = messages.length
    ? `<table><thead><tr><th scope="col">Reçu le</th><th scope="col">Destinataire</th><th scope="col">Expéditeur</th><th scope="col">Texte</th><th scope="col">Coût</th><th scope="col">Accusé de réception</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>Aucun SMS pour l’instant.</p>';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>SMS reçus (bac à sable)</title>
<style>${STYLE}</style>
</head>
<body>
<p class="sandbox" role="note">Bac à sable&nbsp;: ces SMS ont été interceptés sur cette machine et n’ont été envoyés à personne.</p>
<main>
<h1>SMS reçus (${messages.length})</h1>
<form method="post" action="/messages/delete"><button type="submit">Tout effacer</button></form>
${table}
</main>
</body>
</html>`;
}
