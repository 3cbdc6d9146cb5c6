const NB = '\u00a0';

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The small French page of an unsubscription link: before, a button that
 * posts to the same address; after, what was done and where to change it back.
 */
export function unsubscribePage(options: {
  label: string;
  done: boolean;
  webUrl: string;
  hasAccount: boolean;
}): string {
  const label = `«${NB}${escapeHtml(options.label)}${NB}»`;
  // An address listed for an organisation or a collège has no account, hence no « Mon compte » to send it to.
  const account = (sentence: string) => (options.hasAccount ? sentence : '');
  const body = options.done
    ? `<h1>C’est fait</h1>
<p>Vous ne recevrez plus les courriels ${label}.</p>
<p>Les messages dont votre réservation ne peut se passer (décision, paiement, annulation par le collège) vous parviendront toujours.</p>
${account(`<p>Vous pouvez changer d’avis à tout moment dans <a href="${escapeHtml(options.webUrl)}/compte">Mon compte</a>.</p>`)}`
    : `<h1>Ne plus recevoir ces courriels${NB}?</h1>
<p>Vous ne recevrez plus les courriels ${label}.</p>
<form method="post"><button type="submit">Confirmer</button></form>
${account(`<p>Vous pouvez aussi choisir vos messages dans <a href="${escapeHtml(options.webUrl)}/compte">Mon compte</a>.</p>`)}`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Désabonnement</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#161616}button{padding:.5rem 1rem;font-size:1rem}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
