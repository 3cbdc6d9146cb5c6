import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { parseRequest } from '@salle/http';
import { apiKeyOf } from '../api/api-auth';
import type { SandboxParts } from '../api/api-context';
import { faultSettingsSchema } from '../api/fault-switches';
import { render } from '../engine/render';
import { StripeApiError, invalidRequest } from '../engine/stripe-error';

const payBodySchema = z.strictObject({ card: z.string().optional(), iban: z.string().optional() });
const settleBodySchema = z.strictObject({ outcome: z.enum(['success', 'failure']).optional() });

/**
 * `/_sandbox/*`: what a tester does by hand on the pages, and the fault
 * switches, as JSON for tests and demos. Same API key as `/v1`.
 */
export function controlRoutes(parts: SandboxParts): Router {
  const router = Router();
  router.use((req, _res, next) => {
    try {
      apiKeyOf(req.get('authorization'), (key) => parts.acceptsKey(key));
      next();
    } catch (error) {
      next(error);
    }
  });

  router.get('/requests', (_req, res) => {
    res.json({ requests: parts.recorder.list() });
  });
  router.delete('/requests', (_req, res) => {
    parts.recorder.clear();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => {
    res.json(parts.faults.snapshot());
  });
  router.post('/faults', (req, res) => {
    parts.faults.update(parseRequest(faultSettingsSchema, req.body));
    res.json(parts.faults.snapshot());
  });
  router.delete('/faults', (_req, res) => {
    parts.faults.reset();
    res.json(parts.faults.snapshot());
  });

  router.get('/webhooks', (_req, res) => {
    res.json(parts.dispatcher.stats);
  });

  router.post('/checkout/sessions/:id/pay', (req, res) => {
    const body = parseRequest(payBodySchema, req.body);
    const id = String(req.params['id']);
    parts.store.get(id, 'checkout.session');
    const attempt = body.iban
      ? parts.checkout.payBySepa(id, body.iban)
      : parts.checkout.payByCard(id, body.card ?? '4242424242424242');
    res.status(attempt.outcome === 'paid' || attempt.outcome === 'processing' ? 200 : 402).json({
      ...attempt,
      session: render(parts.store, parts.checkout.retrieve(id)),
    });
  });
  router.post('/checkout/sessions/:id/settle', (req, res) => {
    const body = parseRequest(settleBodySchema, req.body ?? {});
    const settled = parts.checkout.settleDebit(String(req.params['id']), body.outcome);
    if (!settled) throw invalidRequest('No SEPA debit is processing for this session.');
    res.json(render(parts.store, parts.checkout.retrieve(String(req.params['id'])), ['payment_intent']));
  });
  router.post('/checkout/sessions/:id/expire', (req, res) => {
    res.json(render(parts.store, parts.checkout.expireNow(String(req.params['id']))));
  });

  router.post('/accounts/:id/complete-onboarding', (req, res) => {
    res.json(render(parts.store, parts.accounts.complete(String(req.params['id']))));
  });
  router.post('/accounts/:id/restrict', (req, res) => {
    res.json(render(parts.store, parts.accounts.restrict(String(req.params['id']))));
  });
  router.post('/accounts/:id/payouts', (req, res) => {
    res.json(render(parts.store, parts.money.payout(String(req.params['id']))));
  });
  router.post('/charges/:id/disputes', (req, res) => {
    res.json(render(parts.store, parts.money.dispute(String(req.params['id']))));
  });
  router.post('/refunds/:id/complete', (req, res) => {
    parts.money.completeRefund(String(req.params['id']));
    res.json(render(parts.store, parts.store.get(String(req.params['id']), 'refund')));
  });
  router.post('/events/:id/resend', (req, res) => {
    const event = parts.store.get(String(req.params['id']), 'event');
    parts.dispatcher.resend(event);
    res.json({ resent: event.id });
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof StripeApiError) return res.status(error.status).json(error.body('control'));
    next(error);
  });
  return router;
}
