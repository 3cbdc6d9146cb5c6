import express, { Router, type RequestHandler } from 'express';
import type { SandboxParts } from '../api/api-context';
import { checkoutPage, messagePage } from './checkout-page';
import { onboardingPage } from './onboarding-page';

/** The hosted pages may send the browser back to the service that created the session or link. */
function pagePolicy(redirectOrigins: string[]): string {
  return [
    "default-src 'self'",
    "base-uri 'none'",
    `form-action 'self' ${redirectOrigins.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "object-src 'none'",
    "script-src 'none'",
    "style-src 'unsafe-inline'",
  ].join('; ');
}

function originsOf(...urls: (string | null | undefined)[]): string[] {
  const origins = new Set<string>();
  for (const url of urls) {
    if (!url) continue;
    try {
      origins.add(new URL(url).origin);
    } catch {
      // not a URL: nothing to allow
    }
  }
  return [...origins];
}

/** The pages a person sees: hosted checkout and hosted onboarding, in French. */
export function pageRoutes(parts: SandboxParts): Router {
  const router = Router();
  const form: RequestHandler = express.urlencoded({ extended: false, limit: '20kb' });

  router.get('/checkout/:id', (req, res) => {
    const view = parts.checkout.view(String(req.params['id']));
    if (!view)
      return res.status(404).type('html').send(messagePage('Session inconnue', "Ce lien de paiement n'existe pas."));
    res.setHeader(
      'content-security-policy',
      pagePolicy(originsOf(view.session['success_url'] as string, view.session['cancel_url'] as string)),
    );
    if (view.session['status'] !== 'open') {
      const done = view.session['status'] === 'complete';
      return res
        .status(done ? 200 : 410)
        .type('html')
        .send(
          done
            ? messagePage('Paiement terminé', 'Ce paiement est déjà terminé.')
            : messagePage('Session expirée', 'Cette session de paiement a expiré : le créneau a été libéré.'),
        );
    }
    res.type('html').send(checkoutPage(view, null));
  });

  router.post('/checkout/:id/pay', form, (req, res) => {
    const id = String(req.params['id']);
    const body = req.body as Record<string, string>;
    const attempt =
      body['method'] === 'sepa_debit'
        ? parts.checkout.payBySepa(id, body['iban'] ?? '')
        : parts.checkout.payByCard(id, body['cardNumber'] ?? '');
    if (attempt.outcome === 'processing') {
      parts.later(parts.sepaDelayMs, () => parts.checkout.settleDebit(id));
    }
    const view = parts.checkout.view(id);
    res.setHeader(
      'content-security-policy',
      pagePolicy(originsOf(view?.session['success_url'] as string, view?.session['cancel_url'] as string)),
    );
    if (attempt.outcome === 'paid' || attempt.outcome === 'processing') return res.redirect(303, attempt.redirect);
    if (attempt.outcome === 'closed' || !view) {
      const message = attempt.outcome === 'closed' ? attempt.message : 'Session de paiement inconnue.';
      return res.status(410).type('html').send(messagePage('Paiement impossible', message));
    }
    res.status(402).type('html').send(checkoutPage(view, attempt.message));
  });

  router.post('/checkout/:id/cancel', (req, res) => {
    const target = parts.checkout.cancelRedirect(String(req.params['id']));
    if (!target)
      return res.status(200).type('html').send(messagePage('Paiement annulé', 'Vous pouvez fermer cette page.'));
    res.setHeader('content-security-policy', pagePolicy(originsOf(target)));
    res.redirect(303, target);
  });

  router.get('/connect/onboarding/:token', (req, res) => {
    const opening = parts.accounts.open(String(req.params['token']));
    if (!opening.ok) {
      if (opening.redirect) return res.redirect(302, opening.redirect);
      return res.status(404).type('html').send(messagePage('Lien invalide', "Ce lien d'inscription n'existe pas."));
    }
    res.setHeader('cache-control', 'no-store');
    // The form's answer redirects to return_url: form-action must allow it, or browsers block the way back.
    res.setHeader('content-security-policy', pagePolicy(originsOf(opening.returnUrl)));
    res.type('html').send(onboardingPage(opening.visitId, opening.account));
  });

  router.post('/connect/onboarding/visits/:visitId', form, (req, res) => {
    const complete = (req.body as Record<string, string>)['action'] === 'complete';
    const target = parts.accounts.submit(String(req.params['visitId']), complete);
    if (!target)
      return res
        .status(410)
        .type('html')
        .send(messagePage('Lien expiré', 'Demandez un nouveau lien depuis Salle sur demande.'));
    res.setHeader('content-security-policy', pagePolicy(originsOf(target)));
    res.redirect(303, target);
  });

  return router;
}
