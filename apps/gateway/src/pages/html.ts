import type { Response } from 'express';
import { accessibilityConformity, DEFAULT_SITE_CONFIG, type SiteConfig } from '@salle/contracts';

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

/** Where the page sender puts the département's header and footer (its identity is read once, at start). */
const SITE_HEADER = '<!--site-header-->';
const SITE_FOOTER = '<!--site-footer-->';

/** The département's identity, as the web app's header shows it: logo (or name), service, tagline. */
export function siteHeader(site: SiteConfig): string {
  const brand = site.logo
    ? `<img class="site-logo" src="${escapeHtml(site.logo.url)}" alt="${escapeHtml(site.logo.alt)}">`
    : `<p class="site-department">${escapeHtml(site.departmentName)}</p>`;
  return `<header class="site-header">${brand}<div><p class="site-name"><a href="/">${escapeHtml(site.serviceTitle)}</a></p><p class="site-tagline">${escapeHtml(site.serviceTagline)}</p></div></header>`;
}

/** The département's contact and the legal pages, as the web app's footer links them. */
export function siteFooter(site: SiteConfig): string {
  const { status } = accessibilityConformity(site.legal.accessibility);
  const contact = escapeHtml(site.contactEmail);
  const links: [string, string][] = [
    ['/plan-du-site', 'Plan du site'],
    ['/accessibilite', `Accessibilité\u00a0: ${status}`],
    ['/mentions-legales', 'Mentions légales'],
    ['/donnees-personnelles', 'Données personnelles'],
    ['/cookies', 'Cookies'],
    ['/regles', 'Règles d’utilisation'],
  ];
  return `<footer class="site-footer"><p>${escapeHtml(site.serviceTitle)} – ${escapeHtml(site.departmentName)}. Contact\u00a0: <a href="mailto:${contact}">${contact}</a></p><ul>${links
    .map(([href, text]) => `<li><a href="${href}">${escapeHtml(text)}</a></li>`)
    .join('')}</ul></footer>`;
}

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Salle sur demande</title>
<link rel="icon" href="/site/favicon">
<link rel="stylesheet" href="/theme.css">
<link rel="stylesheet" href="/assets/gateway.css">
</head>
<body>
${SITE_HEADER}
<main>
${body}
</main>
${SITE_FOOTER}
</body>
</html>`;
}

export interface PageSender {
  (res: Response, status: number, html: string, headers?: Record<string, string>): void;
}

export function pageSender(policy: string, site: SiteConfig = DEFAULT_SITE_CONFIG): PageSender {
  const header = siteHeader(site);
  const footer = siteFooter(site);
  return (res, status, html, headers = {}) => {
    res.status(status);
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('Cache-Control', 'no-store');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.type('html').send(html.replace(SITE_HEADER, header).replace(SITE_FOOTER, footer));
  };
}
