import type { Response } from 'express';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Pages carry no inline script or style. Forms may lead to the identity
 * providers (the login buttons and the logout form end in redirects to
 * them, which `form-action` also governs).
 */
export function pageSecurityPolicy(providerOrigins: readonly string[], https: boolean): string {
  return [
    "default-src 'self'",
    "base-uri 'none'",
    `form-action 'self' ${providerOrigins.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'none'",
    "style-src 'self'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Salle sur demande</title>
<link rel="stylesheet" href="/assets/gateway.css">
</head>
<body>
<header class="site-header"><p class="site-name"><a href="/">Salle sur demande</a></p><p class="site-tagline">Les salles des collèges ouvertes aux associations</p></header>
<main>
${body}
</main>
</body>
</html>`;
}

export interface PageSender {
  (res: Response, status: number, html: string, headers?: Record<string, string>): void;
}

export function pageSender(policy: string): PageSender {
  return (res, status, html, headers = {}) => {
    res.status(status);
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('Cache-Control', 'no-store');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.type('html').send(html);
  };
}
