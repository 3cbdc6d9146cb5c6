import express, { Router, type Response } from 'express';
import { PAYFIP_PATHS } from '@salle/contracts';
import { PAYER_CHOICES, type PayerChoice } from '../engine/operations';
import type { SandboxParts } from '../sandbox-parts';
import { messagePage } from './html';
import { paymentPage } from './payment-page';

const REFUSALS = {
  unknown: ['Paiement introuvable', 'Ce lien de paiement n’existe pas ou n’est plus valable.', 404],
  expired: ['Paiement expiré', 'Le délai de 15 minutes pour payer est dépassé : recommencez depuis le site.', 410],
  used: ['Paiement déjà traité', 'Ce paiement a déjà été réglé, refusé ou abandonné.', 409],
} as const;

/** The browser may be sent back to the platform's `urlredirect`: form-action must allow its origin. */
function pagePolicy(redirect?: string): string {
  let origin = '';
  try {
    origin = redirect ? new URL(redirect).origin : '';
  } catch {
    origin = '';
  }
  return `default-src 'self'; base-uri 'none'; form-action 'self' ${origin}; frame-ancestors 'none'; script-src 'none'; style-src 'unsafe-inline'`;
}

/** The idOp from `idop` or `idOp`, in the query or the form, as clients spell it. */
function idOpOf(source: unknown): string {
  const values = (source ?? {}) as Record<string, unknown>;
  const value = values['idop'] ?? values['idOp'];
  return typeof value === 'string' ? value : '';
}

/** `GET/POST /tpa/paiementws.web`: the payment page, then the payer's choice and the way back. */
export function pageRoutes(parts: SandboxParts): Router {
  const router = Router();
  const refuse = (res: Response, refusal: keyof typeof REFUSALS) => {
    const [title, message, status] = REFUSALS[refusal];
    res
      .status(status)
      .type('html')
      .send(messagePage(title, message.replace(' :', '\u00a0:')));
  };

  router.get(PAYFIP_PATHS.paymentPage, (req, res) => {
    const idOp = idOpOf(req.query);
    const refusal = parts.operations.pageRefusal(idOp);
    if (refusal) return refuse(res, refusal);
    const operation = parts.operations.get(idOp);
    if (!operation) return refuse(res, 'unknown');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-security-policy', pagePolicy(operation.request.urlredirect));
    const creditor = parts.clients.label(operation.request.numcli) ?? operation.request.numcli;
    res.type('html').send(paymentPage(operation, creditor, parts.debitSettlementMs));
  });

  router.post(PAYFIP_PATHS.paymentPage, express.urlencoded({ extended: false, limit: '8kb' }), (req, res) => {
    const idOp = idOpOf(req.body);
    const choice = (req.body as Record<string, unknown>)['choix'];
    const refusal = parts.operations.pageRefusal(idOp);
    if (refusal) return refuse(res, refusal);
    if (!PAYER_CHOICES.includes(choice as PayerChoice))
      return res
        .status(400)
        .type('html')
        .send(messagePage('Choix invalide', 'Choisissez un moyen de paiement ou abandonnez.'));
    const operation = parts.pay(idOp, choice as PayerChoice);
    const back = new URL(operation.request.urlredirect);
    back.searchParams.set('idop', idOp);
    res.setHeader('content-security-policy', pagePolicy(operation.request.urlredirect));
    res.redirect(303, back.toString());
  });
  return router;
}
