import { escapeHtml } from '@salle/runtime';

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f4f4; color: #161616; line-height: 1.5; }
  main { max-width: 36rem; margin: 1.5rem auto; background: #fff; padding: 1.25rem 1.5rem; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  .sandbox { background: #8f2d00; color: #fff; padding: .75rem 1rem; text-align: center; font-weight: bold; margin: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
  fieldset { border: 1px solid #929292; margin-top: 1rem; padding: .75rem 1rem; }
  label { display: block; padding: .35rem 0; }
  button { margin-top: 1rem; padding: .6rem 1rem; font-size: 1rem; background: #1b3a6b; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  button.secondary { background: #fff; color: #1b3a6b; border: 1px solid #1b3a6b; }
  button:focus-visible, input:focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · PayFiP (bac à sable)</title>
<style>${STYLE}</style>
</head>
<body>
<p class="sandbox" role="note">BAC À SABLE PayFiP\u00a0: ceci n’est pas le service de la DGFiP, aucune somme n’est débitée.</p>
<main>
${body}
</main>
</body>
</html>`;
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
