import { escapeHtml } from '@salle/runtime';
/** A message before it is written out: the same content gives the HTML and the plain-text parts. */
export interface MessageContent {
  subject: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** Label / value pairs shown as a small table (« Créneau », « Montant »...). */
  details: [string, string][];
  /** The one thing to do next, as a button (HTML) or a line with the URL (text). */
  action: { label: string; url: string } | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export interface Branding {
  /** « Département de l’Isère »: who sends, shown in the header and the footer. */
  departmentName: string;
  /** The site's origin, linked from the footer. */
  webUrl: string;
}

export { escapeHtml };

const FOOTER = 'Ce message vous est envoyé automatiquement par Salle sur demande\u00a0; merci de ne pas y répondre.';

function textPart(content: MessageContent, brand: Branding): string {
  const details = content.details.map(([label, value]) => `${label}${'\u00a0'}: ${value}`);
  const action = content.action ? [`${content.action.label}${'\u00a0'}: ${content.action.url}`] : [];
  const blocks = [
    content.paragraphs.join('\n\n'),
    details.join('\n'),
    action.join('\n'),
    `—\n${brand.departmentName} · Salle sur demande\n${FOOTER}\n${brand.webUrl}`,
  ];
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}

/** Inline styles only, in tables: what mail clients (Outlook included) render reliably. */
function htmlPart(content: MessageContent, brand: Branding): string {
  const paragraphs = content.paragraphs
    .map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`)
    .join('\n');
  const details = content.details.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${content.details
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;font-weight:bold">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#000091;color:#ffffff;padding:12px 20px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>`
    : '';
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;background:#f6f6f6;font-family:Marianne,Arial,sans-serif;color:#161616">
<table role="presentation" width="100%" style="border-collapse:collapse"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="600" style="border-collapse:collapse;background:#ffffff;max-width:600px">
<tr><td style="padding:16px 24px;border-bottom:4px solid #000091"><strong>${escapeHtml(brand.departmentName)}</strong><br>Salle sur demande</td></tr>
<tr><td style="padding:24px">
${paragraphs}
${details}
${action}
</td></tr>
<tr><td style="padding:16px 24px;font-size:12px;color:#666666">${escapeHtml(FOOTER)}<br><a href="${escapeHtml(brand.webUrl)}" style="color:#000091">${escapeHtml(brand.webUrl)}</a></td></tr>
</table>
</td></tr></table>
</body>
</html>`;
}

export function renderContent(content: MessageContent, brand: Branding): RenderedMessage {
  return { subject: content.subject, text: textPart(content, brand), html: htmlPart(content, brand) };
}
