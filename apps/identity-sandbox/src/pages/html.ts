import { escapeHtml } from '@salle/runtime';

export { escapeHtml };

const STYLE = `
body{font-family:Marianne,Arial,sans-serif;margin:0;color:#161616;background:#f6f6f6}
header{background:#000091;color:#fff;padding:1rem 2rem}
header p{margin:.25rem 0 0;font-size:.9rem}
.sandbox{background:#ffe9e6;color:#ce0500;border-bottom:2px solid #ce0500;padding:.5rem 2rem;font-weight:bold}
main{max-width:52rem;margin:1.5rem auto;padding:0 1rem}
section{background:#fff;padding:1rem 1.5rem;margin-bottom:1rem;border-radius:4px}
ul{list-style:none;padding:0;margin:0}
li{padding:.4rem 0;border-bottom:1px solid #eee}
button{background:#000091;color:#fff;border:0;padding:.5rem 1rem;cursor:pointer;font-size:1rem}
button:hover{background:#1212ff}
li small{display:block;color:#555;margin-top:.2rem}
.error-code{font-family:monospace;font-size:1.2rem}
a{color:#000091}
`;

/** The frame of every sandbox page: a federation header and a banner nobody can mistake for the real service. */
export function layout(federationName: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${escapeHtml(federationName)} (bac à sable)</title><style>${STYLE}</style></head>
<body>
<header><strong>${escapeHtml(federationName)}</strong><p>Fournisseur d'identité simulé</p></header>
<div class="sandbox" role="alert">Bac à sable : ceci n'est pas le vrai ${escapeHtml(federationName)}. Identités fictives, aucune donnée réelle.</div>
<main>
${body}
</main>
</body>
</html>`;
}
