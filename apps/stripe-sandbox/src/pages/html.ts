import { escapeHtml } from '@salle/runtime';
export { escapeHtml };

/** 4500 -> "45,00 €" (with a plain space, which every font has). */
export function formatEuros(cents: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/[\u202f\u00a0]/g, ' ');
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f6f6f6; color: #161616; }
  main { max-width: 34rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  .sandbox { background: #b34000; color: #fff; padding: .5rem 1rem; text-align: center; font-weight: bold; }
  .error { background: #ffe9e9; border-left: 4px solid #ce0500; padding: .5rem 1rem; }
  .total { font-size: 1.4rem; font-weight: bold; }
  label { display: block; margin-top: .75rem; font-weight: 600; }
  input { width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
  button { margin-top: 1rem; padding: .6rem 1rem; font-size: 1rem; background: #000091; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  button.secondary { background: #fff; color: #000091; border: 1px solid #000091; }
  table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
  td, th { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; font-size: .9rem; }
  fieldset { border: 1px solid #ddd; margin-top: 1rem; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Stripe (bac à sable)</title>
<style>${STYLE}</style>
</head>
<body>
<p class="sandbox" role="note">Bac à sable Stripe : environnement de test, aucune somme n'est réellement débitée.</p>
<main>
${body}
</main>
</body>
</html>`;
}
