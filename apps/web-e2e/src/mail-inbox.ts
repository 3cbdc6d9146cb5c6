/**
 * The e-mails the stack sent, read from apps/mail-sandbox's JSON API (the
 * notification service hands them to its SMTP server, as to a real relay),
 * so that the journey can follow their links as a person would.
 */
export interface SandboxMail {
  id: string;
  receivedAt: string;
  subject: string;
  text: string;
  html: string | null;
}

/** The mail-sandbox the stack runs (globalSetup sets it; `npm start`'s default otherwise). */
export function mailSandboxUrl(): string {
  return process.env['E2E_MAIL_SANDBOX_URL'] || 'http://127.0.0.1:3006';
}

/** Waits until the e-mails to `address` that `keep` accepts number at least `count`; oldest first. */
export async function mailsTo(
  address: string,
  keep: (mail: SandboxMail) => boolean,
  count = 1,
  timeoutMs = 30_000,
): Promise<SandboxMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetch(`${mailSandboxUrl()}/api/messages?to=${encodeURIComponent(address)}`);
    const { items } = (await answer.json()) as { items: SandboxMail[] };
    const kept = items.filter(keep).reverse();
    if (kept.length >= count) return kept;
    if (Date.now() > deadline)
      throw new Error(`${kept.length} of ${count} e-mail(s) to ${address} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The URL of an e-mail's action (its plain-text part writes « <label> : <url> »). */
export function actionLink(mail: SandboxMail, label: string): URL {
  const line = mail.text.split('\n').find((one) => one.startsWith(`${label}\u00a0: `));
  if (!line) throw new Error(`no « ${label} » link in the e-mail « ${mail.subject} »`);
  return new URL(line.slice(label.length + 3).trim());
}

/** The path of an e-mail's action, or null when it has none of that label. */
export function actionPath(mail: SandboxMail, label: string): string | null {
  try {
    return actionLink(mail, label).pathname;
  } catch {
    return null;
  }
}

/** Spaces as they are typed: the e-mails and pages write no-break spaces in amounts and times. */
export const plainSpaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
